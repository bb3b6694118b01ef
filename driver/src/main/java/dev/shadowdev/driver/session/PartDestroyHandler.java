package dev.shadowdev.driver.session;

import dev.shadowdev.wire.PartDestroyFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartDestroyRequestFlyweight;

/** PART_DESTROY, only on the base node (EPERM); once the firmware destroyed the partition its node is removed. */
final class PartDestroyHandler implements TransactionHandler
{
    private final HandlerSupport support;

    PartDestroyHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.PART_DESTROY;
    }

    @Override
    public int answerType()
    {
        return WireTypes.PART_DESTROY_FROM_DEV;
    }

    @Override
    public int refuse(final RequestContext ctx)
    {
        return support.refuseUnlessBase(NodeTypes.PART_DESTROY);
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        final int partitionId = ctx.intField(PartDestroyRequestFlyweight.PARTITION_ID_OFFSET);
        final int flags = ctx.intField(PartDestroyRequestFlyweight.FLAGS_OFFSET);
        if (!batch.reserveAnswer(PartDestroyFromDevFlyweight.LENGTH) ||
            batch.writer().appendPartDestroy(partitionId, flags) < 0)
        {
            return NO_ROOM;
        }
        batch.partitionId(batch.add(NodeTypes.PART_DESTROY), partitionId);
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + PartDestroyFromDevFlyweight.STATUS_OFFSET);
        if (status == 0)
        {
            support.services.registry().partitionGone(batch.partitionId(entry), "partition destroyed");
        }
        ctx.answerEmpty(NodeTypes.PART_DESTROY, status);
    }
}

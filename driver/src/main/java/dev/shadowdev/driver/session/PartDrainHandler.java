package dev.shadowdev.driver.session;

import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartDrainFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartDrainResponseFlyweight;

/**
 * PART_DRAIN (ABI.md 6.1), only on the base node (EPERM on a shadow node and on the cgroup node's sessions):
 * partition, flags and grace go to the firmware as they are (the node validator checked flags and reserved); the
 * firmware cordons, keeps the grace timer and preempts. Answered with the partition's active workloads when the
 * drain began.
 */
final class PartDrainHandler implements TransactionHandler
{
    private final HandlerSupport support;

    PartDrainHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.PART_DRAIN;
    }

    @Override
    public int answerType()
    {
        return WireTypes.PART_DRAIN_FROM_DEV;
    }

    @Override
    public int refuse(final RequestContext ctx)
    {
        return support.refuseUnlessBase(NodeTypes.PART_DRAIN);
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        if (!batch.reserveAnswer(PartDrainFromDevFlyweight.LENGTH) || batch.writer().appendPartDrain(
            ctx.intField(PartDrainFlyweight.PARTITION_ID_OFFSET), ctx.intField(PartDrainFlyweight.FLAGS_OFFSET),
            ctx.intField(PartDrainFlyweight.GRACE_MS_OFFSET)) < 0)
        {
            return NO_ROOM;
        }
        final int added = batch.add(NodeTypes.PART_DRAIN);
        batch.partitionId(added, ctx.intField(PartDrainFlyweight.PARTITION_ID_OFFSET));
        batch.requestIndex(added, ctx.index(0));
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + PartDrainFromDevFlyweight.STATUS_OFFSET);
        if (status != 0)
        {
            ctx.answerEmpty(NodeTypes.PART_DRAIN, status);
        }
        else if (support.room(ctx, PartDrainResponseFlyweight.LENGTH, NodeTypes.PART_DRAIN, ctx.indexOfEntry(entry)))
        {
            ctx.response().appendPartDrain(0, m.getInt(off + PartDrainFromDevFlyweight.ACTIVE_WORKLOADS_OFFSET));
        }
        if (status == 0)
        {
            final int at = batch.requestIndex(entry);
            final boolean undo = (ctx.view().getInt(at + PartDrainFlyweight.FLAGS_OFFSET) &
                PartDrainFlyweight.FLAG_UNDO) != 0;
            final long grace = ctx.view().getUnsignedInt(at + PartDrainFlyweight.GRACE_MS_OFFSET);
            final int active = m.getInt(off + PartDrainFromDevFlyweight.ACTIVE_WORKLOADS_OFFSET);
            support.services.registry().partitionEvent(batch.partitionId(entry), undo ?
                "undrain active=" + active :
                "drain grace_ms=" + (grace == 0xFFFF_FFFFL ? "never" : Long.toString(grace)) + " active=" + active);
        }
    }
}

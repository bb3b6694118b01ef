package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.PartResizeFromDevFlyweight;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartResizeResponseFlyweight;

/**
 * PART_RESIZE (ABI.md 6.1), only on the base node (EPERM on a shadow node and on the cgroup node's sessions): the
 * body (partition, flags, min, max) is copied as it is; the firmware resizes in place and checks every value. The
 * partition's node, minor and sessions are the driver's and do not change. ENOSPC and EBUSY come back with the
 * firmware's short mask; success with the number of workloads preempted.
 */
final class PartResizeHandler implements TransactionHandler
{
    private final HandlerSupport support;

    PartResizeHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.PART_RESIZE;
    }

    @Override
    public int answerType()
    {
        return WireTypes.PART_RESIZE_FROM_DEV;
    }

    @Override
    public int refuse(final RequestContext ctx)
    {
        return support.refuseUnlessBase(NodeTypes.PART_RESIZE);
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        if (!batch.reserveAnswer(PartResizeFromDevFlyweight.LENGTH) ||
            batch.writer().appendPartResize(ctx.view(), ctx.index(PartResizeFlyweight.PARTITION_ID_OFFSET)) < 0)
        {
            return NO_ROOM;
        }
        final int added = batch.add(NodeTypes.PART_RESIZE);
        batch.partitionId(added, ctx.intField(PartResizeFlyweight.PARTITION_ID_OFFSET));
        batch.requestIndex(added, ctx.index(0));
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + PartResizeFromDevFlyweight.STATUS_OFFSET);
        if (status != 0 && status != Errno.ENOSPC.status() && status != Errno.EBUSY.status())
        {
            ctx.answerEmpty(NodeTypes.PART_RESIZE, status);
        }
        else if (support.room(ctx, PartResizeResponseFlyweight.LENGTH, NodeTypes.PART_RESIZE, ctx.indexOfEntry(entry)))
        {
            ctx.response().appendPartResize(status,
                m.getInt(off + PartResizeFromDevFlyweight.SHORT_MASK_OFFSET),
                m.getInt(off + PartResizeFromDevFlyweight.PREEMPTED_OFFSET));
        }
        if (status == 0)
        {
            support.services.registry().partitionEvent(batch.partitionId(entry), resizeLine(ctx.view(),
                batch.requestIndex(entry), m.getInt(off + PartResizeFromDevFlyweight.PREEMPTED_OFFSET)));
        }
    }

    /** @return the event line of a resize: {@code resize cores=1..4 memory=.. .. preempted=N} (ABI.md 6.2). */
    private static String resizeLine(final WireBuffer request, final int at, final int preempted)
    {
        final StringBuilder sb = new StringBuilder("resize");
        for (int r = 0; r < Resource.COUNT; r++)
        {
            sb.append(' ').append(Resource.of(r).key()).append('=')
                .append(request.getLong(at + PartResizeFlyweight.MIN_OFFSET + r * Long.BYTES)).append("..")
                .append(request.getLong(at + PartResizeFlyweight.MAX_OFFSET + r * Long.BYTES));
        }
        final int flags = request.getInt(at + PartResizeFlyweight.FLAGS_OFFSET);
        if ((flags & PartResizeFlyweight.FLAG_SET_LEND) != 0)
        {
            sb.append(" lend=true");
        }
        if ((flags & PartResizeFlyweight.FLAG_CLEAR_LEND) != 0)
        {
            sb.append(" lend=false");
        }
        return sb.append(" preempted=").append(preempted).toString();
    }
}

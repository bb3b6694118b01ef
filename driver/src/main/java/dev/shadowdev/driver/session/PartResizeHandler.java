package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.PartResizeFromDevFlyweight;
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
        batch.add(NodeTypes.PART_RESIZE);
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
    }
}

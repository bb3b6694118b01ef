package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartCreateFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.PartCreateFlyweight;
import dev.shadowdev.wire.node.PartCreateResponseFlyweight;

/**
 * PART_CREATE, only on the base node (EPERM): the body is copied, never the header, which the control client
 * stamps; the v1 body (name and resources, transaction length 80) or the v1.1 body (name, min, max, flags; 128,
 * ABI.md 6.1) by the request's length, which the node validator allowed to be one of the two. ENOSPC comes back
 * with the resources that were short.
 */
final class PartCreateHandler implements TransactionHandler
{
    private final HandlerSupport support;

    PartCreateHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.PART_CREATE;
    }

    @Override
    public int answerType()
    {
        return WireTypes.PART_CREATE_FROM_DEV;
    }

    @Override
    public int refuse(final RequestContext ctx)
    {
        return support.refuseUnlessBase(NodeTypes.PART_CREATE);
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        final int body = ctx.index(PartCreateFlyweight.NAME_OFFSET);
        if (!batch.reserveAnswer(PartCreateFromDevFlyweight.LENGTH) ||
            (ctx.length() == PartCreateExFlyweight.LENGTH ?
                batch.writer().appendPartCreateEx(ctx.view(), body) :
                batch.writer().appendPartCreate(ctx.view(), body)) < 0)
        {
            return NO_ROOM;
        }
        batch.add(NodeTypes.PART_CREATE);
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + PartCreateFromDevFlyweight.STATUS_OFFSET);
        if (status != 0 && status != Errno.ENOSPC.status())
        {
            ctx.answerEmpty(NodeTypes.PART_CREATE, status);
        }
        else if (support.room(ctx, PartCreateResponseFlyweight.LENGTH, NodeTypes.PART_CREATE, ctx.indexOfEntry(entry)))
        {
            ctx.response().appendPartCreate(status,
                m.getInt(off + PartCreateFromDevFlyweight.PARTITION_ID_OFFSET),
                m.getInt(off + PartCreateFromDevFlyweight.SHORT_MASK_OFFSET));
        }
    }
}

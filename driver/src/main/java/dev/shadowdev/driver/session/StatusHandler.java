package dev.shadowdev.driver.session;

import dev.shadowdev.wire.StatusFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.StatusResponseFlyweight;

/** STATUS: the firmware's version and flags. */
final class StatusHandler implements TransactionHandler
{
    private final HandlerSupport support;

    StatusHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.STATUS;
    }

    @Override
    public int answerType()
    {
        return WireTypes.STATUS_FROM_DEV;
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        if (!batch.reserveAnswer(StatusFromDevFlyweight.LENGTH) || batch.writer().appendStatus() < 0)
        {
            return NO_ROOM;
        }
        batch.add(NodeTypes.STATUS);
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + StatusFromDevFlyweight.STATUS_OFFSET);
        if (!support.room(ctx, StatusResponseFlyweight.LENGTH, NodeTypes.STATUS, ctx.indexOfEntry(entry)))
        {
            return;
        }
        ctx.response().appendStatus(status,
            m.getUnsignedShort(off + StatusFromDevFlyweight.MAJOR_OFFSET),
            m.getUnsignedShort(off + StatusFromDevFlyweight.MINOR_OFFSET),
            status,
            m.getLong(off + StatusFromDevFlyweight.STATUS_FLAGS_OFFSET));
        support.noteStatus(status);
    }
}

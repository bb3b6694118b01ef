package dev.shadowdev.driver.session;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.wire.node.PassthroughResponseFlyweight;

/** PASSTHROUGH: the bytes go to the firmware and its bytes come back; the answer is as long as the request. */
final class PassthroughHandler implements TransactionHandler
{
    private final HandlerSupport support;

    PassthroughHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.PASSTHROUGH;
    }

    @Override
    public int answerType()
    {
        return WireTypes.PASSTHROUGH_FROM_DEV;
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        final int dataLength = ctx.length() - PassthroughFlyweight.DATA_OFFSET;
        if (!batch.reserveAnswer(WireTransactionHeaderFlyweight.HEADER_LENGTH + dataLength) ||
            batch.writer().appendPassthrough(
                ctx.view(), ctx.index(PassthroughFlyweight.DATA_OFFSET), dataLength) < 0)
        {
            return NO_ROOM;
        }
        batch.add(NodeTypes.PASSTHROUGH);
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int dataLength = m.getInt(off + PassthroughFlyweight.LEN_OFFSET) - PassthroughFlyweight.DATA_OFFSET;
        final int index = ctx.indexOfEntry(entry);
        if (ctx.fits(PassthroughResponseFlyweight.DATA_OFFSET + dataLength, index))
        {
            ctx.response().appendPassthrough(0, m, off + PassthroughFlyweight.DATA_OFFSET, dataLength);
        }
        else
        {
            support.tooLong(ctx, NodeTypes.PASSTHROUGH, index);
        }
    }
}

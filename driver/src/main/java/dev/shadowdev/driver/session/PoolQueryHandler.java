package dev.shadowdev.driver.session;

import dev.shadowdev.wire.PoolQueryFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PoolQueryResponseFlyweight;

/** POOL_QUERY: the card's resources, total and free, copied as the firmware gives them. */
final class PoolQueryHandler implements TransactionHandler
{
    private final HandlerSupport support;

    PoolQueryHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.POOL_QUERY;
    }

    @Override
    public int answerType()
    {
        return WireTypes.POOL_QUERY_FROM_DEV;
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        if (!batch.reserveAnswer(PoolQueryFromDevFlyweight.LENGTH) || batch.writer().appendPoolQuery() < 0)
        {
            return NO_ROOM;
        }
        batch.add(NodeTypes.POOL_QUERY);
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + PoolQueryFromDevFlyweight.STATUS_OFFSET);
        if (status != 0)
        {
            ctx.answerEmpty(NodeTypes.POOL_QUERY, status);
            support.noteStatus(status);
        }
        else if (support.room(ctx, PoolQueryResponseFlyweight.LENGTH, NodeTypes.POOL_QUERY, ctx.indexOfEntry(entry)))
        {
            final int at = ctx.response().reserve(NodeTypes.POOL_QUERY, 0, PoolQueryResponseFlyweight.LENGTH);
            ctx.responseBuffer().putBytes(at + PoolQueryResponseFlyweight.TOTAL_OFFSET, m,
                off + PoolQueryFromDevFlyweight.TOTAL_OFFSET,
                PoolQueryResponseFlyweight.LENGTH - PoolQueryResponseFlyweight.TOTAL_OFFSET);
        }
    }
}

package dev.shadowdev.driver.session;

import dev.shadowdev.wire.PartQueryFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.node.PartQueryResponseFlyweight;

/** PART_QUERY: the partition table; its answer can use a whole message, so it travels alone. */
final class PartQueryHandler implements TransactionHandler
{
    private final HandlerSupport support;

    PartQueryHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.PART_QUERY;
    }

    @Override
    public int answerType()
    {
        return WireTypes.PART_QUERY_FROM_DEV;
    }

    @Override
    public boolean conflicts(final RequestContext ctx, final WireBatch batch)
    {
        return true;
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        if (!batch.isEmpty() || batch.writer().appendPartQuery() < 0)
        {
            return NO_ROOM;
        }
        batch.add(NodeTypes.PART_QUERY);
        batch.closeToMore();
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + PartQueryFromDevFlyweight.STATUS_OFFSET);
        final int n = m.getInt(off + PartQueryFromDevFlyweight.N_OFFSET);
        final int index = ctx.indexOfEntry(entry);
        if (status != 0)
        {
            ctx.answerEmpty(NodeTypes.PART_QUERY, status);
            support.noteStatus(status);
        }
        else if (ctx.fits(PartQueryResponseFlyweight.lengthFor(n), index))
        {
            final int at = ctx.response().appendPartQuery(0, n);
            ctx.responseBuffer().putBytes(at + PartQueryResponseFlyweight.ENTRIES_OFFSET, m,
                off + PartQueryFromDevFlyweight.ENTRIES_OFFSET, n * PartitionEntryFlyweight.LENGTH);
        }
        else
        {
            support.tooLong(ctx, NodeTypes.PART_QUERY, index);
        }
    }
}

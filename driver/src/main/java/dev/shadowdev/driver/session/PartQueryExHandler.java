package dev.shadowdev.driver.session;

import dev.shadowdev.wire.PartQueryExFromDevFlyweight;
import dev.shadowdev.wire.PartitionEntryExFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartQueryExResponseFlyweight;

/**
 * PART_QUERY_EX (ABI.md 6.1), on every node: the firmware lists what the session's partition tag may see (every
 * partition on the base node, its own elsewhere), as for PART_QUERY. Its answer can use a whole message, so it
 * travels alone; the 208-byte entries are copied as the firmware gives them.
 */
final class PartQueryExHandler implements TransactionHandler
{
    private final HandlerSupport support;

    PartQueryExHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.PART_QUERY_EX;
    }

    @Override
    public int answerType()
    {
        return WireTypes.PART_QUERY_EX_FROM_DEV;
    }

    @Override
    public boolean conflicts(final RequestContext ctx, final WireBatch batch)
    {
        return true;
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        if (!batch.isEmpty() || batch.writer().appendPartQueryEx() < 0)
        {
            return NO_ROOM;
        }
        batch.add(NodeTypes.PART_QUERY_EX);
        batch.closeToMore();
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + PartQueryExFromDevFlyweight.STATUS_OFFSET);
        final int n = m.getInt(off + PartQueryExFromDevFlyweight.N_OFFSET);
        final int index = ctx.indexOfEntry(entry);
        if (status != 0)
        {
            ctx.answerEmpty(NodeTypes.PART_QUERY_EX, status);
            support.noteStatus(status);
        }
        else if (ctx.fits(PartQueryExResponseFlyweight.lengthFor(n), index))
        {
            final int at = ctx.response().appendPartQueryEx(0, n);
            ctx.responseBuffer().putBytes(at + PartQueryExResponseFlyweight.ENTRIES_OFFSET, m,
                off + PartQueryExFromDevFlyweight.ENTRIES_OFFSET, n * PartitionEntryExFlyweight.LENGTH);
        }
        else
        {
            support.tooLong(ctx, NodeTypes.PART_QUERY_EX, index);
        }
    }
}

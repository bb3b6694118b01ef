package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.dbc.DbcBinding;
import dev.shadowdev.wire.DeactivateFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.DeactivateRequestFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEACTIVATE: only of a DBC this session activated (EACCES otherwise, whatever the partition); its queues are given
 * back once the firmware let go of them (done, or it did not know the DBC).
 */
final class DeactivateHandler implements TransactionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(DeactivateHandler.class);

    private final HandlerSupport support;

    DeactivateHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.DEACTIVATE;
    }

    @Override
    public int answerType()
    {
        return WireTypes.DEACTIVATE_FROM_DEV;
    }

    @Override
    public int refuse(final RequestContext ctx)
    {
        final int dbcId = ctx.intField(DeactivateRequestFlyweight.DBC_ID_OFFSET);
        if (support.services.dbcTable().ownedBy(dbcId, support.session) == null)
        {
            LOG.warn("transaction refused: reason=dbc not activated by this session type=DEACTIVATE " +
                "dbc_id={} handle={}", dbcId & 0xFFFF_FFFFL, support.session.handle());
            return Errno.EACCES.status();
        }
        return 0;
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        final int dbcId = ctx.intField(DeactivateRequestFlyweight.DBC_ID_OFFSET);
        if (!batch.reserveAnswer(DeactivateFromDevFlyweight.LENGTH) || batch.writer().appendDeactivate(dbcId) < 0)
        {
            return NO_ROOM;
        }
        batch.binding(batch.add(NodeTypes.DEACTIVATE), support.services.dbcTable().ownedBy(dbcId, support.session));
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + DeactivateFromDevFlyweight.STATUS_OFFSET);
        final DbcBinding binding = batch.binding(entry);
        // ECANCELED: the workload was preempted; the firmware forgets it on this DEACTIVATE, and so does the driver.
        if ((status == 0 || status == Errno.ENOENT.status() || status == Errno.ECANCELED.status()) && binding != null)
        {
            support.services.dbcTable().release(binding);
        }
        ctx.answerEmpty(NodeTypes.DEACTIVATE, status);
        support.noteStatus(status);
    }
}

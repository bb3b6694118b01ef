package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.dbc.DbcBinding;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.ActivateToDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.ActivateRequestFlyweight;
import dev.shadowdev.wire.node.ActivateResponseFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACTIVATE: the DBC queues are allocated in host memory before the request goes out (ENOSPC when none are left)
 * and bound to the DBC the firmware assigns, or given back when it refuses. The slot must fit the 16 bits of the
 * wire's options (EINVAL). ENOSPC and EDQUOT (an elastic partition at its max, ABI.md 6) answer with the
 * firmware's short mask. Without an answer the queues are quarantined until the firmware certainly forgot them.
 */
final class ActivateHandler implements TransactionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(ActivateHandler.class);

    private final HandlerSupport support;
    private final SessionServices services;

    ActivateHandler(final HandlerSupport support)
    {
        this.support = support;
        this.services = support.services;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.ACTIVATE;
    }

    @Override
    public int answerType()
    {
        return WireTypes.ACTIVATE_FROM_DEV;
    }

    @Override
    public int refuse(final RequestContext ctx)
    {
        final int slot = ctx.intField(ActivateRequestFlyweight.SLOT_OFFSET);
        if ((slot & ~ActivateToDevFlyweight.OPTIONS_SLOT_MASK) != 0)
        {
            LOG.warn("transaction refused: reason=bad slot type=ACTIVATE slot={}", slot & 0xFFFF_FFFFL);
            return Errno.EINVAL.status();
        }
        return 0;
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        if (batch.writer().remaining() < ActivateToDevFlyweight.LENGTH ||
            !batch.reserveAnswer(ActivateFromDevFlyweight.LENGTH))
        {
            return NO_ROOM;
        }
        final DbcBinding binding = services.dbcTable().allocate(
            support.session, services.options().dbcQueueElements(), services.options().executeBufferBytes());
        if (binding == null)
        {
            return Errno.ENOSPC.status();
        }
        if (batch.writer().appendActivate(
            binding.requestQueueAddress(), binding.responseQueueAddress(), binding.elements(),
            binding.elements(), Math.max(binding.queueBytes(), binding.bufferBytes()),
            ctx.intField(ActivateRequestFlyweight.SLOT_OFFSET)) < 0)
        {
            services.dbcTable().release(binding);
            return NO_ROOM;
        }
        batch.binding(batch.add(NodeTypes.ACTIVATE), binding);
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int index = ctx.indexOfEntry(entry);
        final int status = m.getInt(off + ActivateFromDevFlyweight.STATUS_OFFSET);
        final DbcBinding binding = batch.binding(entry);
        final boolean room = ctx.fits(ActivateResponseFlyweight.LENGTH, index);
        if (status != 0)
        {
            services.dbcTable().release(binding);
            if ((status == Errno.ENOSPC.status() || status == Errno.EDQUOT.status()) && room)
            {
                ctx.response().appendActivate(
                    status, 0, (int)m.getLong(off + ActivateFromDevFlyweight.OPTIONS_OFFSET), 0);
            }
            else
            {
                ctx.answerEmpty(NodeTypes.ACTIVATE, status);
            }
            if (status == Errno.EDQUOT.status() && !support.session.node().isBase())
            {
                support.services.registry().partitionEvent(support.session.partitionId(), "limit " +
                    ShortMasks.describe((int)m.getLong(off + ActivateFromDevFlyweight.OPTIONS_OFFSET)) +
                    " handle=" + support.session.handle());
            }
            support.noteStatus(status);
            return;
        }
        // dbc_id's upper 16 bits: the card's generation of this binding of the DBC (docs/ABI-NOTES.md).
        final int raw = m.getInt(off + ActivateFromDevFlyweight.DBC_ID_OFFSET);
        final int dbcId = raw & 0xFFFF;
        if (services.dbcTable().bind(binding, dbcId, raw >>> 16) != 0)
        {
            support.protocolError("bad dbc", entry, WireTypes.ACTIVATE_FROM_DEV);
            ctx.answerEmpty(NodeTypes.ACTIVATE, Errno.EIO.status());
            return;
        }
        if (room)
        {
            ctx.response().appendActivate(0, dbcId, 0, m.getLong(off + ActivateFromDevFlyweight.OPTIONS_OFFSET));
        }
        else
        {
            support.tooLong(ctx, NodeTypes.ACTIVATE, index);
        }
    }

    @Override
    public void settleRefused(final WireBatch batch, final int entry)
    {
        services.dbcTable().release(batch.binding(entry));
    }

    @Override
    public void settleUnknown(final WireBatch batch, final int entry)
    {
        services.dbcTable().quarantine(batch.binding(entry));
    }
}

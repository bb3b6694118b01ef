package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.dbc.DbcBinding;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.DeactivateFromDevFlyweight;
import dev.shadowdev.wire.PartCreateFromDevFlyweight;
import dev.shadowdev.wire.PartDestroyFromDevFlyweight;
import dev.shadowdev.wire.PartQueryFromDevFlyweight;
import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.wire.PoolQueryFromDevFlyweight;
import dev.shadowdev.wire.ResultFromDevFlyweight;
import dev.shadowdev.wire.StatusFromDevFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.ActivateResponseFlyweight;
import dev.shadowdev.wire.node.PartCreateResponseFlyweight;
import dev.shadowdev.wire.node.StatusResponseFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartQueryEntryFlyweight;
import dev.shadowdev.wire.node.PartQueryResponseFlyweight;
import dev.shadowdev.wire.node.PassthroughResponseFlyweight;
import dev.shadowdev.wire.node.PoolQueryResponseFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the firmware's answer to a wire message into node response transactions, one per batch entry in order
 * (the {@code *Adapter} half of a session, one switch), and applies what each answer means to the driver's state:
 * a slot's loaded length, an ACTIVATE's queues bound to the DBC the firmware assigned (or given back), a
 * DEACTIVATE's queues given back, a destroyed partition's node removed. An answer that does not answer its request
 * (wrong type, missing) counts as a protocol error and is answered with EIO.
 * <p>
 * When no answer came (timeout, reset) the outcome is unknown: DMA buffers are given back (the device only reads
 * them), the slot must restart, and ACTIVATE's queues are quarantined until the firmware certainly forgot them.
 * Owned by the session's processing; allocation-free.
 */
final class WireAnswerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(WireAnswerAdapter.class);
    private final Session session;
    private final SessionServices services;
    private final RequestContext ctx;
    private final WireBatch batch;
    private final SlotLengths slots;
    private final TransactionCursor cursor = new TransactionCursor();

    WireAnswerAdapter(
        final Session session,
        final SessionServices services,
        final RequestContext ctx,
        final WireBatch batch,
        final SlotLengths slots)
    {
        this.session = session;
        this.services = services;
        this.ctx = ctx;
        this.batch = batch;
        this.slots = slots;
    }

    /** The firmware answered the batch's message (validated, matched). */
    void translate(final WireBuffer message)
    {
        final int count = message.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET);
        cursor.wrapWireMessage(message, 0);
        if (count == 1 && cursor.next() && cursor.type() == WireTypes.RESULT_FROM_DEV &&
            message.getInt(cursor.offset() + ResultFromDevFlyweight.REQUEST_TYPE_OFFSET) == WireTypes.UNDEFINED)
        {
            final int status = nonZero(message.getInt(cursor.offset() + ResultFromDevFlyweight.STATUS_OFFSET));
            LOG.warn("control message refused by firmware: status={} handle={} partition={} transactions={}",
                status, session.handle(), session.partitionId(), batch.size());
            ctx.failMessage(status);
            for (int i = 0; i < batch.size(); i++)
            {
                ctx.answerEmpty(batch.nodeType(i), status);
                settleRefused(i);
            }
            noteStatus(status);
            return;
        }
        cursor.wrapWireMessage(message, 0);
        for (int i = 0; i < batch.size(); i++)
        {
            if (!cursor.next())
            {
                protocolError("answer missing", i, WireTypes.UNDEFINED);
                for (int j = i; j < batch.size(); j++)
                {
                    ctx.answerEmpty(batch.nodeType(j), Errno.EIO.status());
                    settleUnknown(j);
                }
                ctx.failMessage(Errno.EIO.status());
                return;
            }
            answer(i, message, cursor.offset(), cursor.type());
        }
        if (count != batch.size())
        {
            protocolError("extra answers", count, WireTypes.UNDEFINED);
        }
    }

    /**
     * No answer: every entry gets {@code status}.
     *
     * @param sent whether the message reached the firmware (the outcome is then unknown).
     */
    void fail(final int status, final boolean sent)
    {
        ctx.failMessage(status);
        for (int i = 0; i < batch.size(); i++)
        {
            ctx.answerEmpty(batch.nodeType(i), status);
            if (sent)
            {
                settleUnknown(i);
            }
            else
            {
                settleRefused(i);
            }
        }
    }

    private void answer(final int i, final WireBuffer m, final int off, final int wireType)
    {
        final int type = batch.nodeType(i);
        final int index = ctx.batchFirst + i;
        if (wireType == WireTypes.RESULT_FROM_DEV && type != NodeTypes.DMA_XFER)
        {
            final int status = nonZero(m.getInt(off + ResultFromDevFlyweight.STATUS_OFFSET));
            ctx.answerEmpty(type, status);
            settleRefused(i);
            noteStatus(status);
            return;
        }
        if (wireType != expectedAnswer(type))
        {
            protocolError("wrong answer type", i, wireType);
            ctx.answerEmpty(type, Errno.EIO.status());
            settleUnknown(i);
            return;
        }
        switch (type)
        {
            case NodeTypes.PASSTHROUGH:
            {
                final int dataLength = m.getInt(off + PassthroughFlyweight.LEN_OFFSET) - PassthroughFlyweight.DATA_OFFSET;
                if (ctx.fits(PassthroughResponseFlyweight.DATA_OFFSET + dataLength, index))
                {
                    ctx.writer.appendPassthrough(0, m, off + PassthroughFlyweight.DATA_OFFSET, dataLength);
                }
                else
                {
                    tooLong(type, index);
                }
                break;
            }
            case NodeTypes.DMA_XFER:
            {
                final int status = m.getInt(off + ResultFromDevFlyweight.STATUS_OFFSET);
                services.allocator().free(batch.dmaAddress(i));
                slots.put(batch.slot(i), status == 0 ? batch.slotEnd(i) : SlotLengths.UNKNOWN);
                ctx.answerEmpty(type, status);
                noteStatus(status);
                break;
            }
            case NodeTypes.ACTIVATE:
                answerActivate(i, m, off, index);
                break;
            case NodeTypes.DEACTIVATE:
            {
                final int status = m.getInt(off + DeactivateFromDevFlyweight.STATUS_OFFSET);
                final DbcBinding binding = batch.binding(i);
                if ((status == 0 || status == Errno.ENOENT.status()) && binding != null)
                {
                    services.dbcTable().release(binding);
                }
                ctx.answerEmpty(type, status);
                noteStatus(status);
                break;
            }
            case NodeTypes.STATUS:
            {
                final int status = m.getInt(off + StatusFromDevFlyweight.STATUS_OFFSET);
                if (!room(StatusResponseFlyweight.LENGTH, type, index))
                {
                    break;
                }
                ctx.writer.appendStatus(status,
                    m.getUnsignedShort(off + StatusFromDevFlyweight.MAJOR_OFFSET),
                    m.getUnsignedShort(off + StatusFromDevFlyweight.MINOR_OFFSET),
                    status,
                    m.getLong(off + StatusFromDevFlyweight.STATUS_FLAGS_OFFSET));
                noteStatus(status);
                break;
            }
            case NodeTypes.PART_CREATE:
            {
                final int status = m.getInt(off + PartCreateFromDevFlyweight.STATUS_OFFSET);
                if ((status == 0 || status == Errno.ENOSPC.status()) &&
                    room(PartCreateResponseFlyweight.LENGTH, type, index))
                {
                    ctx.writer.appendPartCreate(status,
                        m.getInt(off + PartCreateFromDevFlyweight.PARTITION_ID_OFFSET),
                        m.getInt(off + PartCreateFromDevFlyweight.SHORT_MASK_OFFSET));
                }
                else if (status != 0 && status != Errno.ENOSPC.status())
                {
                    ctx.answerEmpty(type, status);
                }
                break;
            }
            case NodeTypes.PART_DESTROY:
            {
                final int status = m.getInt(off + PartDestroyFromDevFlyweight.STATUS_OFFSET);
                if (status == 0)
                {
                    services.registry().partitionGone(batch.partitionId(i), "partition destroyed");
                }
                ctx.answerEmpty(type, status);
                break;
            }
            case NodeTypes.PART_QUERY:
            {
                final int status = m.getInt(off + PartQueryFromDevFlyweight.STATUS_OFFSET);
                final int n = m.getInt(off + PartQueryFromDevFlyweight.N_OFFSET);
                if (status != 0)
                {
                    ctx.answerEmpty(type, status);
                    noteStatus(status);
                }
                else if (ctx.fits(PartQueryResponseFlyweight.lengthFor(n), index))
                {
                    final int at = ctx.writer.appendPartQuery(0, n);
                    ctx.response.wire().putBytes(at + PartQueryResponseFlyweight.ENTRIES_OFFSET, m,
                        off + PartQueryFromDevFlyweight.ENTRIES_OFFSET, n * PartQueryEntryFlyweight.LENGTH);
                }
                else
                {
                    tooLong(type, index);
                }
                break;
            }
            case NodeTypes.POOL_QUERY:
            {
                final int status = m.getInt(off + PoolQueryFromDevFlyweight.STATUS_OFFSET);
                if (status != 0)
                {
                    ctx.answerEmpty(type, status);
                    noteStatus(status);
                }
                else if (room(PoolQueryResponseFlyweight.LENGTH, type, index))
                {
                    final int at = ctx.writer.reserve(type, 0, PoolQueryResponseFlyweight.LENGTH);
                    ctx.response.wire().putBytes(at + PoolQueryResponseFlyweight.TOTAL_OFFSET, m,
                        off + PoolQueryFromDevFlyweight.TOTAL_OFFSET,
                        PoolQueryResponseFlyweight.LENGTH - PoolQueryResponseFlyweight.TOTAL_OFFSET);
                }
                break;
            }
            default:
                ctx.answerEmpty(type, Errno.EIO.status());
                break;
        }
    }

    private void answerActivate(final int i, final WireBuffer m, final int off, final int index)
    {
        final int status = m.getInt(off + ActivateFromDevFlyweight.STATUS_OFFSET);
        final DbcBinding binding = batch.binding(i);
        final boolean room = ctx.fits(ActivateResponseFlyweight.LENGTH, index);
        if (status != 0)
        {
            services.dbcTable().release(binding);
            if (status == Errno.ENOSPC.status() && room)
            {
                ctx.writer.appendActivate(status, 0, (int)m.getLong(off + ActivateFromDevFlyweight.OPTIONS_OFFSET), 0);
            }
            else
            {
                ctx.answerEmpty(NodeTypes.ACTIVATE, status);
            }
            noteStatus(status);
            return;
        }
        final int dbcId = m.getInt(off + ActivateFromDevFlyweight.DBC_ID_OFFSET);
        if (services.dbcTable().bind(binding, dbcId) != 0)
        {
            protocolError("bad dbc", i, WireTypes.ACTIVATE_FROM_DEV);
            ctx.answerEmpty(NodeTypes.ACTIVATE, Errno.EIO.status());
            return;
        }
        if (room)
        {
            ctx.writer.appendActivate(0, dbcId, 0, m.getLong(off + ActivateFromDevFlyweight.OPTIONS_OFFSET));
        }
        else
        {
            tooLong(NodeTypes.ACTIVATE, index);
        }
    }

    /** @return true when an answer of {@code bytes} fits; otherwise answers EMSGSIZE. */
    private boolean room(final int bytes, final int type, final int index)
    {
        if (ctx.fits(bytes, index))
        {
            return true;
        }
        tooLong(type, index);
        return false;
    }

    /** The firmware certainly did not act on entry {@code i}: give back what it held, nothing else changes. */
    private void settleRefused(final int i)
    {
        switch (batch.nodeType(i))
        {
            case NodeTypes.DMA_XFER:
                services.allocator().free(batch.dmaAddress(i));
                break;
            case NodeTypes.ACTIVATE:
                services.dbcTable().release(batch.binding(i));
                break;
            default:
                break;
        }
    }

    /** Entry {@code i}'s outcome is unknown. */
    private void settleUnknown(final int i)
    {
        switch (batch.nodeType(i))
        {
            case NodeTypes.DMA_XFER:
                services.allocator().free(batch.dmaAddress(i));
                slots.put(batch.slot(i), SlotLengths.UNKNOWN);
                break;
            case NodeTypes.ACTIVATE:
                services.dbcTable().quarantine(batch.binding(i));
                break;
            default:
                break;
        }
    }

    /** ENODEV from the firmware on a shadow node: its partition is gone; remove the node. */
    private void noteStatus(final int status)
    {
        if (status == Errno.ENODEV.status() && !session.node().isBase() && session.alive())
        {
            services.registry().partitionGone(session.partitionId(), "firmware: no such partition");
        }
    }

    private void tooLong(final int type, final int index)
    {
        LOG.warn("answer dropped: reason=response full type={} index={} handle={}", NodeTypes.name(type), index,
            session.handle());
        ctx.answerEmpty(type, Errno.EMSGSIZE.status());
    }

    private void protocolError(final String reason, final int index, final int wireType)
    {
        services.counters().increment(Counter.CONTROL_PROTOCOL_ERRORS);
        LOG.warn("control answer does not match request: reason={} index={} type={} handle={}",
            reason, index, WireTypes.name(wireType), session.handle());
    }

    private static int nonZero(final int status)
    {
        return status == 0 ? Errno.EIO.status() : status;
    }

    private static int expectedAnswer(final int nodeType)
    {
        switch (nodeType)
        {
            case NodeTypes.PASSTHROUGH:
                return WireTypes.PASSTHROUGH_FROM_DEV;
            case NodeTypes.DMA_XFER:
                return WireTypes.RESULT_FROM_DEV;
            case NodeTypes.ACTIVATE:
                return WireTypes.ACTIVATE_FROM_DEV;
            case NodeTypes.DEACTIVATE:
                return WireTypes.DEACTIVATE_FROM_DEV;
            case NodeTypes.STATUS:
                return WireTypes.STATUS_FROM_DEV;
            case NodeTypes.PART_CREATE:
                return WireTypes.PART_CREATE_FROM_DEV;
            case NodeTypes.PART_DESTROY:
                return WireTypes.PART_DESTROY_FROM_DEV;
            case NodeTypes.PART_QUERY:
                return WireTypes.PART_QUERY_FROM_DEV;
            case NodeTypes.POOL_QUERY:
                return WireTypes.POOL_QUERY_FROM_DEV;
            default:
                return WireTypes.UNDEFINED;
        }
    }
}

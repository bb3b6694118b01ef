package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.ResultFromDevFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the firmware's answer to a wire message into node response transactions, one per batch entry in order
 * (the {@code *Adapter} half of a session): checks that each answer answers its request and hands it to the
 * entry's {@link TransactionHandler} to decode. A whole message refused by the firmware, or a transaction refused
 * with RESULT_FROM_DEV, leaves nothing changed (the handler settles it as refused); an answer that does not answer
 * its request (wrong type, missing) counts as a protocol error, is answered with EIO and settled as unknown, as is
 * every entry of a message that got no answer. Owned by the session's processing; allocation-free.
 */
final class WireAnswerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(WireAnswerAdapter.class);

    private final HandlerSupport support;
    private final TransactionHandlers handlers;
    private final TransactionCursor cursor = new TransactionCursor();

    WireAnswerAdapter(final HandlerSupport support, final TransactionHandlers handlers)
    {
        this.support = support;
        this.handlers = handlers;
    }

    /** The firmware answered the batch's message (validated, matched). */
    void translate(final RequestContext ctx, final WireBatch batch, final WireBuffer message)
    {
        final int count = message.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET);
        cursor.wrapWireMessage(message, 0);
        if (count == 1 && cursor.next() && cursor.type() == WireTypes.RESULT_FROM_DEV &&
            message.getInt(cursor.offset() + ResultFromDevFlyweight.REQUEST_TYPE_OFFSET) == WireTypes.UNDEFINED)
        {
            final int status = HandlerSupport.nonZero(
                message.getInt(cursor.offset() + ResultFromDevFlyweight.STATUS_OFFSET));
            LOG.warn("control message refused by firmware: status={} handle={} partition={} transactions={}",
                status, support.session.handle(), support.session.partitionId(), batch.size());
            settleAll(ctx, batch, status, false);
            support.noteStatus(status);
            return;
        }
        cursor.wrapWireMessage(message, 0);
        for (int i = 0; i < batch.size(); i++)
        {
            if (!cursor.next())
            {
                support.protocolError("answer missing", i, WireTypes.UNDEFINED);
                for (int j = i; j < batch.size(); j++)
                {
                    ctx.answerEmpty(batch.nodeType(j), Errno.EIO.status());
                    handler(batch, j).settleUnknown(batch, j);
                }
                ctx.failMessage(Errno.EIO.status());
                return;
            }
            answer(ctx, batch, i, message, cursor.offset(), cursor.type());
        }
        if (count != batch.size())
        {
            support.protocolError("extra answers", count, WireTypes.UNDEFINED);
        }
    }

    /**
     * No answer: every entry gets {@code status} and is settled.
     *
     * @param sent whether the message reached the firmware (the outcome is then unknown).
     */
    void fail(final RequestContext ctx, final WireBatch batch, final int status, final boolean sent)
    {
        settleAll(ctx, batch, status, sent);
    }

    private void settleAll(final RequestContext ctx, final WireBatch batch, final int status, final boolean unknown)
    {
        ctx.failMessage(status);
        for (int i = 0; i < batch.size(); i++)
        {
            ctx.answerEmpty(batch.nodeType(i), status);
            final TransactionHandler handler = handler(batch, i);
            if (unknown)
            {
                handler.settleUnknown(batch, i);
            }
            else
            {
                handler.settleRefused(batch, i);
            }
        }
    }

    private void answer(
        final RequestContext ctx, final WireBatch batch, final int i, final WireBuffer m, final int off,
        final int wireType)
    {
        final TransactionHandler handler = handler(batch, i);
        if (wireType == WireTypes.RESULT_FROM_DEV && handler.answerType() != WireTypes.RESULT_FROM_DEV)
        {
            final int status = HandlerSupport.nonZero(m.getInt(off + ResultFromDevFlyweight.STATUS_OFFSET));
            ctx.answerEmpty(batch.nodeType(i), handler.refusalStatus(status));
            handler.settleRefused(batch, i);
            support.noteStatus(status);
            return;
        }
        if (wireType != handler.answerType())
        {
            support.protocolError("wrong answer type", i, wireType);
            ctx.answerEmpty(batch.nodeType(i), Errno.EIO.status());
            handler.settleUnknown(batch, i);
            return;
        }
        handler.decode(ctx, batch, i, m, off);
    }

    /** Every entry was added by a handler, so it has one. */
    private TransactionHandler handler(final WireBatch batch, final int i)
    {
        return handlers.of(batch.nodeType(i));
    }
}

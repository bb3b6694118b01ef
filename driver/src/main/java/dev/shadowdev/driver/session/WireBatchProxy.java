package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.node.NodeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a request's transactions into one wire message (the {@code *Proxy} half of a session), in order, through
 * their type's {@link TransactionHandler}: a transaction refused by the driver is answered at once (nothing sent),
 * one that may not join the message, or does not fit, waits for the next message, and the message goes out before
 * an EXECUTE, so answers stay in write order. A DMA_XFER too long for any message starts the
 * {@link DmaXferContinuation}, alone in its message. The wire header's handle and partition are never taken from
 * the user's bytes: the control client stamps them. Owned by the session's processing; allocation-free.
 */
final class WireBatchProxy
{
    /** {@link #fill}: the batch holds a message to send. */
    static final int SEND = 1;
    /** {@link #fill}: the batch is empty and the next transaction is an EXECUTE. */
    static final int EXECUTE = 2;
    /** {@link #fill}: the batch is empty and every transaction of the request is answered. */
    static final int DONE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(WireBatchProxy.class);
    private static final int NEXT = 0;

    private final Session session;
    private final SessionServices services;
    private final TransactionHandlers handlers;
    private final DmaXferContinuation dmaContinuation;

    WireBatchProxy(
        final Session session,
        final SessionServices services,
        final TransactionHandlers handlers,
        final DmaXferContinuation dmaContinuation)
    {
        this.session = session;
        this.services = services;
        this.handlers = handlers;
        this.dmaContinuation = dmaContinuation;
    }

    /**
     * Walk the request's transactions from the next one into the (empty) batch, built in {@code scratch}.
     *
     * @return {@link #SEND}, {@link #EXECUTE} or {@link #DONE}.
     */
    int fill(final RequestContext ctx, final WireBatch batch, final MessageScratch scratch)
    {
        int step = NEXT;
        while (step == NEXT && !ctx.done())
        {
            step = step(ctx, batch, scratch);
        }
        if (!batch.isEmpty())
        {
            return SEND;
        }
        return step == EXECUTE ? EXECUTE : DONE;
    }

    /**
     * Handle the request's next transaction: put it in the batch or answer it at once.
     *
     * @return NEXT to go on; {@link #SEND} when the batch must go out first (the transaction stays next);
     *     {@link #EXECUTE} for an EXECUTE.
     */
    private int step(final RequestContext ctx, final WireBatch batch, final MessageScratch scratch)
    {
        final int type = ctx.type();
        if (!session.alive())
        {
            if (batch.isEmpty())
            {
                ctx.answerRest(Errno.ENODEV.status());
            }
            return SEND;
        }
        if (type == NodeTypes.EXECUTE)
        {
            return batch.isEmpty() ? EXECUTE : SEND;
        }
        final TransactionHandler handler = handlers.of(type);
        final int refused = handler == null ? Errno.EINVAL.status() : handler.refuse(ctx);
        if (refused != 0 || !batch.isEmpty() && handler.conflicts(ctx, batch))
        {
            return batch.isEmpty() ? answered(ctx, type, refused) : SEND;
        }
        if (batch.isEmpty())
        {
            batch.begin(scratch, services.options().maxWireMessageBytes());
            ctx.markBatchStart();
        }
        int added = batch.full() ? TransactionHandler.NO_ROOM : handler.encode(ctx, batch);
        if (added == TransactionHandler.NO_ROOM && batch.isEmpty() && type == NodeTypes.DMA_XFER)
        {
            added = dmaContinuation.start(ctx, batch);
            if (added == TransactionHandler.ADDED)
            {
                ctx.advance();
                return SEND;
            }
        }
        if (added == TransactionHandler.ADDED || added == TransactionHandler.ANSWERED)
        {
            ctx.advance();
            return NEXT;
        }
        if (!batch.isEmpty())
        {
            return SEND;
        }
        if (added == TransactionHandler.NO_ROOM)
        {
            LOG.warn("transaction refused: reason=does not fit a wire message type={} len={} max={}",
                NodeTypes.name(type), ctx.length(), services.options().maxWireMessageBytes());
            return answered(ctx, type, Errno.EMSGSIZE.status());
        }
        return answered(ctx, type, added);
    }

    /** The next transaction is answered with {@code status} alone (nothing sent). */
    private static int answered(final RequestContext ctx, final int type, final int status)
    {
        ctx.answerEmpty(type, status);
        ctx.advance();
        return NEXT;
    }
}

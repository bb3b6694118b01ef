package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.control.ControlCompletion;
import dev.shadowdev.driver.dbc.DbcCompletion;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.DmaXferContFlyweight;
import dev.shadowdev.wire.DmaXferSplitter;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * A session's requests, processed one at a time in write order, without ever blocking a thread: runs whenever
 * something happened (a write, an answer, a close) on the thread that made it happen, through the session's gate
 * ({@link Session#run}), and goes as far as it can.
 * <p>
 * For each request it walks the transactions in order. Control transactions are batched into one wire message
 * while they fit ({@link WireBatchProxy}), and the message goes out when the next transaction does not fit, is an
 * EXECUTE, or is refused by the driver (so answers stay in order); a DMA_XFER too long for any message is split
 * with qaic's continuation. EXECUTE goes on the DBC queues of the workload this session activated. Answers become
 * node response transactions ({@link WireAnswerAdapter}); the finished response goes to the read queue (or to the
 * waiting SD_IOC_MANAGE caller). At close, after the request in progress, the {@link SessionCloser} sends TERMINATE
 * for the handle and, once the firmware answered, gives back everything the session held.
 * <p>
 * State lives in {@link SessionState} (a transition table and one gate). A completion records its result and runs
 * the session ({@link Session#run}); the processing of the answer happens in that run.
 */
final class SessionProcessor implements ControlCompletion, DbcCompletion
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionProcessor.class);
    /**
     * A response this long keeps the buffer it was built in (at most 4x its size) instead of a copy into one of
     * its size: above this, the copy costs more than the memory.
     */
    private static final int KEEP_RESPONSE_BYTES = BufferPool.maxSize() / 4;

    private final Session session;
    private final SessionServices services;
    private final SessionQueues queues;
    private final BufferPool pool;
    private final SessionState state = new SessionState();
    private final RequestContext ctx = new RequestContext();
    private final WireBatch batch = new WireBatch();
    private final SlotLengths slots = new SlotLengths();
    private final WireBatchProxy batches;
    private final WireAnswerAdapter answers;
    private final DmaXferSplitter splitter = new DmaXferSplitter();
    private final TransactionCursor cursor = new TransactionCursor();
    private final WireError error = new WireError();
    private final ExecuteStep execute;
    private final SessionCloser closer;
    private final ControlCompletion discard;
    private boolean splitting;
    private volatile boolean closeRequested;
    private volatile boolean controlArrived;
    private int controlStatus;
    private PooledBuffer controlMessage;
    private volatile boolean dbcArrived;
    private int dbcStatus;

    SessionProcessor(final Session session, final SessionServices services, final SessionQueues queues)
    {
        this.session = session;
        this.services = services;
        this.queues = queues;
        this.pool = services.pool();
        this.batches = new WireBatchProxy(session, services, ctx, batch, slots);
        this.answers = new WireAnswerAdapter(session, services, ctx, batch, slots);
        this.execute = new ExecuteStep(session, services, ctx);
        this.closer = new SessionCloser(session, services, queues);
        this.discard = (status, message) -> services.client().release(message);
    }

    /** Do everything possible now (on whichever thread runs the session). */
    void run(final MessageScratch scratch)
    {
        while (true)
        {
            switch (state.state())
            {
                case SessionState.IDLE:
                    if (!startNext(scratch))
                    {
                        return;
                    }
                    break;
                case SessionState.BUILDING:
                    build(scratch);
                    break;
                case SessionState.AWAIT_CONTROL:
                    if (!controlArrived)
                    {
                        return;
                    }
                    onControlAnswer(scratch);
                    break;
                case SessionState.AWAIT_DBC:
                    if (!dbcArrived)
                    {
                        return;
                    }
                    onDbcAnswer();
                    break;
                case SessionState.TERMINATING:
                    if (!controlArrived)
                    {
                        return;
                    }
                    onTerminateAnswer();
                    break;
                default:
                    return;
            }
        }
    }

    /** Close: after the request in progress, terminate and give everything back. */
    void requestClose()
    {
        closeRequested = true;
    }

    /** @return counted down once the session gave everything back. */
    CountDownLatch closed()
    {
        return closer.closed();
    }

    @Override
    public void onControlResponse(final int status, final PooledBuffer response)
    {
        controlStatus = status;
        controlMessage = response;
        controlArrived = true;
        session.run();
    }

    @Override
    public void onDbcResponse(final int status)
    {
        dbcStatus = status;
        dbcArrived = true;
        session.run();
    }

    private boolean startNext(final MessageScratch scratch)
    {
        if (closeRequested)
        {
            beginTerminate(scratch);
            return true;
        }
        final PooledBuffer request = queues.takeRequest();
        if (request == null)
        {
            return false;
        }
        ctx.begin(request, pool.acquire(BufferPool.maxSize()));
        setState(SessionState.BUILDING);
        return true;
    }

    private void build(final MessageScratch scratch)
    {
        final WireRequestWriter writer = scratch.writer;
        boolean begun = false;
        while (!ctx.done())
        {
            final int type = ctx.type();
            if (batch.isEmpty())
            {
                begun = false;
            }
            if (!session.alive())
            {
                if (!batch.isEmpty())
                {
                    break;
                }
                ctx.answerRest(Errno.ENODEV.status());
                break;
            }
            if (type == NodeTypes.EXECUTE)
            {
                if (!batch.isEmpty())
                {
                    break;
                }
                final int status = startExecute();
                if (status == 0)
                {
                    return;
                }
                ctx.answerEmpty(type, status);
                ctx.advance();
                continue;
            }
            final int refused = batches.refuse(type);
            if (refused != 0)
            {
                if (!batch.isEmpty())
                {
                    break;
                }
                ctx.answerEmpty(type, refused);
                ctx.advance();
                continue;
            }
            if (!batch.isEmpty() && batches.conflicts(type))
            {
                break;
            }
            if (!begun)
            {
                batches.begin(scratch);
                begun = true;
            }
            final int added = batches.append(type, writer);
            if (added == WireBatchProxy.ADDED)
            {
                ctx.advance();
                continue;
            }
            if (!batch.isEmpty())
            {
                break;
            }
            if (added == WireBatchProxy.NO_ROOM && type == NodeTypes.DMA_XFER)
            {
                final int first = batches.appendFirstPiece(writer, splitter);
                if (first == WireBatchProxy.ADDED)
                {
                    ctx.advance();
                    splitting = true;
                    break;
                }
                ctx.answerEmpty(type, first);
                ctx.advance();
                continue;
            }
            final int status = added == WireBatchProxy.NO_ROOM ? Errno.EMSGSIZE.status() : added;
            if (added == WireBatchProxy.NO_ROOM)
            {
                LOG.warn("transaction refused: reason=does not fit a wire message type={} len={} max={}",
                    NodeTypes.name(type), ctx.length(), services.options().maxWireMessageBytes());
            }
            ctx.answerEmpty(type, status);
            ctx.advance();
        }
        if (!batch.isEmpty())
        {
            submitBatch(writer, false);
            return;
        }
        if (ctx.done())
        {
            finishRequest();
        }
    }

    /**
     * @param continuation a later piece of a split DMA_XFER (the earlier pieces reached the firmware).
     */
    private void submitBatch(final WireRequestWriter writer, final boolean continuation)
    {
        controlArrived = false;
        setState(SessionState.AWAIT_CONTROL);
        final int status = services.client().submit(
            writer, session.handle(), session.partitionId(), this, services.options().controlTimeoutNanos());
        if (status < 0)
        {
            failBatch(status, continuation);
        }
    }

    /**
     * The wire message in flight (or about to be) will not be answered: answer each of its transactions with
     * {@code status} and go on with the next transaction.
     *
     * @param continuation a later piece of a split DMA_XFER failed (the earlier pieces reached the firmware).
     */
    private void failBatch(final int status, final boolean continuation)
    {
        splitting = false;
        answers.fail(status, continuation);
        batch.clear();
        setState(SessionState.BUILDING);
    }

    private void onControlAnswer(final MessageScratch scratch)
    {
        controlArrived = false;
        final int status = controlStatus;
        final PooledBuffer message = controlMessage;
        controlMessage = null;
        if (status != 0)
        {
            failBatch(status, true);
            return;
        }
        if (splitting && !splitter.isDone() && continuePiece(message, scratch))
        {
            return;
        }
        splitting = false;
        answers.translate(message.wire());
        services.client().release(message);
        batch.clear();
        setState(SessionState.BUILDING);
    }

    /**
     * The answer to a piece flagged MORE: a lone DMA_XFER_CONT asks for the next piece.
     *
     * @return true when the message was consumed here (next piece sent, or the transfer failed); false when it is
     *     a final answer to translate.
     */
    private boolean continuePiece(final PooledBuffer message, final MessageScratch scratch)
    {
        final WireBuffer m = message.wire();
        cursor.wrapWireMessage(m, 0);
        if (m.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET) != 1 || !cursor.next() ||
            cursor.type() != WireTypes.DMA_XFER_CONT)
        {
            return false;
        }
        final int checked = splitter.checkContinue(m, cursor.offset(), error);
        final int chunkId = m.getInt(cursor.offset() + DmaXferContFlyweight.DMA_CHUNK_ID_OFFSET);
        services.client().release(message);
        final WireRequestWriter writer = scratch.writer;
        writer.wrap(scratch.message, 0, services.options().maxWireMessageBytes());
        writer.begin(0, 0, WireMessageHeaderFlyweight.NO_PARTITION);
        if (checked != 0)
        {
            services.counters().increment(Counter.CONTROL_PROTOCOL_ERRORS);
            LOG.warn("dma continuation refused: {} handle={}", error.message(), session.handle());
            splitter.appendAbort(writer);
            services.client().submit(writer, session.handle(), session.partitionId(), discard,
                services.options().controlTimeoutNanos());
            failBatch(Errno.EIO.status(), true);
            return true;
        }
        if (splitter.appendNext(writer, 0) < 0)
        {
            LOG.warn("dma continuation not built: dma_chunk_id={} handle={}", chunkId, session.handle());
            failBatch(Errno.EIO.status(), true);
            return true;
        }
        submitBatch(writer, true);
        return true;
    }

    private int startExecute()
    {
        dbcArrived = false;
        setState(SessionState.AWAIT_DBC);
        final int status = execute.start(this);
        if (status < 0)
        {
            setState(SessionState.BUILDING);
        }
        return status;
    }

    private void onDbcAnswer()
    {
        dbcArrived = false;
        execute.answer(dbcStatus);
        ctx.advance();
        setState(SessionState.BUILDING);
    }

    private void finishRequest()
    {
        final int length = ctx.finish();
        final PooledBuffer response;
        if (length >= KEEP_RESPONSE_BYTES)
        {
            response = ctx.response.length(length);
        }
        else
        {
            response = pool.acquire(length);
            response.byteBuffer().put(0, ctx.response.byteBuffer(), 0, length);
            response.length(length);
            pool.release(ctx.response);
        }
        final PooledBuffer request = ctx.request;
        final Object ioctl = request.attachment();
        ctx.clear();
        pool.release(request);
        setState(SessionState.IDLE);
        if (ioctl instanceof IoctlWait)
        {
            queues.ioctlDone();
            ((IoctlWait)ioctl).complete(response, 0);
        }
        else
        {
            queues.respond(response);
        }
    }

    private void beginTerminate(final MessageScratch scratch)
    {
        controlArrived = false;
        setState(SessionState.TERMINATING);
        final int status = closer.sendTerminate(scratch, this);
        if (status != 0)
        {
            finishClose(status);
        }
    }

    private void onTerminateAnswer()
    {
        controlArrived = false;
        final PooledBuffer message = controlMessage;
        controlMessage = null;
        finishClose(closer.terminateStatus(controlStatus, message));
    }

    private void finishClose(final int status)
    {
        closer.finish(status);
        slots.clear();
        setState(SessionState.CLOSED);
        closer.done();
    }

    private void setState(final int next)
    {
        final int reached = state.trySetState(next);
        if (reached != next)
        {
            LOG.error("session state refused: from={} to={} handle={}", SessionState.name(reached),
                SessionState.name(next), session.handle());
        }
    }
}

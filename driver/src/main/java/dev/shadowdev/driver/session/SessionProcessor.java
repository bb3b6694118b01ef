package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.control.ControlCompletion;
import dev.shadowdev.driver.dbc.DbcCompletion;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.node.NodeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * A session's requests, processed one at a time in write order, without ever blocking a thread: runs whenever
 * something happened (a write, an answer, a close) on the thread that made it happen, through the session's gate
 * ({@link Session#run}), and goes as far as it can.
 * <p>
 * For each request it walks the transactions in order ({@link #build}). Control transactions are batched into one
 * wire message ({@link WireBatch}) by their type's {@link TransactionHandler} while they fit, and the message goes
 * out when the next transaction does not fit, is an EXECUTE, or is refused by the driver (so answers stay in order);
 * a DMA_XFER too long for any message is sent in pieces by the {@link DmaXferContinuation}. EXECUTE goes on the DBC
 * queues of the workload this session activated ({@link ExecuteStep}). Answers become node response transactions
 * ({@link WireAnswerAdapter}, through the same handlers); a message that gets no answer ends in {@link #failBatch}.
 * The finished response goes to the read queue (or to the waiting SD_IOC_MANAGE caller). At close, after the request in progress, the {@link SessionCloser} sends TERMINATE
 * for the handle and, once the firmware answered, gives back everything the session held.
 * <p>
 * State lives in {@link SessionState} (a transition table and one gate). A completion records its result and runs
 * the session ({@link Session#run}); the processing of the answer happens in that run.
 */
final class SessionProcessor implements ControlCompletion, DbcCompletion
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionProcessor.class);

    private final Session session;
    private final SessionServices services;
    private final SessionQueues queues;
    private final SessionState state = new SessionState();
    private final RequestContext ctx = new RequestContext();
    private final WireBatch batch = new WireBatch();
    private final SlotLengths slots = new SlotLengths();
    private final WireBatchProxy batches;
    private final WireAnswerAdapter answers;
    private final DmaXferContinuation dmaContinuation;
    private final ExecuteStep execute;
    private final SessionCloser closer;
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
        final HandlerSupport support = new HandlerSupport(session, services, slots);
        final DmaStaging staging = new DmaStaging(services);
        final TransactionHandlers handlers = new TransactionHandlers(support, staging);
        this.answers = new WireAnswerAdapter(support, handlers);
        this.dmaContinuation = new DmaXferContinuation(support, staging);
        this.batches = new WireBatchProxy(session, services, handlers, dmaContinuation);
        this.execute = new ExecuteStep(session, services, ctx);
        this.closer = new SessionCloser(session, services, queues);
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
                    controlArrived = false;
                    finishClose(closer.terminateStatus(controlStatus, takeControlMessage()));
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
        ctx.begin(request, services.pool().acquire(BufferPool.maxSize()));
        setState(SessionState.BUILDING);
        return true;
    }

    /** Put the request's next transactions into a wire message, then send it, start the EXECUTE, or finish. */
    private void build(final MessageScratch scratch)
    {
        final int next = batches.fill(ctx, batch, scratch);
        if (next == WireBatchProxy.SEND)
        {
            submitBatch(scratch, false);
        }
        else if (next == WireBatchProxy.EXECUTE)
        {
            startExecute();
        }
        else
        {
            finishRequest();
        }
    }

    /** @param continuation a later piece of a split DMA_XFER (the earlier pieces reached the firmware). */
    private void submitBatch(final MessageScratch scratch, final boolean continuation)
    {
        controlArrived = false;
        setState(SessionState.AWAIT_CONTROL);
        final int status = services.client().submit(scratch.writer, session.handle(),
            batch.partitionTag(session.partitionId()), this, services.options().controlTimeoutNanos());
        if (status < 0)
        {
            failBatch(status, continuation);
        }
    }

    /**
     * The one place a wire message in flight (or about to be) ends without an answer: answer each of its
     * transactions with {@code status}, settle them, and go on with the next transaction.
     *
     * @param sent whether the message (or an earlier piece of a split DMA_XFER) reached the firmware.
     */
    private void failBatch(final int status, final boolean sent)
    {
        dmaContinuation.end();
        answers.fail(ctx, batch, status, sent);
        batch.clear();
        setState(SessionState.BUILDING);
    }

    private void onControlAnswer(final MessageScratch scratch)
    {
        controlArrived = false;
        final PooledBuffer message = takeControlMessage();
        if (controlStatus != 0)
        {
            failBatch(controlStatus, true);
            return;
        }
        final int piece = dmaContinuation.active() ?
            dmaContinuation.onAnswer(message.wire(), scratch) : DmaXferContinuation.FINAL;
        if (piece == DmaXferContinuation.NEXT)
        {
            services.client().release(message);
            submitBatch(scratch, true);
            return;
        }
        if (piece == DmaXferContinuation.FAILED)
        {
            services.client().release(message);
            failBatch(Errno.EIO.status(), true);
            return;
        }
        answers.translate(ctx, batch, message.wire());
        services.client().release(message);
        batch.clear();
        setState(SessionState.BUILDING);
    }

    /** The request's next transaction is an EXECUTE: submit it on its DBC, or answer its refusal and go on. */
    private void startExecute()
    {
        dbcArrived = false;
        setState(SessionState.AWAIT_DBC);
        final int status = execute.start(this);
        if (status < 0)
        {
            setState(SessionState.BUILDING);
            ctx.answerEmpty(NodeTypes.EXECUTE, status);
            ctx.advance();
        }
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
        final Object attachment = ctx.request().attachment();
        final PooledBuffer response = ctx.finish(services.pool());
        setState(SessionState.IDLE);
        queues.deliver(response, attachment);
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

    private PooledBuffer takeControlMessage()
    {
        final PooledBuffer message = controlMessage;
        controlMessage = null;
        return message;
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

package dev.shadowdev.driver.dbc;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.dbc.DbcRequestDescriptor;
import dev.shadowdev.dbc.DbcResponseDescriptor;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ManageResponseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * One activated workload's DMA bridge channel, as the host sees it: the request and response queues, the length
 * word and the input/output buffers in host memory ({@link DbcLayout}), the host's queue indexes, and the one
 * EXECUTE in flight (its session processes one request at a time). Made at ACTIVATE, bound to the DBC the firmware
 * assigned when ACTIVATE succeeds, freed after DEACTIVATE, TERMINATE or a reset.
 * <p>
 * Submitting ({@code *Proxy} role): write the element at REQ_TAIL, then the REQ_TAIL doorbell; full when the next
 * index is the device's REQ_HEAD. Receiving ({@link #drain()}, from the DBC interrupt): consume response elements
 * from RSP_HEAD to the device's RSP_TAIL, match {@code req_id}, write RSP_HEAD. A response that matches nothing in
 * flight is dropped and counted. After a timeout the binding is wedged (a late answer could still land in its
 * buffers) and refuses EXECUTE until it is deactivated. After the firmware preempted its workload
 * ({@link DbcTable#preempt}) it is preempted for good: the EXECUTE in flight failed with ECANCELED, every later one
 * answers ECANCELED at once without ringing (the DBC may serve another workload by now), and its memory is back.
 * <p>
 * Thread-safe: one monitor per binding; completions run outside it. Submit and drain allocate nothing.
 */
public final class DbcBinding
{
    private static final Logger LOG = LoggerFactory.getLogger(DbcBinding.class);
    private static final int CMD_LENGTH = DbcRequestDescriptor.LENGTH;
    private static final int RSP_LENGTH = DbcResponseDescriptor.LENGTH;

    private final DbcTable table;
    private final DbcLayout layout;
    private final long base;
    private final int baseIndex;
    private final Object owner;
    private final ByteBuffer memory;
    private int dbc = -1;
    private int reqTail;
    private int rspHead;
    /** The card's generation of this binding of the DBC: its doorbell writes carry it (a stale one is dropped). */
    private int generation;
    /** Requests rung on the DBC whose response element has not been consumed yet. */
    private int unanswered;
    private boolean inFlight;
    private int reqId;
    private int nextReqId = 1;
    private long deadline;
    private DbcCompletion completion;
    private boolean wedged;
    private boolean released;
    private boolean preempted;

    DbcBinding(final DbcTable table, final DbcLayout layout, final long base, final Object owner)
    {
        this.table = table;
        this.layout = layout;
        this.base = base;
        this.baseIndex = table.region().offset(base, layout.totalBytes());
        this.owner = owner;
        this.memory = table.region().buffer();
    }

    /** @return the session that activated it. */
    public Object owner()
    {
        return owner;
    }

    /** @return the DBC it is bound to, or -1 before ACTIVATE succeeded. */
    public synchronized int dbc()
    {
        return dbc;
    }

    public long requestQueueAddress()
    {
        return base + layout.requestQueueOffset();
    }

    public long responseQueueAddress()
    {
        return base + layout.responseQueueOffset();
    }

    /** @return elements of each queue. */
    public int elements()
    {
        return layout.elements();
    }

    /** @return ACTIVATE's {@code buf_len}. */
    public int queueBytes()
    {
        return layout.queueBytes();
    }

    /** @return the largest EXECUTE input (and output) this binding carries. */
    public int bufferBytes()
    {
        return layout.bufferBytes();
    }

    /** @return host memory this binding holds, in bytes. */
    public int totalBytes()
    {
        return layout.totalBytes();
    }

    /** @return true once its memory was given back. */
    public synchronized boolean released()
    {
        return released;
    }

    /**
     * Put one EXECUTE on the request queue and ring REQ_TAIL.
     *
     * @param src          the input bytes.
     * @param index        first input byte in {@code src}.
     * @param length       input bytes.
     * @param completion   told how it ended, only when this returns 0.
     * @param timeoutNanos how long the device may take.
     * @return 0; -ECANCELED (the workload was preempted); -EIO (not bound, released or wedged); -EBUSY (an EXECUTE
     *     in flight, or the queue full); -E2BIG (input larger than the buffer).
     */
    public int submitExecute(
        final WireBuffer src, final int index, final int length, final DbcCompletion completion, final long timeoutNanos)
    {
        synchronized (this)
        {
            if (preempted)
            {
                return Errno.ECANCELED.status();
            }
            if (dbc < 0 || released || wedged)
            {
                return Errno.EIO.status();
            }
            if (inFlight)
            {
                return Errno.EBUSY.status();
            }
            if (length < 0 || length > layout.bufferBytes())
            {
                return Errno.E2BIG.status();
            }
            final int next = reqTail + 1 == layout.elements() ? 0 : reqTail + 1;
            if (next == table.registers().dbcRead(dbc, DbcRegs.REQ_HEAD))
            {
                return Errno.EBUSY.status();
            }
            memory.put(baseIndex + layout.inputOffset(), src.byteBuffer(), index, length);
            memory.putInt(baseIndex + layout.lengthWordOffset(), 0);
            reqId = nextReqId;
            nextReqId = (nextReqId + 1) & 0xFFFF;
            final int element = baseIndex + layout.requestQueueOffset() + reqTail * CMD_LENGTH;
            DbcRequestDescriptor.encodeExecute(memory, element, reqId,
                base + layout.inputOffset(), length,
                base + layout.outputOffset(), layout.bufferBytes(),
                base + layout.lengthWordOffset());
            table.recorder().dbcRequest(dbc, memory, element, CMD_LENGTH);
            inFlight = true;
            this.completion = completion;
            deadline = table.nanoClock().getAsLong() + timeoutNanos;
            reqTail = next;
            unanswered++;
            table.counters().increment(Counter.DBC_REQUESTS);
            table.registers().dbcWrite(dbc, DbcRegs.REQ_TAIL, next, generation);
            return 0;
        }
    }

    /**
     * Consume the response elements the device posted (the DBC interrupt, or the timer's poll).
     *
     * @return elements consumed.
     */
    public int drain()
    {
        DbcCompletion done = null;
        int status = 0;
        int consumed = 0;
        synchronized (this)
        {
            if (dbc < 0 || released)
            {
                return 0;
            }
            final int tail = table.registers().dbcRead(dbc, DbcRegs.RSP_TAIL);
            if (tail < 0 || tail >= layout.elements())
            {
                table.counters().increment(Counter.DBC_STALE);
                LOG.warn("dbc response tail out of range: dbc={} rsp_tail={} elements={}", dbc, tail,
                    layout.elements());
                return 0;
            }
            final int available = tail >= rspHead ? tail - rspHead : tail + layout.elements() - rspHead;
            if (available > unanswered)
            {
                // More responses than requests rung: the card gave the DBC to another workload and zeroed its
                // registers (a preemption whose notice, or whose new owner's ACTIVATE answer, is still on its
                // way). The queue is no longer this binding's; consume nothing.
                LOG.debug("dbc responses not ours: dbc={} rsp_tail={} rsp_head={} unanswered={}", dbc, tail,
                    rspHead, unanswered);
                return 0;
            }
            while (rspHead != tail)
            {
                final int element = baseIndex + layout.responseQueueOffset() + rspHead * RSP_LENGTH;
                table.recorder().dbcResponse(dbc, memory, element, RSP_LENGTH);
                final int id = DbcResponseDescriptor.reqId(memory, element);
                final int elementStatus = DbcResponseDescriptor.status(memory, element);
                if (inFlight && id == reqId)
                {
                    inFlight = false;
                    done = completion;
                    completion = null;
                    status = -elementStatus;
                    table.counters().increment(Counter.DBC_RESPONSES);
                }
                else
                {
                    table.counters().increment(Counter.DBC_STALE);
                    LOG.warn("dbc response dropped: dbc={} req_id={} status={} in_flight={} expected={}",
                        dbc, id, elementStatus, inFlight, reqId);
                }
                rspHead = rspHead + 1 == layout.elements() ? 0 : rspHead + 1;
                unanswered--;
                consumed++;
            }
            if (consumed > 0)
            {
                table.registers().dbcWrite(dbc, DbcRegs.RSP_HEAD, rspHead, generation);
            }
        }
        if (done != null)
        {
            done.onDbcResponse(status);
        }
        return consumed;
    }

    /**
     * Copy the output of the EXECUTE that just completed with status 0 into a node response.
     *
     * @param writer     the response being built.
     * @param regionView a view of the host memory region.
     * @return the writer's result, or -EIO when the device reported more bytes than the buffer holds or the
     *     binding was released.
     */
    public synchronized int appendOutput(final ManageResponseWriter writer, final WireBuffer regionView)
    {
        if (released)
        {
            return Errno.EIO.status();
        }
        final int produced = memory.getInt(baseIndex + layout.lengthWordOffset());
        if (produced < 0 || produced > layout.bufferBytes())
        {
            LOG.warn("dbc output length out of range: dbc={} length={} capacity={}", dbc, produced,
                layout.bufferBytes());
            return Errno.EIO.status();
        }
        return writer.appendExecute(0, dbc, regionView, baseIndex + layout.outputOffset(), produced);
    }

    /** @return the length the device wrote to the length word for the last EXECUTE (check against the buffer). */
    public synchronized int producedLength()
    {
        return released ? 0 : Math.max(0, memory.getInt(baseIndex + layout.lengthWordOffset()));
    }

    /** Fail the EXECUTE in flight with -ETIMEDOUT when its deadline passed, and wedge the binding. */
    void checkTimeout(final long now)
    {
        final DbcCompletion done;
        synchronized (this)
        {
            if (!inFlight || now - deadline < 0)
            {
                return;
            }
            inFlight = false;
            wedged = true;
            done = completion;
            completion = null;
        }
        table.counters().increment(Counter.DBC_TIMEOUTS);
        LOG.warn("dbc request timed out: dbc={} req_id={}", dbc, reqId);
        done.onDbcResponse(Errno.ETIMEDOUT.status());
    }

    /** The firmware is gone: fail an EXECUTE in flight with {@code status} and refuse new ones (memory kept). */
    void abort(final int status)
    {
        final DbcCompletion done;
        synchronized (this)
        {
            wedged = true;
            done = inFlight ? completion : null;
            inFlight = false;
            completion = null;
        }
        if (done != null)
        {
            done.onDbcResponse(status);
        }
    }

    /** @return true once the firmware preempted its workload. */
    public synchronized boolean preempted()
    {
        return preempted;
    }

    /**
     * The firmware preempted the workload: the card no longer serves these queues. Fail the EXECUTE in flight with
     * -ECANCELED, refuse every later one with -ECANCELED, give the memory back. Idempotent.
     *
     * @return true when an EXECUTE in flight was failed.
     */
    boolean preempt()
    {
        final DbcCompletion done;
        synchronized (this)
        {
            if (preempted)
            {
                return false;
            }
            preempted = true;
            done = inFlight ? completion : null;
            inFlight = false;
            completion = null;
            if (!released)
            {
                released = true;
                table.allocator().free(base);
            }
        }
        if (done != null)
        {
            table.counters().increment(Counter.DBC_CANCELED);
            done.onDbcResponse(Errno.ECANCELED.status());
        }
        return done != null;
    }

    synchronized void bound(final int dbc, final int generation)
    {
        this.dbc = dbc;
        this.generation = generation;
        reqTail = 0;
        rspHead = 0;
        unanswered = 0;
    }

    /** Give the memory back and fail an EXECUTE in flight with -EIO. Idempotent. */
    void release()
    {
        final DbcCompletion done;
        synchronized (this)
        {
            if (released)
            {
                return;
            }
            released = true;
            done = inFlight ? completion : null;
            inFlight = false;
            completion = null;
            table.allocator().free(base);
        }
        if (done != null)
        {
            done.onDbcResponse(Errno.EIO.status());
        }
    }

    @Override
    public String toString()
    {
        return "DbcBinding{dbc=" + dbc + ", base=0x" + Long.toHexString(base) + (preempted ? ", preempted" : "") + "}";
    }
}

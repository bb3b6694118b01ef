package dev.shadowdev.driver.control;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;

/**
 * The driver's side of the control protocol (qaic {@code msg_xfer} / {@code resp_worker}): one sequence number per
 * message, a table of pending requests, a timeout per request, CRC on both directions once the firmware asks, and
 * asynchronous completion: {@link #submit} returns at once and the request's {@link ControlCompletion} runs exactly
 * once, from the thread that saw the response, the timeout or the failure. No thread waits per request.
 * <p>
 * Sequence numbers start at 1 and skip 0 when they wrap: 0 is the card's, on the notices it sends unasked
 * ({@link ControlNoticeListener}), so nothing the card says unasked can match a request.
 * <p>
 * A response is delivered only to the request it answers: same sequence number, same handle, same partition. A
 * response that is late (its request already timed out or failed), unmatched (never issued, or tagged differently)
 * or corrupt (see {@link ControlAdapter}) is dropped and counted ({@link Counter}).
 * <p>
 * {@link #submit} stamps the sequence number, the handle and the partition into the header of the message the
 * caller built, whatever the caller wrote there: this is where the driver's tagging happens. Too many timeouts in a
 * row mean the firmware stopped answering: the dead-firmware hook runs once (recovery).
 * <p>
 * Thread-safe; the pending table is guarded by this object's monitor, which no completion runs under. Submitting,
 * matching and timing out allocate nothing.
 */
public final class ControlClient implements ControlProxy.TransferFailures
{
    private static final Logger LOG = LoggerFactory.getLogger(ControlClient.class);
    private static final long U32 = 0xFFFF_FFFFL;
    /** The sequence number of the card's unasked notices, never issued here. */
    public static final int NOTICE_SEQUENCE = 0;

    private final ControlProxy proxy;
    private final BufferPool pool;
    private final DriverCounters counters;
    private final LongSupplier nanoClock;
    private final int deadAfterTimeouts;
    private final PendingTable pending;
    private final ControlCompletion[] expired;
    private Runnable deadFirmware = () -> {};
    private int nextSequence = 1;
    private long issued;
    private boolean accepting;
    private int consecutiveTimeouts;
    private boolean deadReported;
    private volatile boolean crcGenerate = true;
    private volatile boolean crcCheck;

    /**
     * @param proxy             sends the messages.
     * @param pool              where response buffers go back to ({@link #release}).
     * @param counters          the driver's counters.
     * @param nanoClock         time source for deadlines.
     * @param capacity          most requests in flight.
     * @param deadAfterTimeouts timeouts in a row after which the firmware counts as dead.
     */
    public ControlClient(
        final ControlProxy proxy,
        final BufferPool pool,
        final DriverCounters counters,
        final LongSupplier nanoClock,
        final int capacity,
        final int deadAfterTimeouts)
    {
        this.proxy = proxy;
        this.pool = pool;
        this.counters = counters;
        this.nanoClock = nanoClock;
        this.deadAfterTimeouts = Math.max(1, deadAfterTimeouts);
        this.pending = new PendingTable(capacity);
        this.expired = new ControlCompletion[pending.capacity()];
        proxy.transferFailures(this);
    }

    /** @param hook run once (outside any lock) when {@code deadAfterTimeouts} requests timed out in a row. */
    public void deadFirmwareHook(final Runnable hook)
    {
        this.deadFirmware = hook == null ? () -> {} : hook;
    }

    /**
     * Send the message the caller built with {@code writer} ({@code begin}, then transactions; not finished).
     *
     * @param writer       the message; the header's sequence number, handle and partition are overwritten here.
     * @param handle       the user handle to stamp (0 for the driver).
     * @param partitionId  the partition to stamp ({@link WireMessageHeaderFlyweight#NO_PARTITION} for the base).
     * @param completion   told how it ended, exactly once, only when this returns 0.
     * @param timeoutNanos how long to wait for the response.
     * @return 0, or a negative errno and the completion never runs: -EIO (not accepting: probing or recovering),
     *     -EBUSY (too many requests in flight), -EINVAL (empty message), or the proxy's error.
     */
    public int submit(
        final WireRequestWriter writer,
        final int handle,
        final int partitionId,
        final ControlCompletion completion,
        final long timeoutNanos)
    {
        final int sequence;
        synchronized (this)
        {
            if (!accepting)
            {
                return Errno.EIO.status();
            }
            PendingRequest slot = null;
            int candidate = nextSequence;
            for (int i = 0; i < pending.capacity() && slot == null; i++)
            {
                if (candidate == NOTICE_SEQUENCE)
                {
                    candidate++;
                }
                slot = pending.claim(candidate);
                candidate++;
            }
            if (slot == null)
            {
                return Errno.EBUSY.status();
            }
            issued += (candidate - nextSequence) & U32;
            nextSequence = candidate;
            sequence = slot.sequence;
            slot.handle = handle;
            slot.partitionId = partitionId;
            slot.deadline = nanoClock.getAsLong() + timeoutNanos;
            slot.completion = completion;
        }
        final int offset = writer.messageOffset();
        writer.buffer().putInt(offset + WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET, sequence);
        writer.buffer().putInt(offset + WireMessageHeaderFlyweight.HANDLE_OFFSET, handle);
        writer.buffer().putInt(offset + WireMessageHeaderFlyweight.PARTITION_ID_OFFSET, partitionId);
        final int length = writer.finish(crcGenerate);
        final int sent = length < 0 ? length : proxy.send(writer.buffer(), offset, length, sequence);
        if (sent < 0)
        {
            return cancel(sequence) ? sent : 0;
        }
        counters.increment(Counter.CONTROL_SENT);
        return 0;
    }

    /**
     * A validated response message arrived (from {@link ControlAdapter}).
     *
     * @param message the response; on true its ownership passed to the request's completion.
     * @return true when delivered, false when dropped (the caller keeps the buffer).
     */
    public boolean onResponse(final PooledBuffer message)
    {
        final int sequence = message.wire().getInt(WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET);
        final int handle = message.wire().getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET);
        final int partitionId = message.wire().getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET);
        final ControlCompletion completion;
        synchronized (this)
        {
            final PendingRequest request = pending.find(sequence);
            if (request == null)
            {
                final long distance = (nextSequence - sequence) & U32;
                final boolean wasIssued = distance > 0 && distance <= issued;
                counters.increment(wasIssued ? Counter.CONTROL_LATE : Counter.CONTROL_UNMATCHED);
                LOG.warn("control response dropped: reason={} sequence={} handle={} partition={}",
                    wasIssued ? "late" : "unmatched", sequence & U32, handle & U32, partitionId);
                return false;
            }
            if (request.handle != handle || request.partitionId != partitionId)
            {
                counters.increment(Counter.CONTROL_UNMATCHED);
                LOG.warn("control response dropped: reason=identity sequence={} handle={} partition={} " +
                    "expected_handle={} expected_partition={}",
                    sequence & U32, handle & U32, partitionId, request.handle & U32, request.partitionId);
                return false;
            }
            completion = request.completion;
            pending.free(request);
            consecutiveTimeouts = 0;
        }
        counters.increment(Counter.CONTROL_DELIVERED);
        completion.onControlResponse(0, message);
        return true;
    }

    /**
     * Fail every request whose deadline has passed with -ETIMEDOUT (the timer thread calls this).
     *
     * @return requests timed out.
     */
    public int checkTimeouts()
    {
        final long now = nanoClock.getAsLong();
        int count = 0;
        boolean dead = false;
        synchronized (this)
        {
            for (int i = 0; i < pending.capacity(); i++)
            {
                final PendingRequest request = pending.at(i);
                if (request.inUse && now - request.deadline >= 0)
                {
                    LOG.warn("control request timed out: sequence={} handle={} partition={}",
                        request.sequence & U32, request.handle & U32, request.partitionId);
                    expired[count++] = request.completion;
                    pending.free(request);
                }
            }
            consecutiveTimeouts += count;
            if (count > 0 && consecutiveTimeouts >= deadAfterTimeouts && !deadReported && accepting)
            {
                deadReported = true;
                dead = true;
            }
        }
        counters.add(Counter.CONTROL_TIMEOUTS, count);
        for (int i = 0; i < count; i++)
        {
            final ControlCompletion completion = expired[i];
            expired[i] = null;
            completion.onControlResponse(Errno.ETIMEDOUT.status(), null);
        }
        if (dead)
        {
            LOG.error("firmware not answering: consecutive_timeouts={}", deadAfterTimeouts);
            deadFirmware.run();
        }
        return count;
    }

    /**
     * Fail every pending request with {@code status} (recovery, shutdown).
     *
     * @return requests failed.
     */
    public int failAll(final int status)
    {
        final ControlCompletion[] failed;
        int count = 0;
        synchronized (this)
        {
            failed = new ControlCompletion[pending.inUse()];
            for (int i = 0; i < pending.capacity() && count < failed.length; i++)
            {
                final PendingRequest request = pending.at(i);
                if (request.inUse)
                {
                    failed[count++] = request.completion;
                    pending.free(request);
                }
            }
        }
        for (int i = 0; i < count; i++)
        {
            failed[i].onControlResponse(status, null);
        }
        return count;
    }

    /** The device completed a message with an error code: it will never be answered (fail it with -EIO). */
    @Override
    public void onTransferFailed(final int sequence, final int code)
    {
        final ControlCompletion completion;
        synchronized (this)
        {
            final PendingRequest request = pending.find(sequence);
            if (request == null)
            {
                return;
            }
            completion = request.completion;
            pending.free(request);
        }
        counters.increment(Counter.CONTROL_TX_ERRORS);
        LOG.warn("control request not delivered: sequence={} code={}", sequence & U32, code);
        completion.onControlResponse(Errno.EIO.status(), null);
    }

    /** Accept requests (after the transport is up). */
    public synchronized void start()
    {
        accepting = true;
        consecutiveTimeouts = 0;
        deadReported = false;
    }

    /** Refuse new requests with -EIO (recovery, shutdown); pending ones stay until failed or answered. */
    public synchronized void stop()
    {
        accepting = false;
    }

    /**
     * @param generate stamp a CRC on every message sent.
     * @param check    drop responses whose CRC does not match.
     */
    public void crc(final boolean generate, final boolean check)
    {
        crcGenerate = generate;
        crcCheck = check;
    }

    /** @return whether responses must carry a valid CRC. */
    public boolean crcCheck()
    {
        return crcCheck;
    }

    /** @return requests waiting for their response. */
    public synchronized int pending()
    {
        return pending.inUse();
    }

    /** Give a response buffer back (see {@link ControlCompletion}). */
    public void release(final PooledBuffer response)
    {
        pool.release(response);
    }

    /** @return the pool response buffers come from. */
    public BufferPool pool()
    {
        return pool;
    }

    private synchronized boolean cancel(final int sequence)
    {
        final PendingRequest request = pending.find(sequence);
        if (request == null)
        {
            return false;
        }
        pending.free(request);
        return true;
    }
}

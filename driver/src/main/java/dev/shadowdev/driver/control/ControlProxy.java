package dev.shadowdev.driver.control;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.wiretap.WireRecorder;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;
import dev.shadowdev.mhi.host.MhiHost;
import dev.shadowdev.mhi.host.TransferListener;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends control messages on the to-device CONTROL channel: copies each finished message into a host-memory buffer
 * of its exact size, queues it as one chained message ({@link MhiHost#queueMessage}) and rings the doorbell. When the
 * ring is full the message waits in a backlog with one queue per partition ({@link FairBacklog}) and goes out as
 * completions free the ring, the partitions taking turns, each partition's messages in order. The device
 * completes each message's elements in order; the proxy frees a message's buffer when its last element completes
 * or is aborted, and reports a message the device completed with an error code (never delivered) to
 * {@link TransferFailures}.
 * <p>
 * Thread-safe: one monitor serialises queueing on the channel (the transport allows one queueing thread at a time).
 * No allocation: in-flight and backlog entries live in fixed arrays.
 */
public final class ControlProxy implements TransferListener
{
    /** Told when the device completed a message with an error (it will never be answered). */
    public interface TransferFailures
    {
        /**
         * @param sequence the message's sequence number.
         * @param code     the completion code.
         */
        void onTransferFailed(int sequence, int code);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ControlProxy.class);
    private static final int ALIGN = DmaAllocator.GRANULE;
    private static final int NO_FAILURE = -1;
    /** Most messages on the ring at once: each takes at least one of its elements. */
    private static final int MAX_IN_FLIGHT = 256;

    private final MhiHost host;
    private final SharedRegion region;
    private final DmaAllocator allocator;
    private final WireRecorder recorder;
    private final int channel;
    private final long[] flightAddress;
    private final long[] flightLastElement;
    private final int[] flightSequence;
    private final FairBacklog backlog;
    private int flightHead;
    private int flightCount;
    private boolean up;
    private TransferFailures failures = (sequence, code) -> {};

    /**
     * @param host      the transport.
     * @param allocator host memory for the message buffers.
     * @param recorder  trace and tap.
     * @param channel   the to-device control channel (qaic: 10).
     * @param capacity  most messages waiting for ring space (the pending table's capacity).
     */
    public ControlProxy(
        final MhiHost host,
        final DmaAllocator allocator,
        final WireRecorder recorder,
        final int channel,
        final int capacity)
    {
        this.host = host;
        this.region = allocator.region();
        this.allocator = allocator;
        this.recorder = recorder;
        this.channel = channel;
        this.flightAddress = new long[MAX_IN_FLIGHT];
        this.flightLastElement = new long[MAX_IN_FLIGHT];
        this.flightSequence = new int[MAX_IN_FLIGHT];
        this.backlog = new FairBacklog(capacity);
    }

    void transferFailures(final TransferFailures failures)
    {
        this.failures = failures;
    }

    /** @return the to-device channel. */
    public int channel()
    {
        return channel;
    }

    /**
     * Send one finished message.
     *
     * @param src      the message bytes.
     * @param offset   where the message starts in {@code src}.
     * @param length   bytes.
     * @param sequence its sequence number (for failure reports).
     * @return 0; -EIO when the transport is down; -ENOSPC when host memory is short; -EAGAIN when the backlog is
     *     full; or the transport's error. Nothing is sent on failure.
     */
    public synchronized int send(final WireBuffer src, final int offset, final int length, final int sequence)
    {
        if (!up)
        {
            return Errno.EIO.status();
        }
        if (backlog.isFull())
        {
            return Errno.EAGAIN.status();
        }
        final long address = allocator.alloc(length, ALIGN);
        if (address < 0)
        {
            LOG.warn("control message not sent: reason=no host memory length={} free={}", length,
                allocator.freeBytes());
            return Errno.ENOSPC.status();
        }
        region.write(address, src.byteBuffer(), offset, length);
        recorder.controlToDevice(channel, region.buffer(), region.offset(address, length), length);
        final int partitionId = src.getInt(offset + WireMessageHeaderFlyweight.PARTITION_ID_OFFSET);
        if (backlog.size() > 0)
        {
            backlog.add(partitionId, address, length, sequence);
            return 0;
        }
        final int queued = flightCount == flightAddress.length ? Errno.EAGAIN.status() : queue(address, length, sequence);
        if (queued == Errno.EAGAIN.status())
        {
            backlog.add(partitionId, address, length, sequence);
            return 0;
        }
        if (queued < 0)
        {
            allocator.free(address);
            return queued;
        }
        host.doorbell(channel);
        return 0;
    }

    /** Accept messages again (transport up). */
    public synchronized void start()
    {
        up = true;
    }

    /**
     * Refuse new messages with -EIO and free the ones still waiting in the backlog (their requests are failed by
     * the client). In-flight messages are freed when the transport reset aborts them.
     */
    public synchronized void stop()
    {
        up = false;
        for (int entry = backlog.peek(); entry >= 0; entry = backlog.peek())
        {
            allocator.free(backlog.address(entry));
            backlog.remove();
        }
    }

    /** @return messages queued on the ring and not yet completed. */
    public synchronized int inFlight()
    {
        return flightCount;
    }

    @Override
    public void onTransfer(
        final int channel, final long trePointer, final long bufferAddress, final int length, final int code)
    {
        final int failed;
        synchronized (this)
        {
            failed = complete(bufferAddress, code);
            drainBacklog();
        }
        if (failed != NO_FAILURE)
        {
            failures.onTransferFailed(failed, code);
        }
    }

    @Override
    public void onAbort(final int channel, final long trePointer, final long bufferAddress, final int length)
    {
        synchronized (this)
        {
            complete(bufferAddress, CompletionCode.EOT);
        }
    }

    /** @return the failed message's sequence number, or {@link #NO_FAILURE}. */
    private int complete(final long bufferAddress, final int code)
    {
        if (flightCount == 0 || bufferAddress != flightLastElement[flightHead])
        {
            return NO_FAILURE;
        }
        final int sequence = flightSequence[flightHead];
        allocator.free(flightAddress[flightHead]);
        flightHead = next(flightHead);
        flightCount--;
        return code == CompletionCode.EOT || code == CompletionCode.EOB ? NO_FAILURE : sequence;
    }

    private void drainBacklog()
    {
        boolean rang = false;
        for (int entry = backlog.peek(); up && entry >= 0 && flightCount < flightAddress.length; entry = backlog.peek())
        {
            final int queued = queue(backlog.address(entry), backlog.length(entry), backlog.sequence(entry));
            if (queued == Errno.EAGAIN.status())
            {
                break;
            }
            if (queued < 0)
            {
                LOG.warn("control message dropped from backlog: sequence={} status={}",
                    backlog.sequence(entry) & 0xFFFF_FFFFL, queued);
                allocator.free(backlog.address(entry));
            }
            else
            {
                rang = true;
            }
            backlog.remove();
        }
        if (rang)
        {
            host.doorbell(channel);
        }
    }

    private int queue(final long address, final int length, final int sequence)
    {
        final int queued = host.queueMessage(channel, address, length, TransferTreFlyweight.FLAG_IEOT);
        if (queued < 0)
        {
            return queued;
        }
        final int slot = (flightHead + flightCount) % flightAddress.length;
        flightAddress[slot] = address;
        flightLastElement[slot] = address + (long)(queued - 1) * TransferTreFlyweight.MAX_LENGTH;
        flightSequence[slot] = sequence;
        flightCount++;
        return 0;
    }

    private int next(final int index)
    {
        return index + 1 == flightAddress.length ? 0 : index + 1;
    }
}

package dev.shadowdev.driver.control;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.driver.wiretap.WireRecorder;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;
import dev.shadowdev.mhi.host.MhiHost;
import dev.shadowdev.mhi.host.TransferListener;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireMessageValidator;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives control responses on the from-device CONTROL channel: keeps {@code count} receive buffers of
 * {@link #BUFFER_SIZE} bytes queued (qaic's {@code QAIC_MANAGE_MAX_MSG_LENGTH}), re-queues each one as soon as its
 * bytes are copied out, and reassembles a message that spans several buffers (OVERFLOW on all but the last, EOT on
 * the last) into a pooled buffer of up to 64 KiB. A whole message is traced, then validated (magic, lengths, CRC
 * when the firmware asked for it, framing, every transaction) and handed to the {@link ControlClient}; a message
 * that fails, overruns 64 KiB or ends with an error code is dropped and counted as corrupt. A valid message whose
 * first transaction is a {@code PARTITION_NOTICE_FROM_DEV} is something the card says unasked (ABI.md 6): it goes to
 * the {@link ControlNoticeListener}, never to the client's request matching.
 * <p>
 * Runs on the transport's event thread (one at a time); {@link #queueAll()} and {@link #free()} are called while the
 * channel is stopped. The data path allocates nothing but the rare fresh pooled buffer.
 */
public final class ControlAdapter implements TransferListener
{
    /** Size of one receive buffer. */
    public static final int BUFFER_SIZE = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(ControlAdapter.class);
    private static final int MAX_MESSAGE = WireDirection.FROM_DEV.maxLength();

    private final MhiHost host;
    private final SharedRegion region;
    private final DmaAllocator allocator;
    private final BufferPool pool;
    private final ControlClient client;
    private final WireRecorder recorder;
    private final DriverCounters counters;
    private final int channel;
    private final int count;
    private final boolean[] queued;
    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();
    private long buffers;
    private PooledBuffer assembling;
    private boolean overrun;
    private volatile ControlNoticeListener notices = (message, length) ->
        LOG.warn("partition notice dropped: reason=no receiver length={}", length);

    /**
     * @param host      the transport.
     * @param allocator host memory for the receive buffers.
     * @param pool      reassembly buffers.
     * @param client    gets every valid message.
     * @param recorder  trace and tap.
     * @param counters  the driver's counters.
     * @param channel   the from-device control channel (qaic: 11).
     * @param count     receive buffers to keep queued.
     */
    public ControlAdapter(
        final MhiHost host,
        final DmaAllocator allocator,
        final BufferPool pool,
        final ControlClient client,
        final WireRecorder recorder,
        final DriverCounters counters,
        final int channel,
        final int count)
    {
        this.host = host;
        this.region = allocator.region();
        this.allocator = allocator;
        this.pool = pool;
        this.client = client;
        this.recorder = recorder;
        this.counters = counters;
        this.channel = channel;
        this.count = count;
        this.queued = new boolean[count];
    }

    /** @param listener gets every notice the card sends unasked (see the class comment). */
    public void notices(final ControlNoticeListener listener)
    {
        this.notices = listener;
    }

    /** @return the from-device channel. */
    public int channel()
    {
        return channel;
    }

    /**
     * Queue every receive buffer that is not queued (allocating them the first time) and ring the doorbell.
     *
     * @return 0; -ENOSPC when host memory is short; or the transport's error.
     */
    public synchronized int queueAll()
    {
        if (buffers == 0)
        {
            final long address = allocator.alloc(count * BUFFER_SIZE, DmaAllocator.GRANULE);
            if (address < 0)
            {
                return Errno.ENOSPC.status();
            }
            buffers = address;
        }
        if (assembling == null)
        {
            assembling = pool.acquire(MAX_MESSAGE);
        }
        assembling.length(0);
        overrun = false;
        for (int i = 0; i < count; i++)
        {
            if (!queued[i])
            {
                final int status = host.queue(channel, address(i), BUFFER_SIZE, TransferTreFlyweight.FLAG_IEOT);
                if (status < 0)
                {
                    return status;
                }
                queued[i] = true;
            }
        }
        return host.doorbell(channel);
    }

    /** Give the receive buffers' host memory and the assembly buffer back (transport closed). */
    public synchronized void free()
    {
        if (buffers != 0)
        {
            allocator.free(buffers);
            buffers = 0;
        }
        pool.release(assembling);
        assembling = null;
        java.util.Arrays.fill(queued, false);
    }

    @Override
    public synchronized void onTransfer(
        final int channel, final long trePointer, final long bufferAddress, final int length, final int code)
    {
        final int index = index(bufferAddress);
        if (index < 0)
        {
            return;
        }
        queued[index] = false;
        final int at = assembling.length();
        if (!overrun && at + length <= MAX_MESSAGE && length > 0)
        {
            region.read(bufferAddress, assembling.byteBuffer(), at, length);
            assembling.length(at + length);
        }
        else if (length > 0)
        {
            overrun = true;
        }
        requeue(index);
        if (code == CompletionCode.OVERFLOW)
        {
            return;
        }
        if (code != CompletionCode.EOT || overrun)
        {
            counters.increment(Counter.CONTROL_CORRUPT);
            LOG.warn("control response dropped: reason={} length={}", overrun ? "overrun" : "code " +
                CompletionCode.name(code), assembling.length());
        }
        else
        {
            deliver();
        }
        assembling.length(0);
        overrun = false;
    }

    @Override
    public synchronized void onAbort(final int channel, final long trePointer, final long bufferAddress, final int length)
    {
        final int index = index(bufferAddress);
        if (index >= 0)
        {
            queued[index] = false;
        }
        assembling.length(0);
        overrun = false;
    }

    private void deliver()
    {
        final int length = assembling.length();
        recorder.controlFromDevice(channel, assembling.byteBuffer(), 0, length);
        final int valid = validator.verify(
            assembling.wire(), 0, length, WireDirection.FROM_DEV, client.crcCheck(), error);
        if (valid != 0)
        {
            counters.increment(Counter.CONTROL_CORRUPT);
            LOG.warn("control response dropped: reason=invalid error={} length={}", error.message(), length);
            return;
        }
        if (length >= WireMessageHeaderFlyweight.LENGTH + WireTransactionHeaderFlyweight.HEADER_LENGTH &&
            assembling.wire().getInt(WireMessageHeaderFlyweight.LENGTH + WireTransactionHeaderFlyweight.TYPE_OFFSET) ==
                WireTypes.PARTITION_NOTICE_FROM_DEV)
        {
            notices.onNotice(assembling.wire(), length);
            return;
        }
        if (client.onResponse(assembling))
        {
            assembling = pool.acquire(MAX_MESSAGE);
        }
    }

    private void requeue(final int index)
    {
        if (host.queue(channel, address(index), BUFFER_SIZE, TransferTreFlyweight.FLAG_IEOT) == 0)
        {
            queued[index] = true;
            host.doorbell(channel);
        }
    }

    private long address(final int index)
    {
        return buffers + (long)index * BUFFER_SIZE;
    }

    private int index(final long bufferAddress)
    {
        final long delta = bufferAddress - buffers;
        if (buffers == 0 || delta < 0 || delta >= (long)count * BUFFER_SIZE || delta % BUFFER_SIZE != 0)
        {
            return -1;
        }
        return (int)(delta / BUFFER_SIZE);
    }
}

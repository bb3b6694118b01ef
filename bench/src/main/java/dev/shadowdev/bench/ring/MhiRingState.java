package dev.shadowdev.bench.ring;

import dev.shadowdev.mhi.ChannelConfig;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.EventRingConfig;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.device.MhiDevice;
import dev.shadowdev.mhi.host.HostOptions;
import dev.shadowdev.mhi.host.HostResult;
import dev.shadowdev.mhi.host.MhiHost;
import dev.shadowdev.mhi.host.TransferListener;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One MHI channel (LOOPBACK 0, as many elements as Agrona's ring holds messages, plus one:
 * {@link RingThroughputBenchmark#messagesHeld}) between a host and a device
 * over one shared region, set up to M0 with the channel started. The producer owns the host's queue side and
 * reaps completions; the device thread owns the device. Each ring slot has its own DMA buffer of
 * {@link #messageSize} bytes, reused when the slot's element completes.
 */
@State(Scope.Group)
public class MhiRingState
{
    static final int CHANNEL = 0;
    static final int EVENT_ELEMENTS = 256;
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(5);

    @Param({"64", "4096"})
    public int messageSize;

    /** Ring elements (and slot buffers) of the channel. */
    int elements;
    MhiHost host;
    MhiDevice device;
    ByteBuffer memory;
    byte[] payload;
    long buffers;
    int buffersOffset;
    final PaddedTally producer = new PaddedTally();
    final PaddedTally consumer = new PaddedTally();

    @Setup(Level.Trial)
    public void setUp()
    {
        // As many messages in flight as Agrona's ring holds, plus the element a ring keeps empty.
        elements = RingThroughputBenchmark.messagesHeld(messageSize) + 1;
        final MhiConfig config = new MhiConfig(
            List.of(new ChannelConfig(CHANNEL, "BENCH", elements, 0), new ChannelConfig(CHANNEL + 1, "BENCH", elements, 0)),
            List.of(new EventRingConfig(EVENT_ELEMENTS, 0)));
        final SharedRegion region = new SharedRegion(16 << 20);
        final DmaAllocator allocator = new DmaAllocator(region);
        final MhiRegisters registers = new MhiRegisters();
        device = new MhiDevice(region, registers, config);
        device.setHandler(CHANNEL, (channel, shared, message) ->
            consumer.consumed += shared.buffer().getLong(message.offset(0)));
        device.powerOn();
        host = new MhiHost(region, allocator, registers, config,
            new HostOptions(device::doWork, System::nanoTime, false));
        check(host.powerUp(TIMEOUT), "power up");
        check(host.startChannel(CHANNEL, new TransferListener()
        {
            @Override
            public void onTransfer(final int channel, final long tre, final long buffer, final int length,
                final int code)
            {
                producer.completed++;
            }

            @Override
            public void onAbort(final int channel, final long tre, final long buffer, final int length)
            {
            }
        }, TIMEOUT), "start channel");
        buffers = allocator.alloc(elements * messageSize, 64);
        if (buffers <= 0)
        {
            throw new IllegalStateException("no DMA memory: size=" + elements * messageSize);
        }
        memory = region.buffer();
        buffersOffset = region.offset(buffers, elements * messageSize);
        payload = new byte[messageSize];
        for (int i = 0; i < messageSize; i++)
        {
            payload[i] = (byte)i;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        host.doorbell(CHANNEL);
    }

    private static void check(final HostResult result, final String what)
    {
        if (!result.ok())
        {
            throw new IllegalStateException(
                what + " failed: status=" + result.status() + ", error=" + result.reason());
        }
    }
}

package dev.shadowdev.mhi.host;

import dev.shadowdev.mhi.ChannelConfig;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.EventRingConfig;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.device.MhiDevice;
import dev.shadowdev.testkit.Problems;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_IEOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's arrangement as a test: a producer thread queues with batched doorbells (IEOT before each) and
 * reaps completions itself, a device thread spins on doWork. Every message arrives once, in order, and every
 * buffer completes once.
 */
class ConcurrentStreamTest
{
    private static final int ELEMENTS = 256;
    private static final int BATCH = 32;
    private static final int MESSAGES = 300_000;
    private static final int SIZE = 64;

    private long expected;
    private long outOfOrder;
    private volatile long deliveredCount;
    private long completed;

    @Test
    void batchedStreamArrivesInOrderAndCompletes() throws Exception
    {
        final MhiConfig config = new MhiConfig(
            List.of(new ChannelConfig(0, "S", ELEMENTS, 0), new ChannelConfig(1, "S", ELEMENTS, 0)),
            List.of(new EventRingConfig(32, 0)));
        final SharedRegion region = new SharedRegion(1 << 20);
        final DmaAllocator allocator = new DmaAllocator(region);
        final MhiRegisters registers = new MhiRegisters();
        final MhiDevice device = new MhiDevice(region, registers, config);
        final Problems deviceProblems = new Problems();
        device.setProblemListener(deviceProblems::add);
        device.setHandler(0, (channel, shared, message) ->
        {
            final long sequence = shared.buffer().getLong(message.offset(0));
            if (sequence != expected)
            {
                outOfOrder++;
            }
            expected = sequence + 1;
            deliveredCount++;
        });
        device.powerOn();
        final MhiHost host = new MhiHost(region, allocator, registers, config,
            new HostOptions(device::doWork, System::nanoTime, false));
        assertEquals(HostResult.OK, host.powerUp(TimeUnit.SECONDS.toNanos(5)));
        assertEquals(HostResult.OK, host.startChannel(0, new TransferListener()
        {
            @Override
            public void onTransfer(final int channel, final long tre, final long buffer, final int length,
                final int code)
            {
                completed++;
            }

            @Override
            public void onAbort(final int channel, final long tre, final long buffer, final int length)
            {
            }
        }, TimeUnit.SECONDS.toNanos(5)));
        final long buffers = allocator.alloc(ELEMENTS * SIZE, 64);
        final int buffersOffset = region.offset(buffers, ELEMENTS * SIZE);

        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread deviceThread = new Thread(() ->
        {
            while (running.get())
            {
                device.doWork();
            }
        }, "device");
        deviceThread.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int slot = 0;
        int unrung = 0;
        try
        {
            for (long sequence = 0; sequence < MESSAGES; sequence++)
            {
                int free = host.freeSlots(0);
                while (free == 0)
                {
                    if (unrung > 0)
                    {
                        host.doorbell(0);
                        unrung = 0;
                    }
                    host.doWork();
                    free = host.freeSlots(0);
                    assertTrue(System.nanoTime() < deadline, "stalled at " + sequence + ": delivered=" +
                        deliveredCount + ", completed=" + completed + ", host=" + host.lastError() + ", device=" +
                        deviceProblems.last() + ", badEvents=" + host.badEvents());
                }
                region.buffer().putLong(buffersOffset + slot * SIZE, sequence);
                final boolean last = ++unrung == BATCH || free == 1 || sequence == MESSAGES - 1;
                assertEquals(0, host.queue(0, buffers + (long)slot * SIZE, SIZE, last ? FLAG_IEOT : 0));
                slot = slot + 1 == ELEMENTS ? 0 : slot + 1;
                if (last)
                {
                    host.doorbell(0);
                    unrung = 0;
                }
            }
            while (completed < MESSAGES && System.nanoTime() < deadline)
            {
                host.doWork();
            }
        }
        finally
        {
            running.set(false);
            deviceThread.join();
        }

        assertEquals(MESSAGES, deliveredCount);
        assertEquals(0, outOfOrder);
        assertEquals(MESSAGES, completed);
        assertEquals(0, host.badEvents());
    }
}

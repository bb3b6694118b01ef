package dev.shadowdev.mhi.host;

import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.device.DeviceChannelHandler;
import dev.shadowdev.mhi.device.MessageSegments;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_BEI;
import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_IEOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queue, doorbell, TRE fetch, delivery, send, event post and event processing allocate nothing: the best of five
 * measured runs of 20 000 round trips must allocate zero bytes (a per-message allocation would show in every
 * run; the first runs may see a few hundred bytes from JIT deoptimisation).
 */
class HotPathAllocationTest
{
    private static final int ROUNDS = 20_000;

    private final Link link = new Link().up();
    private final MhiHost host = link.host;
    private final byte[] reply = new byte[48];
    private long txDone;
    private long rxDone;
    private long delivered;
    private long refused;
    private long rxBuffers;

    @Test
    void roundTripsAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        link.device.setHandler(0, new DeviceChannelHandler()
        {
            @Override
            public void onMessage(final int channel, final SharedRegion region, final MessageSegments message)
            {
                delivered += region.buffer().get(message.offset(0)) + message.totalLength();
                if (link.device.send(1, reply, 0, reply.length) != reply.length)
                {
                    refused++;
                }
            }
        });
        assertEquals(HostResult.OK, host.startChannel(0, new Counter(true), Link.TIMEOUT));
        assertEquals(HostResult.OK, host.startChannel(1, new Counter(false), Link.TIMEOUT));
        rxBuffers = link.alloc(16 * 64);
        for (int i = 0; i < 16; i++)
        {
            assertEquals(0, host.queue(1, rxBuffers + 64L * i, 64, FLAG_IEOT));
        }
        host.doorbell(1);
        final long tx = link.alloc(64);

        run(tx, ROUNDS);
        final long calibrateStart = threads.getThreadAllocatedBytes(thread);
        final long calibration = threads.getThreadAllocatedBytes(thread) - calibrateStart;
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            run(tx, ROUNDS);
            final long bytes = threads.getThreadAllocatedBytes(thread) - before - calibration;
            allocated = Math.min(allocated, bytes);
        }

        assertEquals("", link.deviceProblems.last() + host.lastError());
        assertEquals(0, allocated, "fewest bytes allocated over " + ROUNDS + " round trips (JIT warm-up aside)");
        link.settle();
        assertEquals(6L * ROUNDS, txDone);
        assertEquals(6L * ROUNDS, rxDone);
        assertEquals(0, refused);
        assertTrue(delivered > 0);
    }

    private void run(final long tx, final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            final int flags = (i & 3) == 3 ? FLAG_IEOT : FLAG_BEI;
            while (host.queue(0, tx, 32, flags) != 0)
            {
                host.doorbell(0);
                link.device.doWork();
                host.doWork();
            }
            if ((i & 3) == 3)
            {
                host.doorbell(0);
                link.device.doWork();
                host.doWork();
            }
        }
    }

    private final class Counter implements TransferListener
    {
        private final boolean transmit;

        Counter(final boolean transmit)
        {
            this.transmit = transmit;
        }

        @Override
        public void onTransfer(final int channel, final long tre, final long buffer, final int length, final int code)
        {
            if (transmit)
            {
                txDone++;
            }
            else
            {
                rxDone++;
                host.queue(1, buffer, 64, FLAG_IEOT);
                host.doorbell(1);
            }
        }

        @Override
        public void onAbort(final int channel, final long tre, final long buffer, final int length)
        {
        }
    }
}

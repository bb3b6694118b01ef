package dev.shadowdev.firmware.card;

import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.DbcQueue;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The device thread allocates nothing while it answers STATUS and PASSTHROUGH and serves EXECUTE requests
 * (measured on the device thread itself; the test host allocates freely on its own thread).
 */
class HotPathAllocationTest
{
    private static final int BASE = -1;
    private static final String THREAD = "alloc-card";

    @Test
    void theDeviceThreadAllocatesNothingOnTheHotPaths()
    {
        try (TestHost test = TestHost.threaded(CardOptions.defaults().withThreadName(THREAD)))
        {
            final DbcQueue queue = activateEcho(test);
            final Thread device = deviceThread();
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final byte[] data = new byte[64];
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 12 && best != 0; round++)
            {
                final long before = threads.getThreadAllocatedBytes(device.getId());
                for (int i = 0; i < 200; i++)
                {
                    test.begin(1, BASE).appendStatus();
                    test.writer.appendPassthrough(new WireBuffer(data), 0, data.length);
                    test.call();
                    queue.put(i, data, 64);
                    queue.ring();
                    queue.awaitResponses(1);
                }
                final long allocated = threads.getThreadAllocatedBytes(device.getId()) - before;
                if (round >= 4)
                {
                    best = Math.min(best, allocated);
                }
            }
            assertEquals(0, best);
        }
    }

    private static Thread deviceThread()
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().equals(THREAD))
            {
                return thread;
            }
        }
        assertNotNull(null, "no device thread");
        return null;
    }

    private static DbcQueue activateEcho(final TestHost test)
    {
        final byte[] image = new WorkloadImageWriter().name("e").needs(1, 4096, 0, 0, 1).op(WorkloadOp.ECHO).toBytes();
        final long at = test.put(image);
        final DbcQueue queue = new DbcQueue(test, 64, 64);
        final WireRequestWriter writer = test.begin(1, BASE);
        writer.appendDmaXfer(0, 0, 0, new long[]{ at }, new long[]{ image.length }, 0, 1);
        queue.appendActivate(writer, 0, 64);
        final Answer answer = test.call();
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), answer.describe());
        return queue.dbc(answer.getInt(1, ActivateFromDevFlyweight.DBC_ID_OFFSET));
    }
}

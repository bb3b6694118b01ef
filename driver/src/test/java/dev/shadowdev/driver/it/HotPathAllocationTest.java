package dev.shadowdev.driver.it;

import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * write, read, EXECUTE and response matching allocate nothing in steady state: the best of five measured runs must
 * allocate zero bytes on the caller's thread, the session workers and the device thread, where the transport's
 * events are processed and responses matched (the firmware's QSM service and DBC engine run there too, and are
 * allocation-free as well). The measuring call's own result array is calibrated out; the test tap is off (it copies
 * what it sees).
 */
class HotPathAllocationTest
{
    private static final int ROUNDS = 2_000;

    @Test
    void executeRoundTripsAllocateNothing()
    {
        try (Rig rig = new Rig(b -> b.tap(null)).up(); Client base = rig.base())
        {
            final int dbc = base.load(1, Rig.echoImage());
            final byte[] message = Msg.tag(1).execute(dbc, new byte[256]).bytes();
            final long allocated = measure(base, message, List.of("shadowdev-session", "shadowdev-card"));
            assertEquals(0, allocated, "fewest bytes allocated over " + ROUNDS + " EXECUTE round trips");
        }
    }

    @Test
    void controlRoundTripsAllocateNothing()
    {
        try (Rig rig = new Rig(b -> b.tap(null)).up(); Client base = rig.base())
        {
            final byte[] message = Msg.tag(1).passthrough(new byte[256]).status().bytes();
            final long allocated = measure(base, message, List.of("shadowdev-session", "shadowdev-card"));
            assertEquals(0, allocated, "fewest bytes allocated over " + ROUNDS + " control round trips");
        }
    }

    private static long measure(final Client client, final byte[] message, final List<String> threadPrefixes)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ByteBuffer src = ByteBuffer.wrap(message);
        final ByteBuffer dst = ByteBuffer.allocate(131072);
        run(client, src, dst, ROUNDS);
        final long[] ids = ids(threadPrefixes);
        final long calibrateStart = sum(threads.getThreadAllocatedBytes(ids));
        final long calibration = sum(threads.getThreadAllocatedBytes(ids)) - calibrateStart;
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            final long before = sum(threads.getThreadAllocatedBytes(ids));
            run(client, src, dst, ROUNDS);
            final long after = sum(threads.getThreadAllocatedBytes(ids));
            best = Math.min(best, after - before - calibration);
        }
        return best;
    }

    private static void run(final Client client, final ByteBuffer src, final ByteBuffer dst, final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            src.clear();
            if (client.session.write(src) <= 0)
            {
                throw new AssertionError("write failed");
            }
            dst.clear();
            if (client.session.read(dst, false) <= 0)
            {
                throw new AssertionError("read failed");
            }
        }
    }

    private static long[] ids(final List<String> prefixes)
    {
        final List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().getId());
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            for (final String prefix : prefixes)
            {
                if (thread.getName().startsWith(prefix))
                {
                    ids.add(thread.getId());
                }
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long sum(final long[] values)
    {
        long total = 0;
        for (final long v : values)
        {
            total += Math.max(0, v);
        }
        return total;
    }
}

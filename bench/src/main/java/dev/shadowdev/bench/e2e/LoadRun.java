package dev.shadowdev.bench.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One timed run: open the sessions (spread over the target's nodes), let them exchange back to back for a warm-up
 * and then a measured window, read the server's and the sessions' kernel counters at the window's edges, and fold
 * the sessions' results into a {@link Sample}.
 */
final class LoadRun
{
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final String SESSION_THREAD = "bench-session-";

    private LoadRun()
    {
    }

    /**
     * @param latencies every measured latency is also added here (to merge the rounds of one scenario).
     * @throws IOException when a session fails (its errno is in the message).
     */
    static Sample run(final Target target, final Workload workload, final int size, final int sessions,
        final long warmupMs, final long measureMs, final LatencyHistogram latencies) throws Exception
    {
        final List<Exchange> exchanges = new ArrayList<>(sessions);
        try
        {
            for (int i = 0; i < sessions; i++)
            {
                exchanges.add(target.open(i, workload, size));
            }
            return measure(target, workload, size, exchanges, warmupMs, measureMs, latencies);
        }
        finally
        {
            exchanges.forEach(Exchange::close);
        }
    }

    private static Sample measure(final Target target, final Workload workload, final int size,
        final List<Exchange> exchanges, final long warmupMs, final long measureMs, final LatencyHistogram latencies)
        throws Exception
    {
        final int sessions = exchanges.size();
        final CountDownLatch ready = new CountDownLatch(sessions);
        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final SessionWorker.RunClock clock = new SessionWorker.RunClock();
        final SessionWorker[] workers = new SessionWorker[sessions];
        final Thread[] threads = new Thread[sessions];
        for (int i = 0; i < sessions; i++)
        {
            workers[i] = new SessionWorker(exchanges.get(i), ready, go, release, clock);
            threads[i] = new Thread(workers[i], SESSION_THREAD + i);
            threads[i].start();
        }
        ready.await();
        final long start = System.nanoTime();
        clock.warmupEnd = start + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        clock.end = clock.warmupEnd + TimeUnit.MILLISECONDS.toNanos(measureMs);
        go.countDown();

        sleepUntil(clock.warmupEnd);
        final long self = ProcessHandle.current().pid();
        final long forks0 = ProcCounters.systemForks();
        final long serverCpu0 = ProcCounters.processTicks(target.pid());
        final Map<String, long[]> server0 = ProcCounters.snapshot(target.pid());
        final Map<String, long[]> client0 = ProcCounters.snapshot(self);
        sleepUntil(clock.end);
        final long serverCpu1 = ProcCounters.processTicks(target.pid());
        final long forks1 = ProcCounters.systemForks();
        final Map<String, long[]> server1 = ProcCounters.snapshot(target.pid());
        final Map<String, long[]> client1 = ProcCounters.snapshot(self);
        release.countDown();
        for (final Thread t : threads)
        {
            t.join();
        }

        final LatencyHistogram histogram = new LatencyHistogram();
        long ops = 0;
        long bytes = 0;
        long allOps = 0;
        long allocated = 0;
        for (final SessionWorker w : workers)
        {
            if (w.error < 0)
            {
                throw new IOException("session failed: target=" + target.name() + " workload=" + workload.key() +
                    " size=" + size + " sessions=" + sessions + " status=" + w.error);
            }
            histogram.add(w.histogram);
            ops += w.ops;
            bytes += w.bytes;
            allOps += w.allOps;
            allocated += w.allocatedBytes;
        }
        latencies.add(histogram);

        final double seconds = measureMs / 1_000.0;
        final Map<String, long[]> server = ProcCounters.diff(server0, server1);
        final Map<String, long[]> client = ProcCounters.diff(client0, client1);
        final long serverTicks = serverCpu1 - serverCpu0;
        long serverSwitches = 0;
        final Map<String, Double> threadsCpu = new LinkedHashMap<>();
        for (final Map.Entry<String, long[]> e : server.entrySet())
        {
            final long[] v = e.getValue();
            serverSwitches += v[ProcCounters.VOLUNTARY] + v[ProcCounters.INVOLUNTARY];
            threadsCpu.put(e.getKey(), perOp(v[ProcCounters.CPU_TICKS] * ProcCounters.TICK_NANOS, ops));
        }
        final long[] sessionsCounters = client.getOrDefault(ProcCounters.group(SESSION_THREAD + 0), new long[3]);
        return new Sample(target.name(), workload.key(), size, sessions, ops, seconds, ops / seconds,
            bytes / seconds / 1e6,
            histogram.valueAt(0.50) / NANOS_PER_MICRO, histogram.valueAt(0.99) / NANOS_PER_MICRO,
            histogram.valueAt(0.999) / NANOS_PER_MICRO, histogram.max() / NANOS_PER_MICRO,
            histogram.mean() / NANOS_PER_MICRO,
            allOps == 0 ? 0 : (double)allocated / allOps,
            perOp(serverTicks * ProcCounters.TICK_NANOS, ops),
            perOp(sessionsCounters[ProcCounters.CPU_TICKS] * ProcCounters.TICK_NANOS, ops),
            ops == 0 ? 0 : (double)serverSwitches / ops,
            ops == 0 ? 0 : (double)(forks1 - forks0) / ops,
            threadsCpu);
    }

    private static double perOp(final long nanos, final long ops)
    {
        return ops == 0 ? 0 : nanos / NANOS_PER_MICRO / ops;
    }

    private static void sleepUntil(final long deadline) throws InterruptedException
    {
        long left;
        while ((left = deadline - System.nanoTime()) > 0)
        {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}

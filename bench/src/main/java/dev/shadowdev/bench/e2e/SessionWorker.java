package dev.shadowdev.bench.e2e;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

/**
 * One session's thread: exchanges back to back until the run's end, recording the latency of each exchange that
 * starts after the warm-up. The loop allocates nothing; {@link #allocatedBytes} (the JVM's per-thread allocation
 * counter around the loop) shows it.
 */
final class SessionWorker implements Runnable
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final Exchange exchange;
    private final CountDownLatch ready;
    private final CountDownLatch go;
    private final CountDownLatch release;
    private final RunClock clock;
    final LatencyHistogram histogram = new LatencyHistogram();
    long ops;
    long bytes;
    long allOps;
    long allocatedBytes;
    int error;

    /**
     * @param release the thread waits for it after its loop, so that it still exists (and its kernel counters
     *                with it) when the run reads them.
     */
    SessionWorker(final Exchange exchange, final CountDownLatch ready, final CountDownLatch go,
        final CountDownLatch release, final RunClock clock)
    {
        this.exchange = exchange;
        this.ready = ready;
        this.go = go;
        this.release = release;
        this.clock = clock;
    }

    @Override
    public void run()
    {
        ready.countDown();
        try
        {
            go.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return;
        }
        final long warmupEnd = clock.warmupEnd;
        final long end = clock.end;
        final long allocated = THREADS.getCurrentThreadAllocatedBytes();
        final LatencyHistogram histogram = this.histogram;
        final Exchange exchange = this.exchange;
        long ops = 0;
        long bytes = 0;
        long allOps = 0;
        while (true)
        {
            final long start = System.nanoTime();
            if (start >= end)
            {
                break;
            }
            final int result = exchange.exchange();
            final long finish = System.nanoTime();
            if (result < 0)
            {
                error = result;
                break;
            }
            allOps++;
            if (start >= warmupEnd)
            {
                histogram.record(finish - start);
                ops++;
                bytes += result;
            }
        }
        allocatedBytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        this.ops = ops;
        this.bytes = bytes;
        this.allOps = allOps;
        try
        {
            release.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The run's deadlines in {@link System#nanoTime()}, published before the workers are let go. */
    static final class RunClock
    {
        volatile long warmupEnd;
        volatile long end;
    }
}

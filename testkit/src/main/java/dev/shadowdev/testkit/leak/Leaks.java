package dev.shadowdev.testkit.leak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * Makes Netty's leak detector report every buffer that is unreachable now: Netty notices a leak only when the buffer
 * has been collected, its weak reference enqueued, and the detector polled by the next tracked allocation.

 */
public final class Leaks
{
    private static final long GC_TIMEOUT_MS = 10_000;

    private Leaks()
    {
    }

    /**
     * Collect, wait until the reference handler has enqueued everything that collection found, then poll the
     * detector, and hand over what it reported.
     *
     * @return the leaks reported since the last call (empty when none).
     * @throws IllegalStateException when the test JVM runs without {@link RecordingLeakDetector} installed.
     */
    public static List<String> collect()
    {
        // The second sentinel is enqueued only after the reference handler has finished the pending list of the
        // first collection; finalization runs in between.
        awaitCollection();
        System.runFinalization();
        awaitCollection();
        requireInstalled();
        return RecordingLeakDetector.takeLeaks();
    }

    /**
     * Collect until a leak is reported.
     *
     * @param timeoutMs how long to wait.
     * @return the leaks reported, empty when none was within {@code timeoutMs}.
     */
    public static List<String> awaitLeak(final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        List<String> leaks = collect();
        while (leaks.isEmpty() && System.currentTimeMillis() < deadline)
        {
            PooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
            PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
            leaks = collect();
        }
        return leaks;
    }

    /** @throws IllegalStateException when Netty does not use {@link RecordingLeakDetector} for its buffers. */
    public static void requireInstalled()
    {
        UnpooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
        if (!RecordingLeakDetector.installedFor(ByteBuf.class))
        {
            throw new IllegalStateException("leak detector not installed: io.netty.customResourceLeakDetector="
                + System.getProperty("io.netty.customResourceLeakDetector"));
        }
        if (!"paranoid".equalsIgnoreCase(System.getProperty("io.netty.leakDetection.level")))
        {
            throw new IllegalStateException("leak detection not paranoid: io.netty.leakDetection.level="
                + System.getProperty("io.netty.leakDetection.level"));
        }
    }

    private static void awaitCollection()
    {
        final ReferenceQueue<Object> queue = new ReferenceQueue<>();
        final WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        final long deadline = System.currentTimeMillis() + GC_TIMEOUT_MS;
        try
        {
            while (queue.remove(1) == null)
            {
                if (System.currentTimeMillis() > deadline)
                {
                    throw new IllegalStateException("garbage collection did not clear a sentinel: timeoutMs="
                        + GC_TIMEOUT_MS);
                }
                System.gc();
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while awaiting a collection", e);
        }
        sentinel.clear();
    }
}

package dev.shadowdev.driver.minor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinorAllocatorConcurrencyTest
{
    private static final int THREADS = 4;
    private static final int ITERATIONS = 50_000;
    private static final int HELD_PER_THREAD = 300;

    @Test
    void neverHandsOutTheSameMinorTwice() throws InterruptedException
    {
        final MinorAllocator allocator = new MinorAllocator();
        final AtomicIntegerArray owner = new AtomicIntegerArray(MinorAllocator.MAX_MINORS);
        final AtomicReference<String> failure = new AtomicReference<>();
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        final int[] heldAtEnd = new int[THREADS];

        for (int t = 0; t < THREADS; t++)
        {
            final int id = t + 1;
            final Thread thread = new Thread(
                () -> churn(allocator, owner, failure, start, id, heldAtEnd), "minor-churn-" + id);
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertNull(failure.get());
        int held = 0;
        int owned = 0;
        for (int t = 0; t < THREADS; t++)
        {
            held += heldAtEnd[t];
        }
        for (int minor = 0; minor < 4 * THREADS * HELD_PER_THREAD; minor++)
        {
            owned += owner.get(minor) != 0 ? 1 : 0;
            assertEquals(owner.get(minor) != 0, allocator.isInUse(minor), "in use: minor=" + minor);
        }
        assertEquals(held, owned);
        assertEquals(held, allocator.inUse());
        assertTrue(allocator.highestInUse() < THREADS * HELD_PER_THREAD, "highest=" + allocator.highestInUse());
    }

    private static void churn(
        final MinorAllocator allocator,
        final AtomicIntegerArray owner,
        final AtomicReference<String> failure,
        final CountDownLatch start,
        final int id,
        final int[] heldAtEnd)
    {
        final SplittableRandom random = new SplittableRandom(id);
        final int[] held = new int[HELD_PER_THREAD];
        int count = 0;
        try
        {
            start.await();
            for (int i = 0; i < ITERATIONS && failure.get() == null; i++)
            {
                if (count < HELD_PER_THREAD && (count == 0 || random.nextInt(3) != 0))
                {
                    final int minor = allocator.allocate();
                    if (minor < 0 || !owner.compareAndSet(minor, 0, id))
                    {
                        failure.compareAndSet(null, "handed out twice: minor=" + minor + " owner=" +
                            (minor < 0 ? 0 : owner.get(minor)) + " thread=" + id);
                        return;
                    }
                    held[count++] = minor;
                }
                else
                {
                    final int slot = random.nextInt(count);
                    final int minor = held[slot];
                    held[slot] = held[--count];
                    owner.set(minor, 0);
                    final int status = allocator.free(minor);
                    if (status != 0)
                    {
                        failure.compareAndSet(null, "free failed: minor=" + minor + " status=" + status);
                        return;
                    }
                }
            }
            heldAtEnd[id - 1] = count;
        }
        catch (final InterruptedException ex)
        {
            failure.compareAndSet(null, "interrupted: thread=" + id);
        }
    }
}

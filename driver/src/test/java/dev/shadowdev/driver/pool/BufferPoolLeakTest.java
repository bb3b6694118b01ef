package dev.shadowdev.driver.pool;

import dev.shadowdev.testkit.leak.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A buffer dropped without {@link BufferPool#release} is reported by Netty's leak detector, at PARANOID (every
 * buffer tracked, so one leaked buffer is enough), with the place it was acquired; {@link Leaks#collect()} hands the
 * report over, which is what makes {@code LeakCheckExtension} fail a leaking test class. The leak made here on
 * purpose is collected by the test itself, so the extension sees none.
 */
class BufferPoolLeakTest
{
    private final BufferPool pool = new BufferPool(2);

    @AfterEach
    void closePool()
    {
        pool.close();
    }

    @Test
    void aBufferNeverReleasedIsReportedWithWhereItWasAcquired()
    {
        leakOne();
        final List<String> leaks = Leaks.awaitLeak(10_000);
        assertEquals(1, leaks.size(), String.join("\n", leaks));
        assertTrue(leaks.get(0).startsWith("LEAK: ByteBuf.release() was not called"), leaks.get(0));
        assertTrue(leaks.get(0).contains("BufferPoolLeakTest.leakOne"), leaks.get(0));
    }

    @Test
    void releasedAndPooledBuffersAreNoLeak()
    {
        final PooledBuffer released = pool.acquire(4096);
        final PooledBuffer pooled = pool.acquire(4096);
        final PooledBuffer spilled = pool.acquire(4096);
        pool.release(released);
        pool.release(pooled);
        pool.release(spilled);
        assertEquals(List.of(), Leaks.collect());
    }

    /** Acquires a buffer and drops the only reference to it. */
    private void leakOne()
    {
        pool.acquire(100).length(1);
    }
}

package dev.shadowdev.driver.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class BufferPoolTest
{
    private final BufferPool pool = new BufferPool(2);

    @Test
    void aRequestGetsTheSmallestClassThatHoldsIt()
    {
        assertEquals(512, pool.acquire(0).capacity());
        assertEquals(512, pool.acquire(512).capacity());
        assertEquals(4096, pool.acquire(513).capacity());
        assertEquals(65536 + 64, pool.acquire(65536).capacity());
        assertEquals(131072, pool.acquire(BufferPool.maxSize()).capacity());
        assertNull(pool.acquire(BufferPool.maxSize() + 1));
        assertNull(pool.acquire(-1));
    }

    @Test
    void releasedBuffersAreReusedUpToTheRetainLimit()
    {
        final PooledBuffer a = pool.acquire(100).length(7).attachment("x");
        final PooledBuffer b = pool.acquire(100);
        final PooledBuffer c = pool.acquire(100);
        assertEquals(3, pool.created());
        pool.release(a);
        pool.release(b);
        pool.release(c);
        pool.release(null);
        final PooledBuffer again = pool.acquire(10);
        assertSame(b, again);
        assertEquals(0, again.length());
        assertSame(a, pool.acquire(10));
        assertNull(a.attachment());
        assertNotSame(c, pool.acquire(10));
        assertEquals(4, pool.created());
    }
}

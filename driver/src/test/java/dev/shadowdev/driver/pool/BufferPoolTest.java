package dev.shadowdev.driver.pool;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BufferPoolTest
{
    private final BufferPool pool = new BufferPool(2);

    @AfterEach
    void closePool()
    {
        pool.close();
    }

    @Test
    void aRequestGetsTheSmallestClassThatHoldsIt()
    {
        assertCapacity(512, 0);
        assertCapacity(512, 512);
        assertCapacity(4096, 513);
        assertCapacity(65536 + 64, 65536);
        assertCapacity(131072, BufferPool.maxSize());
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
        assertEquals(0, c.memory().refCnt(), "past the retain limit the memory goes back to Netty");
        final PooledBuffer again = pool.acquire(10);
        assertSame(b, again);
        assertEquals(0, again.length());
        assertSame(a, pool.acquire(10));
        assertNull(a.attachment());
        final PooledBuffer fresh = pool.acquire(10);
        assertNotSame(c, fresh);
        assertEquals(4, pool.created());
        pool.release(a);
        pool.release(again);
        pool.release(fresh);
    }

    @Test
    void theViewsStartAtTheFirstByteOfTheBuffersOwnMemory()
    {
        final PooledBuffer first = pool.acquire(4096);
        final PooledBuffer second = pool.acquire(4096);
        first.wire().putInt(0, 0x01020304);
        second.byteBuffer().putInt(0, 0x0A0B0C0D);
        assertEquals(ByteOrder.LITTLE_ENDIAN, first.byteBuffer().order());
        assertEquals(0x04, first.byteBuffer().get(0), "little-endian from index 0");
        assertEquals(0x0A0B0C0D, second.wire().getInt(0));
        assertEquals(0x01020304, first.wire().getInt(0), "the second buffer did not write over the first");
        assertEquals(4096, first.wire().capacity());
        assertTrue(first.byteBuffer().isDirect(), "direct memory by default");
        pool.release(first);
        pool.release(second);
    }

    @Test
    void heapMemoryOnRequest()
    {
        try (BufferPool heap = new BufferPool(PooledByteBufAllocator.DEFAULT, false, 2))
        {
            final PooledBuffer buffer = heap.acquire(64);
            assertTrue(buffer.byteBuffer().hasArray());
            heap.release(buffer);
        }
    }

    @Test
    void aBufferReleasedTwiceIsRefusedAndStaysPooledOnce()
    {
        final PooledBuffer buffer = pool.acquire(64);
        pool.release(buffer);
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.release(buffer));
        assertEquals("buffer released twice: capacity=512", e.getMessage());
        final PooledBuffer again = pool.acquire(64);
        final PooledBuffer other = pool.acquire(64);
        assertSame(buffer, again);
        assertNotSame(buffer, other);
        assertEquals(2, pool.created());
        pool.release(again);
        pool.release(other);
    }

    @Test
    void closeGivesTheFreeMemoryBackAndKeepsNoneAfterwards()
    {
        final PooledBuffer kept = pool.acquire(64);
        final PooledBuffer held = pool.acquire(64);
        pool.release(kept);
        pool.close();
        assertEquals(0, kept.memory().refCnt());
        assertEquals(1, held.memory().refCnt());
        pool.release(held);
        assertEquals(0, held.memory().refCnt(), "released after close: straight back to Netty");
        pool.close();
    }

    private void assertCapacity(final int capacity, final int size)
    {
        final PooledBuffer buffer = pool.acquire(size);
        assertEquals(capacity, buffer.capacity());
        assertEquals(capacity, buffer.byteBuffer().capacity());
        pool.release(buffer);
    }
}

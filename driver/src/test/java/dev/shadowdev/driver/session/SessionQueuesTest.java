package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.ResponseSink;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.pool.PooledBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionQueuesTest
{
    private final BufferPool pool = new BufferPool(4);
    private final SessionQueues queues = new SessionQueues(pool);

    @AfterEach
    void closePool()
    {
        pool.close();
    }

    @Test
    void requestsAndResponsesKeepTheirOrderAndReadsFollowTheAbi()
    {
        final AtomicInteger ready = new AtomicInteger();
        queues.readyListener(ready::incrementAndGet);
        assertEquals(0, queues.read(ByteBuffer.allocate(64), false));
        final PooledBuffer first = pool.acquire(16);
        final PooledBuffer second = pool.acquire(16);
        assertEquals(0, queues.offer(first, true, 2));
        assertEquals(0, queues.offer(second, true, 2));
        final PooledBuffer refused = pool.acquire(16);
        assertEquals(Errno.EAGAIN.status(), queues.offer(refused, true, 2));
        pool.release(refused);
        assertEquals(Errno.EAGAIN.status(), queues.read(ByteBuffer.allocate(64), true));
        assertSame(first, queues.takeRequest());
        assertSame(second, queues.takeRequest());
        assertNull(queues.takeRequest());
        pool.release(first);
        pool.release(second);

        queues.respond(response(40, (byte)1));
        assertTrue(queues.pollIn());
        assertEquals(1, ready.get());
        assertEquals(Errno.EOVERFLOW.status(), queues.read(ByteBuffer.allocate(39), false));
        final ByteBuffer dst = ByteBuffer.allocate(64);
        dst.position(4);
        assertEquals(40, queues.read(dst, false));
        assertEquals(44, dst.position());
        assertEquals(1, dst.get(4));
        assertFalse(queues.pollIn());
        assertEquals(1, queues.outstanding());

        queues.kill();
        assertTrue(queues.pollIn());
        final PooledBuffer afterKill = pool.acquire(16);
        assertEquals(Errno.ENODEV.status(), queues.offer(afterKill, true, 2));
        pool.release(afterKill);
        queues.respond(response(24, (byte)2));
        assertEquals(24, queues.read(ByteBuffer.allocate(64), false));
        assertEquals(Errno.ENODEV.status(), queues.read(ByteBuffer.allocate(64), false));
        assertEquals(3, ready.get());
    }

    @Test
    void dropUnstartedForgetsQueuedWritesAndFailsQueuedIoctls()
    {
        final IoctlWait wait = new IoctlWait();
        queues.offer(pool.acquire(16), true, 8);
        queues.offer(pool.acquire(16).attachment(wait), false, 8);
        assertEquals(1, queues.outstanding());
        assertEquals(2, queues.dropUnstarted());
        assertEquals(0, queues.outstanding());
        assertEquals(Errno.ENODEV.status(), wait.await());
        assertEquals(0, queues.read(ByteBuffer.allocate(64), false));
    }

    @Test
    void aSinkGetsTheResponseInPlaceAndItsMemoryGoesBackAfter()
    {
        assertEquals(0, queues.offer(pool.acquire(16).length(16), true, 8));
        pool.release(queues.takeRequest());
        final PooledBuffer queued = response(40, (byte)7);
        queues.respond(queued);
        final ResponseSink refused = (response, address, length) ->
        {
            throw new AssertionError("a response longer than the capacity is not handed over");
        };
        assertEquals(Errno.EOVERFLOW.status(), queues.read(refused, 39, false));
        assertTrue(queues.pollIn(), "still queued");
        final long[] seen = new long[2];
        assertEquals(40, queues.read((response, address, length) ->
        {
            assertSame(queued.byteBuffer(), response, "the pooled memory itself");
            assertEquals(7, response.get(0));
            seen[0] = address;
            seen[1] = length;
            return length;
        }, 40, false));
        assertTrue(seen[0] != 0 && seen[0] == queued.address(), "direct memory: its address");
        assertEquals(40, seen[1]);
        assertFalse(queues.pollIn());
        final long created = pool.created();
        pool.release(pool.acquire(40));
        assertEquals(created, pool.created(), "the response's buffer was given back and is reused");
        assertEquals(0, queues.read(refused, 64, true), "nothing outstanding: 0, the sink not called");
    }

    private PooledBuffer response(final int length, final byte first)
    {
        final PooledBuffer response = pool.acquire(length).length(length);
        response.byteBuffer().put(0, first);
        return response;
    }

    @Test
    void aBlockedReaderIsWokenByTheResponseAndOnlyWaits() throws Exception
    {
        assertEquals(0, queues.offer(pool.acquire(16).length(16), true, 8));
        pool.release(queues.takeRequest());
        final CompletableFuture<Integer> reader = new CompletableFuture<>();
        final Thread thread = new Thread(() -> reader.complete(queues.read(ByteBuffer.allocate(64), false)));
        thread.start();
        awaitState(thread, Thread.State.WAITING);
        assertFalse(reader.isDone(), "a read with a request outstanding waits");
        final PooledBuffer response = pool.acquire(24).length(24);
        queues.respond(response);
        assertEquals(24, reader.get(5, TimeUnit.SECONDS));
        assertEquals(0, queues.read(ByteBuffer.allocate(64), true), "nothing outstanding, nothing queued");
    }

    private static void awaitState(final Thread thread, final Thread.State state)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != state)
        {
            assertTrue(System.nanoTime() < deadline, "thread never reached " + state);
            Thread.onSpinWait();
        }
    }
}

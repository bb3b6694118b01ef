package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.pool.PooledBuffer;
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
        assertEquals(Errno.EAGAIN.status(), queues.offer(pool.acquire(16), true, 2));
        assertEquals(Errno.EAGAIN.status(), queues.read(ByteBuffer.allocate(64), true));
        assertSame(first, queues.takeRequest());
        assertSame(second, queues.takeRequest());
        assertNull(queues.takeRequest());

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
        assertEquals(Errno.ENODEV.status(), queues.offer(pool.acquire(16), true, 2));
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

    private PooledBuffer response(final int length, final byte first)
    {
        final PooledBuffer response = pool.acquire(length).length(length);
        response.byteBuffer().put(0, first);
        return response;
    }

    @Test
    void aRunGoesToAWaitingReaderOrWaitsForTheNextCallOnlyWhenAReaderIsBoundToCome() throws Exception
    {
        // Nothing outstanding: nobody will read, a worker must run it.
        assertEquals(SessionQueues.RUN_TO_WORKER, queues.handOff(true));
        assertEquals(0, queues.offer(pool.acquire(16), true, 4));
        assertEquals(SessionQueues.RUN_TO_WORKER, queues.handOff(false), "a close or a death is never deferred");
        assertEquals(SessionQueues.RUN_DEFERRED, queues.handOff(true),
            "an answer with a write outstanding waits for the reader");
        assertEquals(SessionQueues.RUN_HANDED_OFF, queues.read(ByteBuffer.allocate(64), true),
            "even a non-blocking read takes the deferred run first");
        assertFalse(queues.claimDeferred());

        // A blocked reader is handed the run.
        final CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(
            () -> queues.read(ByteBuffer.allocate(64), false));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (queues.handOff(false) != SessionQueues.RUN_TO_READER)
        {
            assertTrue(System.nanoTime() < deadline, "reader never waited");
            Thread.sleep(1);
        }
        assertEquals(SessionQueues.RUN_HANDED_OFF, reader.get(5, TimeUnit.SECONDS));

        // An SD_IOC_MANAGE caller waits elsewhere, and an armed poller waits for the ready listener: no deferral.
        final PooledBuffer ioctl = pool.acquire(16);
        assertEquals(0, queues.offer(ioctl, false, Integer.MAX_VALUE));
        assertEquals(SessionQueues.RUN_TO_WORKER, queues.handOff(true));
        queues.ioctlDone();
        assertEquals(SessionQueues.RUN_DEFERRED, queues.handOff(true));
        assertTrue(queues.claimDeferred());
        queues.readyListener(() -> { });
        assertEquals(SessionQueues.RUN_TO_WORKER, queues.handOff(true));
    }
}

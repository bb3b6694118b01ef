package dev.shadowdev.devfs.fs;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.BlockingHook;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.PointerByReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.serce.jnrfuse.struct.FuseOperations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request loop's workers against a scripted libfuse: how many read, when a spare is called in, and how the loop
 * ends. Requests are numbers; a "waiting" request calls the driver's {@link BlockingHook} and then waits for the
 * test, as a node read whose response is not there yet does. Every step waits for an event the loop must cause, so
 * nothing depends on timing.
 */
class FuseRequestLoopTest
{
    private static final long SECONDS = 10;
    /** A request whose processing throws, as a filesystem callback's exception comes out of libfuse. */
    private static final int FAILING = 1_000_000;
    private static final long FAILING_UNIQUE = 0x4242;

    private final FakeLibFuse lib = new FakeLibFuse();

    @ParameterizedTest(name = "readers={0}")
    @ValueSource(ints = {1, 2, 3})
    void aWorkerAboutToWaitCallsInAnotherSoNoRequestWaitsBehindIt(final int readers) throws Exception
    {
        final FuseRequestLoop loop = serve(readers);
        assertEquals(1, loop.workers(), "one worker to begin with");

        // As many waiting requests as readers: the first ones grow the readers to MAX_READERS as libfuse would, the
        // last one to wait finds none reading and starts one more.
        for (int r = 1; r <= readers; r++)
        {
            lib.waiting(r);
            lib.send(r);
            lib.awaitWaiting(r);
        }
        assertEquals(readers + 1, loop.workers());
        // A quick request is served while every other worker waits.
        lib.send(100);
        lib.awaitDone(100);

        // The waiting ones end; the loop keeps MAX_READERS reading and the rest as spares, no thread ends.
        for (int r = 1; r <= readers; r++)
        {
            lib.release(r);
            lib.awaitDone(r);
        }
        awaitSpares(loop, 1);
        assertEquals(readers, loop.readers());
        assertEquals(readers + 1, loop.workers());
        final int started = loop.started();

        // Every reader takes a waiting request: the last one to wait calls the spare in, no new thread.
        for (int r = 11; r < 11 + readers; r++)
        {
            lib.waiting(r);
            lib.send(r);
            lib.awaitWaiting(r);
        }
        assertEquals(0, loop.spares(), "the spare was called in");
        lib.send(101);
        lib.awaitDone(101);
        assertEquals(started, loop.started(), "the spare served it, no thread was started");
        for (int r = 11; r < 11 + readers; r++)
        {
            lib.release(r);
            lib.awaitDone(r);
        }

        // The unmount: every receive returns 0, the spares end too, the last worker tears the session down.
        lib.end();
        assertTrue(loop.awaitTornDown(TimeUnit.SECONDS.toMillis(SECONDS)), "torn down");
        assertEquals(0, loop.workers());
        assertEquals(1, lib.teardowns);
    }

    @ParameterizedTest(name = "readers={0}")
    @ValueSource(ints = {1, 2})
    void requestsOneAfterTheOtherNeedNoMoreThanTheReaders(final int readers) throws Exception
    {
        final FuseRequestLoop loop = serve(readers);
        for (int r = 1; r <= 2_000; r++)
        {
            lib.send(r);
            lib.awaitDone(r);
        }
        assertTrue(loop.started() <= readers, "workers started: " + loop.started() + " readers=" + readers);
        lib.end();
        assertTrue(loop.awaitTornDown(TimeUnit.SECONDS.toMillis(SECONDS)));
    }

    @Test
    void aWorkerThatFailsAnswersTheRequestItHeldWithEioAndEndsTheSession() throws Exception
    {
        final FuseRequestLoop loop = serve(2);
        lib.send(1);
        lib.awaitDone(1);
        lib.send(FAILING);
        assertTrue(loop.awaitTornDown(TimeUnit.SECONDS.toMillis(SECONDS)), "the session ends");
        assertEquals(1, lib.sent.size(), "one answer");
        final long[] reply = lib.sent.get(0);
        assertEquals(FuseOutDescriptor.HEADER_LENGTH, reply[0]);
        assertEquals(Errno.EIO.status(), reply[1]);
        assertEquals(FAILING_UNIQUE, reply[2], "to the request the worker held, so its caller does not wait for good");
        assertEquals(1, reply[3], "the header alone");
    }

    private FuseRequestLoop serve(final int readers) throws java.io.IOException
    {
        return FuseRequestLoop.serve(lib, new FuseRequestLoop.Settings("test-fuse", readers, null, 0), () -> { },
            lib.pointer(), lib.pointer());
    }

    private static void awaitSpares(final FuseRequestLoop loop, final int spares) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (loop.spares() != spares)
        {
            assertTrue(System.nanoTime() < deadline, "spares: " + loop.spares() + " want " + spares);
            Thread.sleep(1);
        }
    }

    /** libfuse 2.9's loop calls over a queue of request numbers. */
    private static final class FakeLibFuse implements FuseRequestLoop.LibFuseLoop
    {
        private static final int END = -1;

        /** Each reply sent: length, error, unique, iovec count. */
        final List<long[]> sent = new CopyOnWriteArrayList<>();
        private final LinkedBlockingQueue<Integer> requests = new LinkedBlockingQueue<>();
        private final Map<Integer, CountDownLatch> waitingStarted = new ConcurrentHashMap<>();
        private final Map<Integer, CountDownLatch> releases = new ConcurrentHashMap<>();
        private final Map<Integer, CountDownLatch> done = new ConcurrentHashMap<>();
        private volatile boolean ended;
        volatile int teardowns;

        Pointer pointer()
        {
            return Memory.allocateDirect(Runtime.getSystemRuntime(), 64);
        }

        void waiting(final int request)
        {
            waitingStarted.put(request, new CountDownLatch(1));
            releases.put(request, new CountDownLatch(1));
        }

        void send(final int request)
        {
            done.put(request, new CountDownLatch(1));
            requests.add(request);
        }

        void awaitWaiting(final int request) throws InterruptedException
        {
            assertTrue(waitingStarted.get(request).await(SECONDS, TimeUnit.SECONDS), "request waiting: " + request);
        }

        void release(final int request)
        {
            releases.get(request).countDown();
        }

        void awaitDone(final int request) throws InterruptedException
        {
            assertTrue(done.get(request).await(SECONDS, TimeUnit.SECONDS), "request served: " + request);
        }

        void end()
        {
            ended = true;
            requests.add(END);
        }

        @Override
        public int fuse_chan_recv(final Pointer chan, final Pointer buf, final long size)
        {
            try
            {
                final Integer request = requests.take();
                if (request == END)
                {
                    requests.add(END);
                    return 0;
                }
                buf.putInt(0, request);
                return Integer.BYTES;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return 0;
            }
        }

        @Override
        public void fuse_session_process(final Pointer session, final Pointer buf, final long len, final Pointer chan)
        {
            final int request = buf.getInt(0);
            if (request == FAILING)
            {
                buf.putLong(FuseInDescriptor.UNIQUE_OFFSET, FAILING_UNIQUE);
                throw new IllegalStateException("injected: the filesystem threw");
            }
            final CountDownLatch release = releases.get(request);
            if (release != null)
            {
                BlockingHook.beforeWait();
                waitingStarted.get(request).countDown();
                try
                {
                    release.await(SECONDS, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            done.get(request).countDown();
        }

        @Override
        public int fuse_session_exited(final Pointer session)
        {
            return 0;
        }

        @Override
        public void fuse_teardown(final Pointer fuse, final Pointer mountpoint)
        {
            teardowns++;
        }

        @Override
        public Pointer fuse_get_session(final Pointer fuse)
        {
            return fuse;
        }

        @Override
        public Pointer fuse_session_next_chan(final Pointer session, final Pointer chan)
        {
            return session;
        }

        @Override
        public int fuse_chan_send(final Pointer chan, final Pointer iov, final long count)
        {
            // Only the loop's own answer to a request its worker failed on: record its header.
            final Pointer reply = Pointer.wrap(Runtime.getSystemRuntime(), iov.getAddress(0));
            sent.add(new long[] {reply.getInt(FuseOutDescriptor.LEN_OFFSET),
                reply.getInt(FuseOutDescriptor.ERROR_OFFSET), reply.getLong(FuseOutDescriptor.UNIQUE_OFFSET), count});
            return 0;
        }

        @Override
        public long fuse_chan_bufsize(final Pointer chan)
        {
            return 64;
        }

        @Override
        public Pointer fuse_setup(final int argc, final String[] argv, final FuseOperations op, final long opSize,
            final PointerByReference mountpoint, final IntByReference multithreaded, final Pointer userData)
        {
            throw new UnsupportedOperationException("not mounted here");
        }

        @Override
        public void fuse_session_exit(final Pointer session)
        {
            end();
        }

        @Override
        public int fuse_lowlevel_notify_inval_entry(final Pointer chan, final long parent, final String name,
            final long namelen)
        {
            return 0;
        }
    }
}

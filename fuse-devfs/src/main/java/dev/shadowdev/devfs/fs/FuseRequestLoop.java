package dev.shadowdev.devfs.fs;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.PointerByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.serce.jnrfuse.struct.FuseOperations;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Mounts a jnr-fuse filesystem and serves its requests on Java threads of its own, in place of libfuse's
 * multithreaded loop ({@code fuse_loop_mt}), with the same rule for growing: when every worker is busy with a
 * request, one more is started to take the next. The difference is in shrinking. libfuse 2.9 ends a worker as soon
 * as more than 10 are idle; its workers are native threads, so every jnr callback on a new one attaches it to the
 * JVM (a Java thread built, then torn down when it ends). A node read blocks its worker until the answer, so with
 * a dozen sessions the idle count swings across 10 on every round of answers, and the daemon spent most of its CPU
 * attaching and detaching threads (about one per exchange at 16 sessions, measured). Here a worker only ends when
 * more than {@link #MAX_IDLE} are idle, and every worker is a JVM thread from the start.
 * <p>
 * libfuse 2.9's low-level calls, as {@code fuse_loop_mt} makes them: {@code fuse_setup} (parse the options, mount,
 * build the session; the same as {@code fuse_main} before its loop), per worker {@code fuse_chan_recv} into a
 * buffer of {@code fuse_chan_bufsize} bytes and {@code fuse_session_process}; {@code fuse_teardown} once every
 * worker has returned (the unmount makes each receive fail with ENODEV).
 */
final class FuseRequestLoop
{
    /** Idle workers kept: more than the sessions a card serves at once in practice, so none churn. */
    static final int MAX_IDLE = 64;

    private static final Logger LOG = LoggerFactory.getLogger(FuseRequestLoop.class);
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    /** The libfuse 2.9 calls of {@code fuse_loop_mt} and {@code fuse_main}'s setup. */
    public interface LibFuseLoop
    {
        Pointer fuse_setup(int argc, String[] argv, FuseOperations op, long opSize, PointerByReference mountpoint,
            IntByReference multithreaded, Pointer userData);

        void fuse_teardown(Pointer fuse, Pointer mountpoint);

        Pointer fuse_get_session(Pointer fuse);

        Pointer fuse_session_next_chan(Pointer session, Pointer chan);

        long fuse_chan_bufsize(Pointer chan);

        /** @param chan a {@code struct fuse_chan **}: a cell holding the channel. */
        int fuse_chan_recv(Pointer chan, Pointer buf, long size);

        void fuse_session_process(Pointer session, Pointer buf, long len, Pointer chan);

        int fuse_session_exited(Pointer session);

        void fuse_session_exit(Pointer session);

        void fuse_exit(Pointer fuse);
    }

    private final LibFuseLoop lib;
    private final String name;
    private final Pointer fuse;
    private final Pointer mountpointC;
    private final Pointer session;
    private final Pointer chan;
    private final long bufferSize;
    private final Object lock = new Object();
    private int workers;
    private int idle;
    private int started;
    private boolean tornDown;

    private FuseRequestLoop(final LibFuseLoop lib, final String name, final Pointer fuse, final Pointer mountpointC)
    {
        this.lib = lib;
        this.name = name;
        this.fuse = fuse;
        this.mountpointC = mountpointC;
        this.session = lib.fuse_get_session(fuse);
        this.chan = lib.fuse_session_next_chan(session, null);
        this.bufferSize = lib.fuse_chan_bufsize(chan);
    }

    /**
     * Mount and start serving.
     *
     * @param operations the filesystem's callbacks (jnr-fuse's {@code fuseOperations}).
     * @param argv       {@code fuse_main}-style arguments: program name, {@code -f}, {@code -o} options, the mount
     *                   point.
     * @param name       worker thread name prefix.
     * @return the running loop.
     * @throws IOException when libfuse refuses the options or the mount fails.
     */
    static FuseRequestLoop start(final FuseOperations operations, final String[] argv, final String name)
        throws IOException
    {
        final LibFuseLoop lib = LibraryLoader.create(LibFuseLoop.class).failImmediately().load("fuse");
        final PointerByReference mountpoint = new PointerByReference();
        final IntByReference multithreaded = new IntByReference();
        final Pointer fuse = lib.fuse_setup(argv.length, argv, operations, Struct.size(operations), mountpoint,
            multithreaded, null);
        if (fuse == null)
        {
            throw new IOException("mount failed: reason=fuse_setup refused (see libfuse's message above) argv=" +
                String.join(" ", argv));
        }
        final FuseRequestLoop loop = new FuseRequestLoop(lib, name, fuse, mountpoint.getValue());
        loop.startWorker();
        return loop;
    }

    /** Tell libfuse to stop; the workers return once the mount is gone (the caller unmounts). */
    void exit()
    {
        lib.fuse_exit(fuse);
    }

    /**
     * After the unmount: wait a while for the last worker to return and tear the session down ({@code
     * fuse_teardown}, done by that worker). Workers still in a callback, or still serving files that stay open
     * after a lazy unmount, keep the session until they return.
     *
     * @param timeoutMillis how long to wait.
     * @return true when torn down.
     */
    boolean awaitTornDown(final long timeoutMillis)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock)
        {
            while (!tornDown)
            {
                final long left = deadline - System.nanoTime();
                if (left <= 0)
                {
                    LOG.info("fuse session still served after unmount (open files or busy callbacks): workers={}",
                        workers);
                    return false;
                }
                try
                {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** @return workers alive now (for tests). */
    int workers()
    {
        synchronized (lock)
        {
            return workers;
        }
    }

    /** @return workers started since the mount (for tests and the bench). */
    int started()
    {
        synchronized (lock)
        {
            return started;
        }
    }

    /** Under no lock: count the worker in, then start it. */
    private void startWorker()
    {
        final int number;
        synchronized (lock)
        {
            workers++;
            idle++;
            number = started++;
        }
        final Thread thread = new Thread(this::work, name + "-" + number);
        thread.setDaemon(true);
        thread.start();
    }

    private void work()
    {
        final Pointer buffer = Memory.allocateDirect(Runtime.getSystemRuntime(), bufferSize);
        final Pointer chanCell = Memory.allocateDirect(Runtime.getSystemRuntime(), Long.BYTES);
        boolean busy = false;
        try
        {
            while (lib.fuse_session_exited(session) == 0)
            {
                chanCell.putPointer(0, chan);
                final int received = lib.fuse_chan_recv(chanCell, buffer, bufferSize);
                if (received == -EINTR || received == -EAGAIN)
                {
                    continue;
                }
                if (received <= 0)
                {
                    if (received < 0)
                    {
                        lib.fuse_session_exit(session);
                    }
                    return;
                }
                final boolean more;
                synchronized (lock)
                {
                    idle--;
                    busy = true;
                    more = idle == 0;
                }
                if (more)
                {
                    startWorker();
                }
                lib.fuse_session_process(session, buffer, received, chan);
                synchronized (lock)
                {
                    idle++;
                    busy = false;
                    if (idle > MAX_IDLE)
                    {
                        return;
                    }
                }
            }
        }
        catch (final RuntimeException | Error ex)
        {
            LOG.error("fuse worker failed: thread={}", Thread.currentThread().getName(), ex);
            lib.fuse_session_exit(session);
        }
        finally
        {
            final boolean last;
            synchronized (lock)
            {
                if (!busy)
                {
                    idle--;
                }
                workers--;
                last = workers == 0;
            }
            if (last)
            {
                tearDown();
            }
        }
    }

    /** The last worker: every receive has failed (unmounted) or the session was told to exit. */
    private void tearDown()
    {
        lib.fuse_teardown(fuse, mountpointC);
        synchronized (lock)
        {
            tornDown = true;
            lock.notifyAll();
        }
        LOG.debug("fuse session torn down: workers_started={}", started);
    }
}

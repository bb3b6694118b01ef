package dev.shadowdev.devfs.fs;

import dev.shadowdev.abi.Errno;
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
 * worker has returned. The loop ends the way {@code fuse_loop_mt} does: the unmount makes every receive return 0
 * (libfuse turns the kernel's ENODEV into the end of the session), once the last open file is closed. A receive
 * error ends the session and unmounts, so that the other workers see the end too.
 */
final class FuseRequestLoop
{
    /** Idle workers kept: more than the sessions a card serves at once in practice, so none churn. */
    static final int MAX_IDLE = 64;

    private static final Logger LOG = LoggerFactory.getLogger(FuseRequestLoop.class);

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

        /** @return 0, or a negative errno (-ENOENT: the kernel had no such entry cached). */
        int fuse_lowlevel_notify_inval_entry(Pointer chan, long parent, String name, long namelen);
    }

    private final LibFuseLoop lib;
    private final String name;
    private final Runnable unmount;
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

    private FuseRequestLoop(
        final LibFuseLoop lib, final String name, final Runnable unmount, final Pointer fuse, final Pointer mountpointC)
    {
        this.lib = lib;
        this.name = name;
        this.unmount = unmount;
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
     * @param unmount    unmounts the mount point (after a receive error, to end the other workers' receives).
     * @return the running loop.
     * @throws IOException when libfuse cannot be loaded, refuses the options, the mount fails or no worker starts.
     */
    static FuseRequestLoop start(
        final FuseOperations operations, final String[] argv, final String name, final Runnable unmount)
        throws IOException
    {
        final LibFuseLoop lib = load();
        final PointerByReference mountpoint = new PointerByReference();
        final IntByReference multithreaded = new IntByReference();
        final Pointer fuse = lib.fuse_setup(argv.length, argv, operations, Struct.size(operations), mountpoint,
            multithreaded, null);
        if (fuse == null)
        {
            throw new IOException("mount failed: reason=fuse_setup refused (see libfuse's message above) argv=" +
                String.join(" ", argv));
        }
        final FuseRequestLoop loop = new FuseRequestLoop(lib, name, unmount, fuse, mountpoint.getValue());
        if (!loop.startWorker())
        {
            lib.fuse_teardown(fuse, mountpoint.getValue());
            throw new IOException("mount failed: reason=no fuse worker thread could start");
        }
        return loop;
    }

    /** libfuse 2.9 by its runtime name (no libfuse-dev needed), else by the linker name. */
    private static LibFuseLoop load() throws IOException
    {
        LinkageError first = null;
        for (final String library : new String[] {"libfuse.so.2", "fuse"})
        {
            try
            {
                return LibraryLoader.create(LibFuseLoop.class).failImmediately().load(library);
            }
            catch (final LinkageError ex)
            {
                first = first == null ? ex : first;
            }
        }
        throw new IOException("mount failed: reason=libfuse 2.9 not found (install libfuse2): " + first.getMessage());
    }

    /**
     * After the unmount: wait a while for the last worker to return and tear the session down ({@code
     * fuse_teardown}, done by that worker). After a lazy unmount the workers keep serving the files that are still
     * open, as the kernel keeps the connection until the last one is closed; the session ends after that.
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

    /**
     * Tell the kernel to drop its cached directory entry {@code name} under the inode {@code parent} (libfuse 2.9's
     * {@code fuse_lowlevel_notify_inval_entry}), so that the next lookup asks the filesystem again. Must not be
     * called while serving a request that holds the parent directory's lock.
     *
     * @param parent the directory's node id (with the high-level API and no {@code use_ino}: its {@code st_ino}).
     * @return 0, or a negative errno (-ENOENT when the kernel had nothing cached under that name).
     */
    int invalidateEntry(final long parent, final String name)
    {
        return lib.fuse_lowlevel_notify_inval_entry(chan, parent, name,
            name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
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

    /**
     * Count a worker in and start it; on failure (no thread can be created) count it out again.
     *
     * @return true when started.
     */
    private boolean startWorker()
    {
        final int number;
        synchronized (lock)
        {
            workers++;
            idle++;
            number = started++;
        }
        try
        {
            final Thread thread = new Thread(this::work, name + "-" + number);
            thread.setDaemon(true);
            thread.start();
            return true;
        }
        catch (final RuntimeException | OutOfMemoryError ex)
        {
            synchronized (lock)
            {
                workers--;
                idle--;
            }
            LOG.error("fuse worker not started, the busy ones serve on: workers={} error={}", workers(), ex.toString());
            return false;
        }
    }

    private void work()
    {
        boolean busy = false;
        try
        {
            final Pointer buffer = Memory.allocateDirect(Runtime.getSystemRuntime(), bufferSize);
            final Pointer chanCell = Memory.allocateDirect(Runtime.getSystemRuntime(), Long.BYTES);
            while (lib.fuse_session_exited(session) == 0)
            {
                chanCell.putPointer(0, chan);
                final int received = lib.fuse_chan_recv(chanCell, buffer, bufferSize);
                if (received == Errno.EINTR.status() || received == Errno.EAGAIN.status() ||
                    received == Errno.ENOENT.status())
                {
                    continue;
                }
                if (received == 0)
                {
                    return;
                }
                if (received < 0)
                {
                    fail("receive failed: errno=" + -received);
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
            fail("worker failed: " + ex);
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

    /** A worker cannot go on: end the session and unmount, so that every other worker's receive ends too. */
    private void fail(final String reason)
    {
        LOG.error("fuse session ended: {} thread={}", reason, Thread.currentThread().getName());
        lib.fuse_session_exit(session);
        final Thread thread = new Thread(unmount, name + "-unmount");
        thread.setDaemon(true);
        thread.start();
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

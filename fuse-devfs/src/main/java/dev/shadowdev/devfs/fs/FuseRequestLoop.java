package dev.shadowdev.devfs.fs;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.BlockingHook;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.PointerByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.serce.jnrfuse.struct.FuseOperations;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Mounts a jnr-fuse filesystem and serves its requests on Java threads of its own, in place of libfuse's
 * multithreaded loop ({@code fuse_loop_mt}).
 * <p>
 * <b>How many workers read {@code /dev/fuse}.</b> libfuse starts one more worker whenever every worker is busy
 * with a request, and keeps up to 10 idle; all of them wait in the kernel's read. The kernel wakes the waiter that
 * has waited longest for each request, so with several idle workers every request goes to a different, cold thread,
 * often on the other core: on a one-session exchange (a {@code write}, then a {@code read}) that is a wake-up and a
 * migration per request, and the pool grows on the race between a worker replying and the next request arriving,
 * not on need. Here at most a few workers wait in the kernel's read ({@link #MAX_READERS}; the first ones started as
 * the old rule would, when a request leaves none reading, up to that many); a worker that finishes a request
 * while that many are reading waits in a Java stack instead (a spare, last in first out), costing nothing. A spare
 * (or a new worker, when there is none) is called in only when a worker is about to <i>wait</i> in the driver (a
 * node {@code read} whose response is not there yet, an SD_IOC_MANAGE answer, a control plane answer, a close, a
 * refusal's penalty: the driver's {@link BlockingHook}) while no other worker is reading: so a waiting worker never
 * holds up another session's request, and a worker that serves its requests without waiting keeps serving them.
 * Every worker is a JVM thread from the start (libfuse 2.9's native workers were attached to the JVM on their first
 * callback and detached when they ended); spares beyond {@link #MAX_SPARES} end.
 * <p>
 * <b>The data path skips libfuse.</b> A worker hands each request it receives to its {@link FuseDataAdapter} first,
 * which answers a READ or WRITE of an open node file itself, and the interrupt of a node read it serves
 * ({@link NodeReadInterrupts}); libfuse processes the rest.
 * <p>
 * libfuse 2.9's low-level calls, as {@code fuse_loop_mt} makes them: {@code fuse_setup} (parse the options, mount,
 * build the session; the same as {@code fuse_main} before its loop), per worker {@code fuse_chan_recv} into a
 * buffer of {@code fuse_chan_bufsize} bytes and {@code fuse_session_process}; {@code fuse_teardown} once every
 * worker has returned. The loop ends the way {@code fuse_loop_mt} does: the unmount makes every receive return 0
 * (libfuse turns the kernel's ENODEV into the end of the session), once the last open file is closed; the reader
 * that sees it ends the spares too. A receive error ends the session and unmounts, so that the other workers see
 * the end too.
 */
public final class FuseRequestLoop
{
    /**
     * Most workers waiting in the kernel's read at once, for a mount: the cores, at least 2. One reader serves a
     * single session on two cores best (the worker that has just replied is the one woken next), but then a
     * neighbour's requests that keep a worker busy without waiting (its accepted writes, its opens' checks) queue the
     * victim's behind them, and the isolation target failed (docs/PERFORMANCE.md, "What changed", step 10).
     */
    public static final int MAX_READERS = Math.max(2, java.lang.Runtime.getRuntime().availableProcessors());
    /** Spares kept: more than the sessions a card serves at once in practice, so none churn. */
    static final int MAX_SPARES = 64;

    /** {@code struct iovec}: {@code void *iov_base; size_t iov_len;} on a 64-bit platform. */
    private static final int IOVEC_LENGTH = 2 * Long.BYTES;
    private static final Logger LOG = LoggerFactory.getLogger(FuseRequestLoop.class);

    /**
     * The libfuse 2.9 calls of {@code fuse_loop_mt} and {@code fuse_main}'s setup. The calls made per request
     * return their error themselves and save no errno ({@code @IgnoreError}).
     */
    public interface LibFuseLoop
    {
        Pointer fuse_setup(int argc, String[] argv, FuseOperations op, long opSize, PointerByReference mountpoint,
            IntByReference multithreaded, Pointer userData);

        void fuse_teardown(Pointer fuse, Pointer mountpoint);

        Pointer fuse_get_session(Pointer fuse);

        Pointer fuse_session_next_chan(Pointer session, Pointer chan);

        long fuse_chan_bufsize(Pointer chan);

        /** @param chan a {@code struct fuse_chan **}: a cell holding the channel. */
        @IgnoreError
        int fuse_chan_recv(Pointer chan, Pointer buf, long size);

        /**
         * Send a reply ({@code iov}: an array of {@code count} {@code struct iovec}) as {@code fuse_reply_*} does.
         *
         * @return 0, or a negative errno (-ENOENT: the request was interrupted and is gone).
         */
        @IgnoreError
        int fuse_chan_send(Pointer chan, Pointer iov, long count);

        @IgnoreError
        void fuse_session_process(Pointer session, Pointer buf, long len, Pointer chan);

        @IgnoreError
        int fuse_session_exited(Pointer session);

        void fuse_session_exit(Pointer session);

        /** @return 0, or a negative errno (-ENOENT: the kernel had no such entry cached). */
        int fuse_lowlevel_notify_inval_entry(Pointer chan, long parent, String name, long namelen);
    }

    /**
     * How a loop runs.
     *
     * @param name    worker thread name prefix.
     * @param readers most workers waiting in the kernel's read at once ({@link #MAX_READERS} for a mount).
     * @param nodes   the open node files whose READ and WRITE the workers answer themselves
     *                ({@link FuseDataAdapter}); null to leave every request to libfuse.
     * @param maxRead the mount's {@code max_read}: the largest READ reply.
     */
    record Settings(String name, int readers, FuseDataAdapter.NodeData nodes, int maxRead)
    {
    }

    private final LibFuseLoop lib;
    private final String name;
    private final int maxReaders;
    private final Runnable unmount;
    private final Pointer fuse;
    private final Pointer mountpointC;
    private final Pointer session;
    private final Pointer chan;
    private final long bufferSize;
    private final FuseDataAdapter.NodeData nodes;
    private final int maxRead;
    private final Object lock = new Object();
    private final NodeReadInterrupts interrupts = new NodeReadInterrupts();
    private final ArrayDeque<Spare> spares = new ArrayDeque<>();
    private int workers;
    private int readers;
    private int started;
    private boolean ending;
    private boolean tornDown;

    private FuseRequestLoop(final LibFuseLoop lib, final Settings settings, final Runnable unmount, final Pointer fuse,
        final Pointer mountpointC)
    {
        this.name = settings.name();
        this.maxReaders = settings.readers();
        this.nodes = settings.nodes();
        this.maxRead = settings.maxRead();
        this.lib = lib;
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
     * @param settings   the workers' names and count, and what they answer themselves.
     * @param unmount    unmounts the mount point (after a receive error, to end the other workers' receives).
     * @return the running loop.
     * @throws IOException when libfuse cannot be loaded, refuses the options, the mount fails or no worker starts.
     */
    static FuseRequestLoop start(final FuseOperations operations, final String[] argv, final Settings settings,
        final Runnable unmount)
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
        return serve(lib, settings, unmount, fuse, mountpoint.getValue());
    }

    /**
     * Serve a session {@code fuse_setup} built (the mount's, or a test's through a fake {@code lib}).
     *
     * @throws IOException when no worker starts (the session is torn down).
     */
    static FuseRequestLoop serve(final LibFuseLoop lib, final Settings settings, final Runnable unmount,
        final Pointer fuse, final Pointer mountpoint)
        throws IOException
    {
        final FuseRequestLoop loop = new FuseRequestLoop(lib, settings, unmount, fuse, mountpoint);
        if (!loop.startWorker())
        {
            lib.fuse_teardown(fuse, mountpoint);
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

    /** @return workers waiting in, or on their way to, the kernel's read now (for tests). */
    int readers()
    {
        synchronized (lock)
        {
            return readers;
        }
    }

    /** @return spares waiting to be called in now (for tests). */
    int spares()
    {
        synchronized (lock)
        {
            return spares.size();
        }
    }

    /**
     * Count a worker in as a reader and start it; on failure (no thread can be created) count it out again.
     *
     * @return true when started.
     */
    private boolean startWorker()
    {
        final int number;
        synchronized (lock)
        {
            workers++;
            readers++;
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
                readers--;
            }
            LOG.error("fuse worker not started, the busy ones serve on: workers={} error={}", workers(), ex.toString());
            return false;
        }
    }

    /**
     * The {@link BlockingHook} of every worker: the driver is about to make this (busy) worker wait. When no worker
     * reads {@code /dev/fuse}, call in the latest spare, or start a worker when there is none.
     */
    private void beforeWait()
    {
        final Spare spare;
        synchronized (lock)
        {
            if (readers > 0 || ending)
            {
                return;
            }
            spare = spares.pollFirst();
            if (spare != null)
            {
                spare.called = true;
                readers++;
            }
        }
        if (spare != null)
        {
            LockSupport.unpark(spare.thread);
        }
        else
        {
            startWorker();
        }
    }

    /** A reply of this worker's {@link FuseDataAdapter}: {@code iovec}s over it and its data, sent on the channel. */
    private long send(final Pointer iov, final Pointer reply, final long length, final long dataAddress,
        final long dataLength)
    {
        iov.putAddress(0, reply.address());
        iov.putLong(Long.BYTES, length);
        if (dataLength == 0)
        {
            return lib.fuse_chan_send(chan, iov, 1);
        }
        iov.putAddress(IOVEC_LENGTH, dataAddress);
        iov.putLong(IOVEC_LENGTH + Long.BYTES, dataLength);
        return lib.fuse_chan_send(chan, iov, 2);
    }

    private void work()
    {
        final NodeReadInterrupts.Reader reader = interrupts.register();
        BlockingHook.install(() ->
        {
            reader.beforeWait();
            beforeWait();
        });
        final Spare self = new Spare(Thread.currentThread());
        Role role = Role.READER;
        Pointer buffer = null;
        FuseReplyProxy replies = null;
        boolean inHand = false;
        try
        {
            buffer = Memory.allocateDirect(Runtime.getSystemRuntime(), bufferSize);
            final Pointer iov = Memory.allocateDirect(Runtime.getSystemRuntime(), 2 * IOVEC_LENGTH);
            replies = new FuseReplyProxy((reply, length, dataAddress, dataLength) ->
                send(iov, reply, length, dataAddress, dataLength), maxRead);
            final Pointer chanCell = Memory.allocateDirect(Runtime.getSystemRuntime(), Long.BYTES);
            final FuseDataAdapter data = nodes == null ? null :
                new FuseDataAdapter(nodes, buffer, (int)bufferSize, replies, maxRead, interrupts, reader);
            while (role == Role.READER && lib.fuse_session_exited(session) == 0)
            {
                chanCell.putPointer(0, chan);
                final int received = lib.fuse_chan_recv(chanCell, buffer, bufferSize);
                if (received == Errno.EINTR.status() || received == Errno.EAGAIN.status() ||
                    received == Errno.ENOENT.status())
                {
                    continue;
                }
                if (received <= 0)
                {
                    if (received < 0)
                    {
                        fail("receive failed: errno=" + -received);
                    }
                    return;
                }
                inHand = true;
                final boolean grow;
                synchronized (lock)
                {
                    readers--;
                    role = Role.BUSY;
                    grow = readers == 0 && workers < maxReaders;
                }
                if (grow)
                {
                    startWorker();
                }
                if (data == null || !data.onRequest(received))
                {
                    lib.fuse_session_process(session, buffer, received, chan);
                }
                inHand = false;
                role = afterRequest(self);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            LOG.error("fuse worker failed: thread={}", Thread.currentThread().getName(), ex);
            if (inHand && replies != null)
            {
                // Its caller would wait for good (the kernel waits for a request it has handed out): EIO. Sent
                // twice if it was answered already, the kernel refuses the second (ENOENT), nothing more.
                final long unique = buffer.getLong(FuseInDescriptor.UNIQUE_OFFSET);
                LOG.error("request answered EIO: reason=worker failed unique={} opcode={}", unique,
                    buffer.getInt(FuseInDescriptor.OPCODE_OFFSET));
                replies.sendError(unique, Errno.EIO.value());
            }
            fail("worker failed: " + ex);
        }
        finally
        {
            BlockingHook.install(null);
            interrupts.unregister(reader);
            if (role != Role.GONE)
            {
                // A reader or busy worker only ends with the session (receive 0, a failure, the session exited).
                endSpares();
            }
            final boolean last;
            synchronized (lock)
            {
                if (role == Role.READER)
                {
                    readers--;
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

    /**
     * A request is done: read again when fewer than {@code maxReaders} do, else wait as a spare until called in.
     *
     * @param spare this worker's entry in the spares' stack.
     * @return {@link Role#READER} to read again, {@link Role#GONE} to end (the session ended, or spares are many).
     */
    private Role afterRequest(final Spare spare)
    {
        synchronized (lock)
        {
            if (ending)
            {
                return Role.GONE;
            }
            if (readers < maxReaders)
            {
                readers++;
                return Role.READER;
            }
            if (spares.size() >= MAX_SPARES)
            {
                return Role.GONE;
            }
            spare.called = false;
            spares.addFirst(spare);
        }
        while (true)
        {
            synchronized (lock)
            {
                if (spare.called)
                {
                    return Role.READER;
                }
                if (ending)
                {
                    spares.remove(spare);
                    return Role.GONE;
                }
            }
            LockSupport.park(this);
        }
    }

    /** The session ended (a receive returned 0 or failed, or the session exited): every spare ends too. */
    private void endSpares()
    {
        final List<Spare> called;
        synchronized (lock)
        {
            ending = true;
            called = new ArrayList<>(spares);
        }
        for (final Spare spare : called)
        {
            LockSupport.unpark(spare.thread);
        }
    }

    /** What a worker is doing: reading (counted in {@code readers}), serving a request, or ending. */
    private enum Role
    {
        READER, BUSY, GONE
    }

    /** A worker waiting to be called in; {@code called} is set under the loop's lock by {@link #beforeWait}. */
    private static final class Spare
    {
        final Thread thread;
        boolean called;

        Spare(final Thread thread)
        {
            this.thread = thread;
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

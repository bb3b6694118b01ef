package dev.shadowdev.devfs.it.support;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A node's {@code events} file (ABI.md 6.2) held open the way a program watching it would: {@code open} once,
 * {@code poll} for POLLIN|POLLPRI (a line added after the open), {@code pread} from offset 0 for every line, oldest
 * first. Through libc (jnr-ffi) because Java's file API has no {@code poll}.
 */
public final class EventsFile implements AutoCloseable
{
    /** {@code POLLIN}. */
    public static final short POLLIN = 0x001;
    /** {@code POLLPRI}. */
    public static final short POLLPRI = 0x002;

    private static final int O_RDONLY_CLOEXEC = 02000000;
    private static final int POLLFD_LENGTH = 8;
    private static final int READ_SIZE = 1 << 20;
    private static final Calls LIBC = LibraryLoader.create(Calls.class)
        .load(Platform.getNativePlatform().getStandardCLibraryName());
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private final Path path;
    private final Pointer pollfd = Memory.allocateDirect(RUNTIME, POLLFD_LENGTH);
    private final Pointer buffer = Memory.allocateDirect(RUNTIME, READ_SIZE);
    private int fd;

    private EventsFile(final Path path, final int fd)
    {
        this.path = path;
        this.fd = fd;
    }

    /** @return the file opened read-only; what it holds now is "before the open" for {@link #poll}. */
    public static EventsFile open(final Path path) throws IOException
    {
        final int fd = LIBC.open(path.toString(), O_RDONLY_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException("events: open failed: errno=" + LastError.getLastError(RUNTIME) + " path=" + path);
        }
        return new EventsFile(path, fd);
    }

    /** @return every line of the file, oldest first, read from offset 0 of this open file. */
    public List<String> lines() throws IOException
    {
        final StringBuilder text = new StringBuilder();
        final byte[] chunk = new byte[READ_SIZE];
        for (long offset = 0; ; )
        {
            final long n = LIBC.pread(fd, buffer, READ_SIZE, offset);
            if (n < 0)
            {
                throw new IOException("events: pread failed: errno=" + LastError.getLastError(RUNTIME) + " path=" +
                    path + " offset=" + offset);
            }
            if (n == 0)
            {
                break;
            }
            buffer.get(0, chunk, 0, (int)n);
            text.append(new String(chunk, 0, (int)n, StandardCharsets.UTF_8));
            offset += n;
        }
        return text.toString().lines().toList();
    }

    /**
     * {@code poll} for POLLIN|POLLPRI.
     *
     * @return the {@code revents} (0 when the time ran out).
     */
    public int poll(final Duration timeout) throws IOException
    {
        pollfd.putInt(0, fd);
        pollfd.putShort(4, (short)(POLLIN | POLLPRI));
        pollfd.putShort(6, (short)0);
        final int rc = LIBC.poll(pollfd, 1, (int)Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (rc < 0)
        {
            throw new IOException("events: poll failed: errno=" + LastError.getLastError(RUNTIME) + " path=" + path);
        }
        return rc == 0 ? 0 : pollfd.getShort(6) & 0xFFFF;
    }

    /**
     * Wait, with {@code poll}, for a line of the events file at {@code path} that {@code wanted} accepts. The file
     * reports a line added after its open until it is closed, so each round opens it anew, reads every line and
     * sleeps in {@code poll} until a line is added after that open: a round per new line, none without one.
     *
     * @return the first such line.
     * @throws AssertionError when none came within {@code timeout}, naming the lines there are.
     */
    public static String await(final Path path, final Predicate<String> wanted, final Duration timeout)
        throws IOException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            try (EventsFile file = open(path))
            {
                final List<String> now = file.lines();
                for (final String line : now)
                {
                    if (wanted.test(line))
                    {
                        return line;
                    }
                }
                final long left = deadline - System.nanoTime();
                if (left <= 0 || file.poll(Duration.ofNanos(left)) == 0)
                {
                    throw new AssertionError("events: no such line within " + timeout.toMillis() + " ms: path=" +
                        path + " lines=" + file.lines());
                }
            }
        }
    }

    @Override
    public void close()
    {
        if (fd >= 0)
        {
            LIBC.close(fd);
            fd = -1;
        }
    }

    /** The libc calls this class needs. */
    public interface Calls
    {
        @SaveError
        int open(@In CharSequence path, int flags);

        @SaveError
        @ssize_t
        long pread(int fd, Pointer buf, @size_t long count, @off_t long offset);

        @SaveError
        int poll(Pointer fds, long nfds, int timeout);

        @SaveError
        int close(int fd);
    }
}

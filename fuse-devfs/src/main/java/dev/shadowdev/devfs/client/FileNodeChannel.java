package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.node.NodeIoctls;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A node file opened through libc ({@code open}, {@code read}, {@code write}, {@code ioctl}, {@code poll},
 * {@code close} via jnr-ffi), so that {@code write} and {@code read} are single system calls as the node ABI needs,
 * and ioctls reach the filesystem. Data moves through private direct buffers; nothing is allocated per call once
 * they are as large as the largest message seen. Linux only.
 */
public final class FileNodeChannel implements NodeChannel
{
    private static final LibC LIBC;
    private static final Runtime RUNTIME;
    private static final int POLLFD_LENGTH = 8;
    private static final int POLLFD_EVENTS_OFFSET = 4;
    private static final int POLLFD_REVENTS_OFFSET = 6;

    static
    {
        LIBC = LibraryLoader.create(LibC.class).load(Platform.getNativePlatform().getStandardCLibraryName());
        RUNTIME = Runtime.getRuntime(LIBC);
    }

    private final Path path;
    private volatile int fd;
    private final Scratch writeScratch = new Scratch();
    private final Scratch readScratch = new Scratch();
    private final Scratch ioctlScratch = new Scratch();
    private final Scratch pollScratch = new Scratch();

    private FileNodeChannel(final Path path, final int fd)
    {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Open a node read-write (a session).
     *
     * @param path        the node file, e.g. {@code /run/shadowdev/accel/accel1} or {@code /dev/accel/accel0}.
     * @param nonBlocking open with {@code O_NONBLOCK}: {@link #read} answers -EAGAIN instead of waiting.
     * @return the channel.
     * @throws NodeException when {@code open} fails: {@code open: status=EACCES path=...}.
     */
    public static FileNodeChannel open(final Path path, final boolean nonBlocking) throws NodeException
    {
        final int flags = LibC.O_RDWR | LibC.O_CLOEXEC | (nonBlocking ? LibC.O_NONBLOCK : 0);
        final int fd = LIBC.open(path.toString(), flags);
        if (fd < 0)
        {
            final int status = -LastError.getLastError(RUNTIME);
            throw new NodeException(status, "open: status=" + NodeException.describe(status) + " path=" + path);
        }
        return new FileNodeChannel(path, fd);
    }

    public Path path()
    {
        return path;
    }

    /**
     * Set or clear {@code O_NONBLOCK} on the open file ({@code fcntl(F_SETFL)}), as an event loop does after the
     * open: the node follows it from the next {@link #read} on.
     *
     * @return 0, or the negative errno of {@code fcntl}.
     */
    public int nonBlocking(final boolean on)
    {
        final int flags = LIBC.fcntl(fd, LibC.F_GETFL, 0);
        if (flags < 0)
        {
            return -LastError.getLastError(RUNTIME);
        }
        final int wanted = on ? flags | LibC.O_NONBLOCK : flags & ~LibC.O_NONBLOCK;
        return LIBC.fcntl(fd, LibC.F_SETFL, wanted) < 0 ? -LastError.getLastError(RUNTIME) : 0;
    }

    @Override
    public int write(final ByteBuffer src)
    {
        final int length = src.remaining();
        final Scratch s = writeScratch.ensure(length);
        s.buffer.put(0, src, src.position(), length);
        return result(LIBC.write(fd, s.pointer, length));
    }

    @Override
    public int read(final ByteBuffer dst)
    {
        final int capacity = dst.remaining();
        final Scratch s = readScratch.ensure(capacity);
        final int n = result(LIBC.read(fd, s.pointer, capacity));
        if (n > 0)
        {
            dst.put(dst.position(), s.buffer, 0, n);
        }
        return n;
    }

    @Override
    public int ioctl(final int cmd, final ByteBuffer arg)
    {
        final int size = NodeIoctls.size(cmd);
        if (arg.remaining() < size)
        {
            return -Errno.EINVAL.value();
        }
        final Scratch s = ioctlScratch.ensure(Math.max(size, 1));
        s.buffer.put(0, arg, arg.position(), size);
        final int rc = LIBC.ioctl(fd, cmd & 0xFFFF_FFFFL, s.pointer);
        if (rc < 0)
        {
            return -LastError.getLastError(RUNTIME);
        }
        arg.put(arg.position(), s.buffer, 0, size);
        return 0;
    }

    @Override
    public int poll(final int timeoutMs)
    {
        final Scratch s = pollScratch.ensure(POLLFD_LENGTH);
        s.buffer.putInt(0, fd);
        s.buffer.putShort(POLLFD_EVENTS_OFFSET, LibC.POLLIN);
        s.buffer.putShort(POLLFD_REVENTS_OFFSET, (short)0);
        final int rc = LIBC.poll(s.pointer, 1, timeoutMs < 0 ? -1 : timeoutMs);
        if (rc < 0)
        {
            return -LastError.getLastError(RUNTIME);
        }
        if (rc == 0)
        {
            return 0;
        }
        final short revents = s.buffer.getShort(POLLFD_REVENTS_OFFSET);
        if ((revents & LibC.POLLIN) != 0)
        {
            return 1;
        }
        if ((revents & LibC.POLLNVAL) != 0)
        {
            return -LinuxErrno.EBADF;
        }
        return (revents & (LibC.POLLERR | LibC.POLLHUP)) != 0 ? -Errno.EIO.value() : 0;
    }

    @Override
    public void close()
    {
        final int f = fd;
        if (f >= 0)
        {
            fd = -1;
            LIBC.close(f);
        }
    }

    private static int result(final long rc)
    {
        return rc < 0 ? -LastError.getLastError(RUNTIME) : (int)rc;
    }

    /** A direct buffer and the same memory as a jnr pointer, grown to the largest size asked for. */
    private static final class Scratch
    {
        ByteBuffer buffer;
        Pointer pointer;

        Scratch ensure(final int size)
        {
            if (buffer == null || buffer.capacity() < size)
            {
                buffer = ByteBuffer.allocateDirect(Math.max(size, 64)).order(ByteOrder.nativeOrder());
                pointer = Pointer.wrap(RUNTIME, buffer);
            }
            return this;
        }
    }
}

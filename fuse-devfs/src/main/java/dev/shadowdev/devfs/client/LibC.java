package dev.shadowdev.devfs.client;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls {@link FileNodeChannel} and the devfs's {@code ProcCgroupReader} need, bound by jnr-ffi; errno is
 * saved after every call.
 */
public interface LibC
{
    /** {@code O_RDWR} on Linux. */
    int O_RDWR = 02;
    /** {@code O_NONBLOCK} on Linux (x86-64, arm64). */
    int O_NONBLOCK = 04000;
    /** {@code O_CLOEXEC} on Linux (x86-64, arm64). */
    int O_CLOEXEC = 02000000;
    /** {@code fcntl} command: get the file status flags. */
    int F_GETFL = 3;
    /** {@code fcntl} command: set the file status flags ({@code O_NONBLOCK} among them). */
    int F_SETFL = 4;
    /** {@code POLLIN}. */
    short POLLIN = 0x001;
    /** {@code POLLERR}. */
    short POLLERR = 0x008;
    /** {@code POLLHUP}. */
    short POLLHUP = 0x010;
    /** {@code POLLNVAL}. */
    short POLLNVAL = 0x020;

    @SaveError
    int open(@In CharSequence path, int flags);

    @SaveError
    @ssize_t
    long read(int fd, Pointer buf, @size_t long count);

    @SaveError
    @ssize_t
    long write(int fd, Pointer buf, @size_t long count);

    /** {@code pread(fd, buf, count, offset)}: a read at {@code offset} that leaves the file offset alone. */
    @SaveError
    @ssize_t
    long pread(int fd, Pointer buf, @size_t long count, @off_t long offset);

    /** {@code ioctl(fd, request, arg)}: {@code request} is an {@code unsigned long}, passed zero-extended. */
    @SaveError
    int ioctl(int fd, long request, Pointer arg);

    /** {@code poll(fds, nfds, timeout)} on an array of {@code struct pollfd { int fd; short events, revents; }}. */
    @SaveError
    int poll(Pointer fds, long nfds, int timeout);

    /** {@code fcntl(fd, cmd, arg)} for the commands that take an {@code int} (or ignore it). */
    @SaveError
    int fcntl(int fd, int cmd, int arg);

    @SaveError
    int close(int fd);
}

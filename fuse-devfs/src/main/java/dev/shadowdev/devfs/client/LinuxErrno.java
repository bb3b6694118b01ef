package dev.shadowdev.devfs.client;

/** Linux errno values the client needs beyond {@link dev.shadowdev.abi.Errno}'s ABI codes. */
final class LinuxErrno
{
    /** Interrupted system call. */
    static final int EINTR = 4;
    /** Bad file descriptor: the channel is closed. */
    static final int EBADF = 9;
    /** Not a typewriter: an ioctl the file does not know. */
    static final int ENOTTY = 25;

    private LinuxErrno()
    {
    }
}

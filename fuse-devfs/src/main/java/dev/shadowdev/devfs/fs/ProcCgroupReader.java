package dev.shadowdev.devfs.fs;

import dev.shadowdev.devfs.client.LibC;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code /proc/<pid>/cgroup} for the shared cgroup node's {@code open()} (ABI.md 7) with plain
 * {@code open}/{@code read}/{@code close} system calls into a per-thread native buffer: the calls a C program makes
 * (one read: a short read of a {@code /proc} seq file is all of it), without the channel, stat and decoder objects of {@code Files.readString} (the read is the one
 * extra cost of an open on the shared node over one on a shadow node). Runs on the FUSE thread that serves the open.
 * Returns the file's text, or null when the process is gone (the file cannot be opened or read).
 */
public final class ProcCgroupReader
{
    /** Larger than any cgroup file a host has (one line per hierarchy, each at most a 4096-byte path in practice). */
    private static final int CAPACITY = 64 * 1024;
    private static final LibC LIBC;
    private static final Runtime RUNTIME;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static
    {
        LIBC = LibraryLoader.create(LibC.class).load(Platform.getNativePlatform().getStandardCLibraryName());
        RUNTIME = Runtime.getRuntime(LIBC);
    }

    private ProcCgroupReader()
    {
    }

    /**
     * @param pid the process (or thread) the kernel named in the FUSE request.
     * @return the content of its {@code /proc/<pid>/cgroup}, or null when it is gone.
     */
    public static String read(final int pid)
    {
        if (pid <= 0)
        {
            return null;
        }
        final Scratch s = SCRATCH.get();
        final int fd = LIBC.open(s.path(pid), LibC.O_CLOEXEC);
        if (fd < 0)
        {
            return null;
        }
        try
        {
            int length = 0;
            while (length < CAPACITY)
            {
                final long n = LIBC.read(fd, length == 0 ? s.buffer : s.buffer.slice(length), CAPACITY - length);
                if (n < 0)
                {
                    return null;
                }
                length += (int)n;
                if (n < CAPACITY - (length - n))
                {
                    // A short read of a /proc seq file is its whole content: skip the read that would return 0.
                    break;
                }
            }
            s.buffer.get(0, s.bytes, 0, length);
            return new String(s.bytes, 0, length, StandardCharsets.UTF_8);
        }
        finally
        {
            LIBC.close(fd);
        }
    }

    /** One thread's native buffer, its copy, and the path being built. */
    private static final class Scratch
    {
        final Pointer buffer = Memory.allocateDirect(RUNTIME, CAPACITY);
        final byte[] bytes = new byte[CAPACITY];
        final StringBuilder path = new StringBuilder(32);

        CharSequence path(final int pid)
        {
            path.setLength(0);
            return path.append("/proc/").append(pid).append("/cgroup");
        }
    }
}

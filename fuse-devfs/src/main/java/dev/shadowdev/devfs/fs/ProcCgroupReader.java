package dev.shadowdev.devfs.fs;

import dev.shadowdev.devfs.client.LibC;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code /proc/<pid>/cgroup} for the shared cgroup node's {@code open()} (ABI.md 7) with plain system calls
 * into a per-thread native buffer, the read being the one extra cost of an open on the shared node over one on a
 * shadow node. Runs on the FUSE thread that serves the open.
 *
 * <p>The file of a recent caller stays open: a small direct-mapped table keeps one descriptor per slot (the slot
 * chosen by the pid) and reads it again with {@code pread} at offset 0, which makes the kernel print the file anew
 * (a {@code /proc} seq file read from offset 0 starts over), so a process moved to another cgroup is seen at its
 * next open. What that skips is the path walk and file set-up of {@code open}/{@code close} (on a v1 hybrid host
 * 9.3 us per open+read+close from C against 3.7 us per {@code pread} of a held descriptor). A held descriptor names
 * the task it was opened for, not its number: once that task is gone every read of it fails with ESRCH, even if
 * its pid is given to a new process, so a stale slot is detected, closed and opened again and never answers
 * another process's cgroup. Each slot has its own lock (a read of one caller never waits for another's unless
 * their pids share a slot); a slot taken by another pid closes the previous descriptor, so at most
 * {@code slots} descriptors are held.
 *
 * <p>Returns the file's text, or null when the process is gone (the file cannot be opened or read).
 */
public final class ProcCgroupReader
{
    /** Slots of the table used by the devfs: callers that open the shared node at the same time. */
    public static final int DEFAULT_SLOTS = 64;
    /** Larger than any cgroup file a host has (one line per hierarchy, each at most a 4096-byte path in practice). */
    private static final int CAPACITY = 64 * 1024;
    private static final LibC LIBC;
    private static final Runtime RUNTIME;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final ProcCgroupReader SHARED = new ProcCgroupReader(DEFAULT_SLOTS);

    static
    {
        LIBC = LibraryLoader.create(LibC.class).load(Platform.getNativePlatform().getStandardCLibraryName());
        RUNTIME = Runtime.getRuntime(LIBC);
    }

    private final Slot[] slots;
    private final int mask;

    /**
     * @param slots a power of two: how many callers' files stay open.
     */
    public ProcCgroupReader(final int slots)
    {
        if (slots <= 0 || Integer.bitCount(slots) != 1)
        {
            throw new IllegalArgumentException("ProcCgroupReader: slots must be a power of two: slots=" + slots);
        }
        this.slots = new Slot[slots];
        for (int i = 0; i < slots; i++)
        {
            this.slots[i] = new Slot();
        }
        this.mask = slots - 1;
    }

    /**
     * The devfs's reader: one table for the process.
     *
     * @param pid the process (or thread) the kernel named in the FUSE request.
     * @return the content of its {@code /proc/<pid>/cgroup}, or null when it is gone.
     */
    public static String read(final int pid)
    {
        return SHARED.cgroupOf(pid);
    }

    /**
     * @param pid the process (or thread) the kernel named in the FUSE request.
     * @return the content of its {@code /proc/<pid>/cgroup}, or null when it is gone.
     */
    public String cgroupOf(final int pid)
    {
        if (pid <= 0)
        {
            return null;
        }
        final Scratch s = SCRATCH.get();
        final Slot slot = slots[(pid * 0x9E3779B9 >>> 16) & mask];
        synchronized (slot)
        {
            if (slot.fd >= 0)
            {
                if (slot.pid == pid)
                {
                    final int length = readAll(slot.fd, s);
                    if (length >= 0)
                    {
                        return s.text(length);
                    }
                }
                // Another pid's file, or this pid's task is gone (ESRCH, even if the number was given again).
                LIBC.close(slot.fd);
                slot.fd = -1;
            }
            final int fd = LIBC.open(s.path(pid), LibC.O_CLOEXEC);
            if (fd < 0)
            {
                return null;
            }
            final int length = readAll(fd, s);
            if (length < 0)
            {
                LIBC.close(fd);
                return null;
            }
            slot.pid = pid;
            slot.fd = fd;
            return s.text(length);
        }
    }

    /** Descriptors held now (for tests). */
    int held()
    {
        int held = 0;
        for (final Slot slot : slots)
        {
            synchronized (slot)
            {
                held += slot.fd >= 0 ? 1 : 0;
            }
        }
        return held;
    }

    /** Closes every held descriptor (for tests). */
    void closeAll()
    {
        for (final Slot slot : slots)
        {
            synchronized (slot)
            {
                if (slot.fd >= 0)
                {
                    LIBC.close(slot.fd);
                    slot.fd = -1;
                }
            }
        }
    }

    /** The whole file from offset 0 into the thread's buffer: its length, or -1. */
    private static int readAll(final int fd, final Scratch s)
    {
        int length = 0;
        while (length < CAPACITY)
        {
            final long n = LIBC.pread(fd, length == 0 ? s.buffer : s.buffer.slice(length), CAPACITY - length, length);
            if (n < 0)
            {
                return -1;
            }
            length += (int)n;
            if (n < CAPACITY - (length - n))
            {
                // A short read of a /proc seq file is its whole content: skip the read that would return 0.
                break;
            }
        }
        return length;
    }

    /** One cached descriptor: the pid it was opened for, or fd -1. Guarded by its own monitor. */
    private static final class Slot
    {
        int pid;
        int fd = -1;
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

        String text(final int length)
        {
            buffer.get(0, bytes, 0, length);
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }
}

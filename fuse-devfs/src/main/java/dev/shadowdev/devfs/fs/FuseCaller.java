package dev.shadowdev.devfs.fs;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

/**
 * The pid of the process behind the FUSE request being served, read straight from libfuse's
 * {@code struct fuse_context} ({@code fuse_get_context()}, valid on the thread that serves the request) without the
 * struct wrapper jnr-fuse's {@code getContext()} builds on every call. Only the shared cgroup node's {@code open()}
 * asks (ABI.md 7).
 */
final class FuseCaller
{
    /** {@code struct fuse_context { struct fuse *fuse; uid_t uid; gid_t gid; pid_t pid; ... }} on LP64. */
    private static final int PID_OFFSET = 8 + 4 + 4;

    /** The one libfuse call needed. */
    public interface ContextCall
    {
        Pointer fuse_get_context();
    }

    private static final ContextCall LIBFUSE = LibraryLoader.create(ContextCall.class).load("fuse");

    private FuseCaller()
    {
    }

    /** @return the requesting process's pid as the kernel gave it, or 0 outside a request. */
    static int pid()
    {
        final Pointer context = LIBFUSE.fuse_get_context();
        return context == null ? 0 : context.getInt(PID_OFFSET);
    }
}

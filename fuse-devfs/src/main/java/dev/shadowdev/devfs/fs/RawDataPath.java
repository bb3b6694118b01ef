package dev.shadowdev.devfs.fs;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import jnr.ffi.annotations.Delegate;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.FuseOperations;

/**
 * The data path's two callbacks, {@code read} and {@code write}, installed in libfuse's operations table in place of
 * jnr-fuse's: jnr-fuse decodes the path into a {@code String} and builds a {@code FuseFileInfo} struct on every
 * call, which on a 4 KiB exchange cost more server CPU than the node's own work. These take the path as a bare
 * pointer (a node's file handle says everything) and read the handle straight from {@code struct fuse_file_info}
 * at its offset. Everything else stays jnr-fuse's.
 */
final class RawDataPath
{
    /** Offset of {@code fh} in libfuse 2.9's {@code struct fuse_file_info}, from jnr-fuse's own layout of it. */
    private static final long FH_OFFSET =
        FuseFileInfo.of(Memory.allocateDirect(Runtime.getSystemRuntime(), 256)).fh.offset();

    /** libfuse's {@code read}: {@code int (*)(const char *, char *, size_t, off_t, struct fuse_file_info *)}. */
    public interface ReadCallback
    {
        @Delegate
        int read(Pointer path, Pointer buf, @size_t long size, @off_t long offset, Pointer fi);
    }

    /** libfuse's {@code write}: {@code int (*)(const char *, const char *, size_t, off_t, struct fuse_file_info *)}. */
    public interface WriteCallback
    {
        @Delegate
        int write(Pointer path, Pointer buf, @size_t long size, @off_t long offset, Pointer fi);
    }

    /** Kept here so the closures live as long as the mount. */
    private final ReadCallback read;
    private final WriteCallback write;

    private RawDataPath(final AccelFs fs)
    {
        this.read = (path, buf, size, offset, fi) -> fs.readHandle(fi.getLong(FH_OFFSET), buf, size, offset);
        this.write = (path, buf, size, offset, fi) -> fs.writeHandle(fi.getLong(FH_OFFSET), buf, size);
    }

    /**
     * Put the raw callbacks into {@code operations} (after jnr-fuse filled it, before libfuse reads it).
     *
     * @return what keeps the callbacks alive: hold it while mounted.
     */
    static RawDataPath install(final FuseOperations operations, final AccelFs fs)
    {
        final RawDataPath raw = new RawDataPath(fs);
        final Pointer memory = Struct.getMemory(operations);
        final Runtime runtime = operations.getRuntime();
        memory.putPointer(operations.read.offset(),
            runtime.getClosureManager().getClosurePointer(ReadCallback.class, raw.read));
        memory.putPointer(operations.write.offset(),
            runtime.getClosureManager().getClosurePointer(WriteCallback.class, raw.write));
        return raw;
    }
}

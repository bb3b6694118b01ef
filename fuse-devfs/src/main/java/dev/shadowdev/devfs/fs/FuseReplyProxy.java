package dev.shadowdev.devfs.fs;

import dev.shadowdev.devfs.client.LibC;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import com.kenai.jffi.MemoryIO;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sends the replies of the requests the devfs answers itself ({@link FuseDataAdapter}): each one {@code write(2)} of
 * a {@link FuseOutDescriptor} reply to {@code /dev/fuse}, the way libfuse's {@code fuse_reply_*} would. One per FUSE
 * worker: it owns the reply memory, into which a node's response is copied straight after the header.
 * Allocation-free.
 */
final class FuseReplyProxy
{
    /** Where replies go: {@code /dev/fuse} in the devfs, a recording in tests. */
    @FunctionalInterface
    interface Device
    {
        /**
         * @return the bytes written, or a negative errno (-ENOENT: the request was interrupted and is gone).
         */
        long write(Pointer reply, long length);

        /** @return a device that writes to the file descriptor {@code fd} (the FUSE channel's). */
        static Device of(final int fd)
        {
            return (reply, length) ->
            {
                final long written = Libc.LIBC.write(fd, reply, length);
                return written < 0 ? -LastError.getLastError(Libc.RUNTIME) : written;
            };
        }
    }

    /** libc, bound when the first device is made. */
    private static final class Libc
    {
        static final LibC LIBC =
            LibraryLoader.create(LibC.class).load(Platform.getNativePlatform().getStandardCLibraryName());
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private final Device device;
    private final Pointer memory;
    private final ByteBuffer reply;
    private final ByteBuffer data;

    /**
     * @param device  where replies go.
     * @param maxData the largest data a reply carries (the mount's {@code max_read}).
     */
    FuseReplyProxy(final Device device, final int maxData)
    {
        this.device = device;
        final int capacity = FuseOutDescriptor.HEADER_LENGTH + maxData;
        this.memory = Memory.allocateDirect(Runtime.getSystemRuntime(), capacity, true);
        this.reply = MemoryIO.getInstance().newDirectByteBuffer(memory.address(), capacity)
            .order(ByteOrder.LITTLE_ENDIAN);
        this.data = reply.slice(FuseOutDescriptor.HEADER_LENGTH, maxData).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The memory a READ's data goes into, right after the reply's header.
     *
     * @param size the bytes the request asked for.
     * @return a buffer at position 0 with room for {@code min(size, maxData)} bytes.
     */
    ByteBuffer data(final int size)
    {
        return data.clear().limit(Math.min(Math.max(size, 0), data.capacity()));
    }

    /**
     * Reply to a READ with the first {@code length} bytes of {@link #data(int)}.
     *
     * @return what the device returned.
     */
    long sendData(final long unique, final int length)
    {
        return send(unique, 0, FuseOutDescriptor.HEADER_LENGTH + length);
    }

    /**
     * Reply to a WRITE: {@code size} bytes were written.
     *
     * @return what the device returned.
     */
    long sendWritten(final long unique, final int size)
    {
        reply.putInt(FuseOutDescriptor.WRITTEN_SIZE_OFFSET, size);
        reply.putInt(FuseOutDescriptor.WRITTEN_PADDING_OFFSET, 0);
        return send(unique, 0, FuseOutDescriptor.WRITE_REPLY_LENGTH);
    }

    /**
     * Reply with an error and no data.
     *
     * @param errno a positive errno.
     * @return what the device returned.
     */
    long sendError(final long unique, final int errno)
    {
        return send(unique, -errno, FuseOutDescriptor.HEADER_LENGTH);
    }

    private long send(final long unique, final int error, final int length)
    {
        reply.putInt(FuseOutDescriptor.LEN_OFFSET, length);
        reply.putInt(FuseOutDescriptor.ERROR_OFFSET, error);
        reply.putLong(FuseOutDescriptor.UNIQUE_OFFSET, unique);
        return device.write(memory, length);
    }
}

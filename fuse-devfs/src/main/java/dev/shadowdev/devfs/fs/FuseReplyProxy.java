package dev.shadowdev.devfs.fs;

import com.kenai.jffi.MemoryIO;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sends the replies of the requests the devfs answers itself ({@link FuseDataAdapter}): each one
 * {@link FuseOutDescriptor} reply written to {@code /dev/fuse} in one go through libfuse's {@code fuse_chan_send},
 * the call its {@code fuse_reply_*} end in. One per FUSE worker: it owns the reply memory (the header, and the
 * data of a reply whose data is not in direct memory already). Allocation-free.
 */
final class FuseReplyProxy
{
    /** Where replies go: the FUSE channel in the devfs, a recording in tests. */
    @FunctionalInterface
    interface Device
    {
        /**
         * Write one reply: {@code length} bytes at {@code reply}, then {@code dataLength} bytes at the native address
         * {@code dataAddress} (none when 0), in one go.
         *
         * @return 0 or the bytes written, or a negative errno (-ENOENT: the request was interrupted and is gone).
         */
        long write(Pointer reply, long length, long dataAddress, long dataLength);
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
     * Reply to a READ with {@code length} bytes at the native address {@code address}, sent from where they are.
     *
     * @return what the device returned.
     */
    long sendData(final long unique, final long address, final int length)
    {
        putHeader(unique, 0, FuseOutDescriptor.HEADER_LENGTH + length);
        return device.write(memory, FuseOutDescriptor.HEADER_LENGTH, address, length);
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
        putHeader(unique, error, length);
        return device.write(memory, length, 0, 0);
    }

    private void putHeader(final long unique, final int error, final int length)
    {
        reply.putInt(FuseOutDescriptor.LEN_OFFSET, length);
        reply.putInt(FuseOutDescriptor.ERROR_OFFSET, error);
        reply.putLong(FuseOutDescriptor.UNIQUE_OFFSET, unique);
    }
}

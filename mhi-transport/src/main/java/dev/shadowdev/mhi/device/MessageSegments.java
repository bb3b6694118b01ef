package dev.shadowdev.mhi.device;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.SharedRegion;

import java.nio.ByteBuffer;

/**
 * One message received on a to-device channel, as the list of host buffers (a CHAIN of transfer elements) that
 * hold it, in order. Nothing is copied: each segment is a bus address, a length and the index of its first byte
 * in {@link SharedRegion#buffer()}. The view is reused for the next message, so a handler must finish with it (or
 * copy what it needs with {@link #copyTo}) before returning.
 */
public final class MessageSegments
{
    private final SharedRegion region;
    private long[] addresses;
    private int[] lengths;
    private int[] offsets;
    private int count;
    private int totalLength;

    MessageSegments(final SharedRegion region, final int capacity)
    {
        this.region = region;
        this.addresses = new long[capacity];
        this.lengths = new int[capacity];
        this.offsets = new int[capacity];
    }

    /** @return number of segments, at least 1. */
    public int count()
    {
        return count;
    }

    /** @return bytes in the whole message. */
    public int totalLength()
    {
        return totalLength;
    }

    /**
     * @param i segment index.
     * @return bus address of segment {@code i}.
     */
    public long address(final int i)
    {
        return addresses[i];
    }

    /**
     * @param i segment index.
     * @return length of segment {@code i}.
     */
    public int length(final int i)
    {
        return lengths[i];
    }

    /**
     * @param i segment index.
     * @return index of segment {@code i}'s first byte in the region's buffer.
     */
    public int offset(final int i)
    {
        return offsets[i];
    }

    /**
     * Gather the whole message into {@code dst} at {@code dstOffset} (absolute; position untouched).
     *
     * @param dst       destination.
     * @param dstOffset first index written.
     * @return bytes copied, or -EMSGSIZE when it does not fit (nothing copied).
     */
    public int copyTo(final ByteBuffer dst, final int dstOffset)
    {
        if (dstOffset < 0 || dstOffset > dst.capacity() - totalLength || dst.isReadOnly())
        {
            return Errno.EMSGSIZE.status();
        }
        final ByteBuffer src = region.buffer();
        int at = dstOffset;
        for (int i = 0; i < count; i++)
        {
            dst.put(at, src, offsets[i], lengths[i]);
            at += lengths[i];
        }
        return totalLength;
    }

    /**
     * Gather the whole message into {@code dst} at {@code dstOffset}.
     *
     * @param dst       destination.
     * @param dstOffset first index written.
     * @return bytes copied, or -EMSGSIZE when it does not fit (nothing copied).
     */
    public int copyTo(final byte[] dst, final int dstOffset)
    {
        if (dstOffset < 0 || dstOffset > dst.length - totalLength)
        {
            return Errno.EMSGSIZE.status();
        }
        final ByteBuffer src = region.buffer();
        int at = dstOffset;
        for (int i = 0; i < count; i++)
        {
            src.get(offsets[i], dst, at, lengths[i]);
            at += lengths[i];
        }
        return totalLength;
    }

    void ensureCapacity(final int capacity)
    {
        if (addresses.length < capacity)
        {
            addresses = new long[capacity];
            lengths = new int[capacity];
            offsets = new int[capacity];
        }
    }

    void reset()
    {
        count = 0;
        totalLength = 0;
    }

    void single(final long address, final int length, final int offset)
    {
        addresses[0] = address;
        lengths[0] = length;
        offsets[0] = offset;
        count = 1;
        totalLength = length;
    }

    void add(final long address, final int length, final int offset)
    {
        addresses[count] = address;
        lengths[count] = length;
        offsets[count] = offset;
        count++;
        totalLength += length;
    }
}

package dev.shadowdev.mhi;

import java.nio.ByteBuffer;

/**
 * One 16-byte ring element ({@code struct mhi_ring_element}), the unit of every transfer, command and event ring.
 * All fields little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        ptr (u64, low)                         |  0
 *  |                        ptr (u64, high)                        |  4
 *  +---------------------------------------------------------------+
 *  |                          dword0 (u32)                         |  8
 *  +---------------+---------------+-------------------------------+
 *  |   chid 31:24  |   type 23:16  |      type-specific 15:0       | 12  dword1
 *  +---------------+---------------+-------------------------------+
 * </pre>
 * A flyweight: {@link #wrap(ByteBuffer, int)} points it at an element; nothing is copied or allocated. The views for
 * each ring kind ({@link TransferTreFlyweight}, {@link CommandTreFlyweight}, {@link EventFlyweight}) add the
 * kind's fields. Callers check bounds before wrapping; accessors do not.
 */
public class RingElementFlyweight
{
    /** Offset of the 64-bit pointer. */
    public static final int PTR_OFFSET = 0;
    /** Offset of dword0. */
    public static final int DWORD0_OFFSET = PTR_OFFSET + Long.BYTES;
    /** Offset of dword1. */
    public static final int DWORD1_OFFSET = DWORD0_OFFSET + Integer.BYTES;
    /** Length of one element. */
    public static final int LENGTH = DWORD1_OFFSET + Integer.BYTES;

    /** dword1: shift of the element type. */
    public static final int TYPE_SHIFT = 16;
    /** dword1: shift of the channel id. */
    public static final int CHID_SHIFT = 24;
    /** Mask of an 8-bit field after shifting. */
    public static final int BYTE_MASK = 0xFF;

    /** The wrapped buffer. */
    protected ByteBuffer buffer;
    /** Offset of the element in {@link #buffer}. */
    protected int offset;

    /**
     * Point this flyweight at an element.
     *
     * @param buffer a little-endian buffer (the shared region's).
     * @param offset offset of the element in the buffer.
     * @return this.
     */
    public RingElementFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return the wrapped buffer. */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return the offset of the element in the wrapped buffer. */
    public int offset()
    {
        return offset;
    }

    /** @return the 64-bit pointer field. */
    public long ptr()
    {
        return buffer.getLong(offset + PTR_OFFSET);
    }

    /**
     * @param ptr the 64-bit pointer field.
     * @return this.
     */
    public RingElementFlyweight ptr(final long ptr)
    {
        buffer.putLong(offset + PTR_OFFSET, ptr);
        return this;
    }

    /** @return dword0. */
    public int dword0()
    {
        return buffer.getInt(offset + DWORD0_OFFSET);
    }

    /**
     * @param value dword0.
     * @return this.
     */
    public RingElementFlyweight dword0(final int value)
    {
        buffer.putInt(offset + DWORD0_OFFSET, value);
        return this;
    }

    /** @return dword1. */
    public int dword1()
    {
        return buffer.getInt(offset + DWORD1_OFFSET);
    }

    /**
     * @param value dword1.
     * @return this.
     */
    public RingElementFlyweight dword1(final int value)
    {
        buffer.putInt(offset + DWORD1_OFFSET, value);
        return this;
    }

    /** @return the element type, dword1 bits 23:16 (see {@link PacketType}). */
    public int type()
    {
        return (dword1() >>> TYPE_SHIFT) & BYTE_MASK;
    }

    /** @return the channel id, dword1 bits 31:24 (commands and events). */
    public int chid()
    {
        return dword1() >>> CHID_SHIFT;
    }

    /**
     * Write all three fields.
     *
     * @param ptr    pointer.
     * @param dword0 dword0.
     * @param dword1 dword1.
     * @return this.
     */
    public RingElementFlyweight set(final long ptr, final int dword0, final int dword1)
    {
        buffer.putLong(offset + PTR_OFFSET, ptr);
        buffer.putInt(offset + DWORD0_OFFSET, dword0);
        buffer.putInt(offset + DWORD1_OFFSET, dword1);
        return this;
    }

    /**
     * @param chid a channel id.
     * @param type an element type.
     * @return {@code chid[31:24] | type[23:16]}, the dword1 of commands and events.
     */
    public static int typeAndChid(final int chid, final int type)
    {
        return ((chid & BYTE_MASK) << CHID_SHIFT) | ((type & BYTE_MASK) << TYPE_SHIFT);
    }
}

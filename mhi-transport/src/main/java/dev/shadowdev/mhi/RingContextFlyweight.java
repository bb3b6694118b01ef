package dev.shadowdev.mhi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 44-byte context shared by channel, event and command rings ({@code struct mhi_chan_ctxt},
 * {@code mhi_event_ctxt}, {@code mhi_cmd_ctxt}: three u32 then four packed, 4-aligned u64).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |          word0: chcfg | intmod | reserved0 (u32)              |  0
 *  +---------------------------------------------------------------+
 *  |          word1: chtype | ertype | reserved1 (u32)             |  4
 *  +---------------------------------------------------------------+
 *  |          word2: erindex | msivec | reserved2 (u32)            |  8
 *  +---------------------------------------------------------------+
 *  |          rbase: bus address of the ring (u64)                 | 12
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          rlen: ring length in bytes (u64)                     | 20
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          rp: read pointer (u64)                               | 28
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          wp: write pointer (u64)                              | 36
 *  |                                                               |
 *  +---------------------------------------------------------------+  44
 * </pre>
 * rp and wp cross sides (the device publishes an event ring's rp, the host a ring's wp), so they also have
 * release/acquire accessors. The u64 fields are only 4-aligned, so those accessors write the high half first and
 * publish the low half with release semantics; a reader acquires the low half first. Ring pointers never change
 * their high half inside one {@link SharedRegion} (a region never crosses a 4 GiB boundary), so no torn value can be
 * observed.
 */
public class RingContextFlyweight
{
    /** Offset of the first type-specific word. */
    public static final int WORD0_OFFSET = 0;
    /** Offset of the second type-specific word. */
    public static final int WORD1_OFFSET = WORD0_OFFSET + Integer.BYTES;
    /** Offset of the third type-specific word. */
    public static final int WORD2_OFFSET = WORD1_OFFSET + Integer.BYTES;
    /** Offset of the ring base address. */
    public static final int RBASE_OFFSET = WORD2_OFFSET + Integer.BYTES;
    /** Offset of the ring length. */
    public static final int RLEN_OFFSET = RBASE_OFFSET + Long.BYTES;
    /** Offset of the read pointer. */
    public static final int RP_OFFSET = RLEN_OFFSET + Long.BYTES;
    /** Offset of the write pointer. */
    public static final int WP_OFFSET = RP_OFFSET + Long.BYTES;
    /** Length of one context. */
    public static final int LENGTH = WP_OFFSET + Long.BYTES;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The wrapped buffer. */
    protected ByteBuffer buffer;
    /** Offset of the context in {@link #buffer}. */
    protected int offset;

    /**
     * @param buffer the shared region's buffer (4-aligned at its start).
     * @param offset offset of the context; must be a multiple of 4.
     * @return this.
     */
    public RingContextFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return the offset of the context in the wrapped buffer. */
    public int offset()
    {
        return offset;
    }

    /** @return the ring base address. */
    public long rbase()
    {
        return buffer.getLong(offset + RBASE_OFFSET);
    }

    /**
     * @param value the ring base address.
     * @return this.
     */
    public RingContextFlyweight rbase(final long value)
    {
        buffer.putLong(offset + RBASE_OFFSET, value);
        return this;
    }

    /** @return the ring length in bytes. */
    public long rlen()
    {
        return buffer.getLong(offset + RLEN_OFFSET);
    }

    /**
     * @param value the ring length in bytes.
     * @return this.
     */
    public RingContextFlyweight rlen(final long value)
    {
        buffer.putLong(offset + RLEN_OFFSET, value);
        return this;
    }

    /** @return the read pointer (plain read). */
    public long rp()
    {
        return buffer.getLong(offset + RP_OFFSET);
    }

    /**
     * @param value the read pointer (plain write).
     * @return this.
     */
    public RingContextFlyweight rp(final long value)
    {
        buffer.putLong(offset + RP_OFFSET, value);
        return this;
    }

    /** @return the write pointer (plain read). */
    public long wp()
    {
        return buffer.getLong(offset + WP_OFFSET);
    }

    /**
     * @param value the write pointer (plain write).
     * @return this.
     */
    public RingContextFlyweight wp(final long value)
    {
        buffer.putLong(offset + WP_OFFSET, value);
        return this;
    }

    /** @return the read pointer, acquiring everything written before the matching {@link #rpRelease(long)}. */
    public long rpAcquire()
    {
        return getAcquire(offset + RP_OFFSET);
    }

    /**
     * Publish the read pointer after the elements it covers.
     *
     * @param value the read pointer.
     */
    public void rpRelease(final long value)
    {
        putRelease(offset + RP_OFFSET, value);
    }

    /** @return the write pointer, acquiring everything written before the matching {@link #wpRelease(long)}. */
    public long wpAcquire()
    {
        return getAcquire(offset + WP_OFFSET);
    }

    /**
     * Publish the write pointer after the elements it covers.
     *
     * @param value the write pointer.
     */
    public void wpRelease(final long value)
    {
        putRelease(offset + WP_OFFSET, value);
    }

    /**
     * @param wordOffset {@link #WORD0_OFFSET}, {@link #WORD1_OFFSET} or {@link #WORD2_OFFSET}.
     * @return that word.
     */
    protected int word(final int wordOffset)
    {
        return buffer.getInt(offset + wordOffset);
    }

    /**
     * @param wordOffset {@link #WORD0_OFFSET}, {@link #WORD1_OFFSET} or {@link #WORD2_OFFSET}.
     * @param value      the word.
     */
    protected void word(final int wordOffset, final int value)
    {
        buffer.putInt(offset + wordOffset, value);
    }

    private long getAcquire(final int index)
    {
        final int low = (int)INT.getAcquire(buffer, index);
        final int high = buffer.getInt(index + Integer.BYTES);
        return ((long)high << 32) | (low & 0xFFFF_FFFFL);
    }

    private void putRelease(final int index, final long value)
    {
        buffer.putInt(index + Integer.BYTES, (int)(value >>> 32));
        INT.setRelease(buffer, index, (int)value);
    }
}

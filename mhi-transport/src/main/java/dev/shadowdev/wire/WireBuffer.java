package dev.shadowdev.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A little-endian view over a {@link ByteBuffer} (heap, direct or memory-mapped) addressed by absolute index, the
 * way Agrona's {@code UnsafeBuffer} is used by Aeron's flyweights. Index 0 is index 0 of the wrapped buffer, never
 * its position; position and limit of the caller's buffer are neither used nor changed.
 * <p>
 * {@link #wrap(ByteBuffer)} makes one private duplicate, so wrap a transport buffer once and reuse this view: every
 * other method allocates nothing. Accessors throw {@link IndexOutOfBoundsException} out of bounds, so decoders
 * check lengths with {@link #inBounds(int, long)} before they read.
 */
public final class WireBuffer
{
    /** What {@link #setMemory} copies from to zero direct memory; never written. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(4096).asReadOnlyBuffer();

    private ByteBuffer byteBuffer;

    /** An empty view of capacity 0; {@link #wrap(ByteBuffer)} before use. */
    public WireBuffer()
    {
        byteBuffer = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @param buffer viewed from its index 0 to its capacity. */
    public WireBuffer(final ByteBuffer buffer)
    {
        wrap(buffer);
    }

    /** @param array viewed in full. */
    public WireBuffer(final byte[] array)
    {
        wrap(ByteBuffer.wrap(array));
    }

    /**
     * View {@code buffer} from its index 0 to its capacity.
     *
     * @return this.
     */
    public WireBuffer wrap(final ByteBuffer buffer)
    {
        byteBuffer = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byteBuffer.clear();
        return this;
    }

    /** @return the private little-endian duplicate; its position and limit are scratch state of this view. */
    public ByteBuffer byteBuffer()
    {
        return byteBuffer;
    }

    public int capacity()
    {
        return byteBuffer.capacity();
    }

    /** @return true when {@code [index, index + length)} lies inside the buffer (no overflow for any input). */
    public boolean inBounds(final int index, final long length)
    {
        return index >= 0 && length >= 0 && index + length <= byteBuffer.capacity();
    }

    public byte getByte(final int index)
    {
        return byteBuffer.get(index);
    }

    public void putByte(final int index, final byte value)
    {
        byteBuffer.put(index, value);
    }

    /** @return the u16 at {@code index} as a non-negative int. */
    public int getUnsignedShort(final int index)
    {
        return byteBuffer.getShort(index) & 0xFFFF;
    }

    /** Write the low 16 bits of {@code value}. */
    public void putShort(final int index, final int value)
    {
        byteBuffer.putShort(index, (short)value);
    }

    public int getInt(final int index)
    {
        return byteBuffer.getInt(index);
    }

    /** @return the u32 at {@code index} widened without sign. */
    public long getUnsignedInt(final int index)
    {
        return byteBuffer.getInt(index) & 0xFFFF_FFFFL;
    }

    public void putInt(final int index, final int value)
    {
        byteBuffer.putInt(index, value);
    }

    public long getLong(final int index)
    {
        return byteBuffer.getLong(index);
    }

    public void putLong(final int index, final long value)
    {
        byteBuffer.putLong(index, value);
    }

    public void getBytes(final int index, final byte[] dst, final int dstOffset, final int length)
    {
        byteBuffer.get(index, dst, dstOffset, length);
    }

    public void putBytes(final int index, final byte[] src, final int srcOffset, final int length)
    {
        byteBuffer.put(index, src, srcOffset, length);
    }

    /** Copy {@code length} bytes from {@code src} at {@code srcIndex} (the two may be the same buffer). */
    public void putBytes(final int index, final WireBuffer src, final int srcIndex, final int length)
    {
        byteBuffer.put(index, src.byteBuffer, srcIndex, length);
    }

    /** Fill {@code [index, index + length)} with {@code value}. */
    public void setMemory(final int index, final int length, final byte value)
    {
        if (byteBuffer.hasArray())
        {
            Objects.checkFromIndexSize(index, length, byteBuffer.limit());
            final int at = byteBuffer.arrayOffset() + index;
            Arrays.fill(byteBuffer.array(), at, at + length, value);
            return;
        }
        if (value == 0)
        {
            // Zeroing direct memory (the common case): bulk copies from a zero page, memcpy speed.
            Objects.checkFromIndexSize(index, length, byteBuffer.limit());
            for (int at = index, left = length; left > 0; )
            {
                final int n = Math.min(left, ZEROS.capacity());
                byteBuffer.put(at, ZEROS, 0, n);
                at += n;
                left -= n;
            }
            return;
        }
        final int end = index + length;
        int i = index;
        final long fill = (value & 0xFFL) * 0x0101_0101_0101_0101L;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            byteBuffer.putLong(i, fill);
        }
        for (; i < end; i++)
        {
            byteBuffer.put(i, value);
        }
    }
}

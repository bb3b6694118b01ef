package dev.shadowdev.firmware.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One upload slot: the bytes of an image as DMA_XFER delivered them, append-only. The backing array grows by
 * doubling up to {@link ImageStaging#MAX_IMAGE_LENGTH} and is released when the slot starts over.
 * Not thread-safe: owned by {@link ImageStaging}.
 */
final class ImageSlot
{
    private static final byte[] EMPTY = new byte[0];
    private static final int MIN_CAPACITY = 4096;

    private byte[] bytes = EMPTY;
    private int length;

    /** @return bytes delivered so far. */
    int length()
    {
        return length;
    }

    /** Forget the bytes: the next append starts a new image. */
    void restart()
    {
        bytes = EMPTY;
        length = 0;
    }

    /**
     * Keep only the first {@code newLength} bytes; the array is kept for the appends that follow.
     *
     * @param newLength at most {@link #length()}.
     */
    void truncate(final int newLength)
    {
        length = newLength;
    }

    /**
     * Copy bytes straight from the source buffer into the slot; the source's position and limit do not move.
     *
     * @param src       source, usually the host memory region.
     * @param srcOffset where to copy from; the range was checked by the caller.
     * @param count     how many bytes; {@code length() + count <= MAX_IMAGE_LENGTH}.
     */
    void append(final ByteBuffer src, final int srcOffset, final int count)
    {
        final int required = length + count;
        if (required > bytes.length)
        {
            final long doubled = Math.max((long)bytes.length * 2, MIN_CAPACITY);
            final int capacity = (int)Math.min(ImageStaging.MAX_IMAGE_LENGTH, Math.max(doubled, required));
            final byte[] grown = new byte[capacity];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
        src.get(srcOffset, bytes, length, count);
        length = required;
    }

    /** @return a little-endian view of the slot's bytes, index 0 = first byte; valid until the next append. */
    ByteBuffer view()
    {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}

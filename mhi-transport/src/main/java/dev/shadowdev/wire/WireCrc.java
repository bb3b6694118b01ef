package dev.shadowdev.wire;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * CRC-32 of a wire message as qaic computes it ({@code gen_crc}/{@code valid_crc} in {@code qaic_control.c}):
 * the IEEE CRC-32 of {@code java.util.zip.CRC32} over the whole message, {@code len} bytes from the header on, with
 * the {@code crc32} field taken as 0. The bytes are read in place (no copy): four zero bytes stand in for the field,
 * then the rest of the message is fed as one {@link ByteBuffer} range.
 * <p>
 * One instance per thread; nothing here allocates.
 */
public final class WireCrc
{
    private static final byte[] ZERO_FIELD = new byte[Integer.BYTES];

    private final CRC32 crc32 = new CRC32();

    /**
     * @param offset of the message header in {@code buffer}.
     * @param length message length (the header's {@code len}); at least {@link WireMessageHeaderFlyweight#LENGTH}
     *               and inside the buffer.
     * @return the CRC-32 as a u32 in an int.
     */
    public int compute(final WireBuffer buffer, final int offset, final int length)
    {
        crc32.reset();
        crc32.update(ZERO_FIELD, 0, ZERO_FIELD.length);
        final ByteBuffer bytes = buffer.byteBuffer();
        final int start = offset + WireMessageHeaderFlyweight.CRC32_OFFSET + Integer.BYTES;
        bytes.limit(offset + length).position(start);
        crc32.update(bytes);
        bytes.clear();
        return (int)crc32.getValue();
    }

    /**
     * Compute the CRC of the message and store it in its {@code crc32} field.
     *
     * @return the CRC written.
     */
    public int stamp(final WireBuffer buffer, final int offset, final int length)
    {
        final int crc = compute(buffer, offset, length);
        buffer.putInt(offset + WireMessageHeaderFlyweight.CRC32_OFFSET, crc);
        return crc;
    }
}

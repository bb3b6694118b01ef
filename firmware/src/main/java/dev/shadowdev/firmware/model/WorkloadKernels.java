package dev.shadowdev.firmware.model;

import dev.shadowdev.image.WorkloadOp;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The real work behind EXECUTE: one method per {@link WorkloadOp}, dispatched in one switch. Hot path: no
 * allocation, no exceptions; callers have checked every index and the output room.
 * Not thread-safe (one reusable {@link CRC32C}): owned by {@link WorkloadTable}.
 */
final class WorkloadKernels
{
    private static final long BYTE_LANES = 0x0101010101010101L;

    private final CRC32C crc32c = new CRC32C();

    /**
     * @param op     a known op.
     * @param opArg  its argument.
     * @param in     input buffer; for CRC32C over a buffer without an array, its position and limit are moved
     *               and restored before returning.
     * @param inOff  input offset.
     * @param len    input length.
     * @param out    output buffer, writable, with room for {@link WorkloadOp#outputLength} bytes at outOff.
     * @param outOff output offset.
     * @return bytes written.
     */
    int run(
        final int op,
        final int opArg,
        final ByteBuffer in,
        final int inOff,
        final int len,
        final ByteBuffer out,
        final int outOff)
    {
        switch (op)
        {
            case WorkloadOp.ECHO:
                out.put(outOff, in, inOff, len);
                return len;
            case WorkloadOp.CRC32C:
                return crc32c(in, inOff, len, out, outOff);
            case WorkloadOp.XOR8:
                return xor8(opArg, in, inOff, len, out, outOff);
            default:
                return 0;
        }
    }

    private int crc32c(final ByteBuffer in, final int inOff, final int len, final ByteBuffer out, final int outOff)
    {
        crc32c.reset();
        if (in.hasArray())
        {
            crc32c.update(in.array(), in.arrayOffset() + inOff, len);
        }
        else
        {
            final int position = in.position();
            final int limit = in.limit();
            in.limit(inOff + len).position(inOff);
            crc32c.update(in);
            in.limit(limit).position(position);
        }
        final int value = (int)crc32c.getValue();
        out.put(outOff, (byte)value);
        out.put(outOff + 1, (byte)(value >>> 8));
        out.put(outOff + 2, (byte)(value >>> 16));
        out.put(outOff + 3, (byte)(value >>> 24));
        return WorkloadOp.CRC32C_OUTPUT_LENGTH;
    }

    private static int xor8(
        final int opArg, final ByteBuffer in, final int inOff, final int len, final ByteBuffer out, final int outOff)
    {
        final byte key = (byte)opArg;
        int i = 0;
        if (in.order() == out.order())
        {
            final long lanes = (opArg & 0xFFL) * BYTE_LANES;
            for (final int whole = len & ~7; i < whole; i += Long.BYTES)
            {
                out.putLong(outOff + i, in.getLong(inOff + i) ^ lanes);
            }
        }
        for (; i < len; i++)
        {
            out.put(outOff + i, (byte)(in.get(inOff + i) ^ key));
        }
        return len;
    }
}

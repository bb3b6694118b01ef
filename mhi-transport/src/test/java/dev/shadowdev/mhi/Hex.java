package dev.shadowdev.mhi;

import java.nio.ByteBuffer;

/** Test helper: hand-written hex strings to bytes and back. */
public final class Hex
{
    private Hex()
    {
    }

    /**
     * @param hex bytes as two-digit hex, separated by spaces.
     * @return the bytes.
     */
    public static byte[] bytes(final String hex)
    {
        final String[] parts = hex.trim().split("\\s+");
        final byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            out[i] = (byte)Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    /**
     * @param buffer a buffer.
     * @param offset first byte.
     * @param length bytes.
     * @return the bytes as two-digit lower-case hex separated by spaces.
     */
    public static String of(final ByteBuffer buffer, final int offset, final int length)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            if (i > 0)
            {
                sb.append(' ');
            }
            sb.append(String.format("%02x", buffer.get(offset + i) & 0xFF));
        }
        return sb.toString();
    }
}

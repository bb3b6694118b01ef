package dev.shadowdev.wire;

import java.util.Locale;

/** Test helper: hex strings written by hand, compared as space-separated lower-case bytes. */
public final class Hex
{
    private Hex()
    {
    }

    /** @return {@code hex} with all whitespace collapsed to single spaces between bytes, lower case. */
    public static String normalize(final String hex)
    {
        final String compact = hex.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if ((compact.length() & 1) != 0)
        {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < compact.length(); i += 2)
        {
            if (i > 0)
            {
                sb.append(' ');
            }
            sb.append(compact, i, i + 2);
        }
        return sb.toString();
    }

    /** @return {@code length} bytes of {@code buffer} from {@code index} as space-separated hex. */
    public static String of(final WireBuffer buffer, final int index, final int length)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            if (i > 0)
            {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%02x", buffer.getByte(index + i) & 0xFF));
        }
        return sb.toString();
    }

    /** @return the bytes of {@code hex} (whitespace ignored). */
    public static byte[] bytes(final String hex)
    {
        final String compact = hex.replaceAll("\\s+", "");
        final byte[] bytes = new byte[compact.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(compact.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /** @return {@code n} zero bytes as hex. */
    public static String zeros(final int n)
    {
        return " 00".repeat(n);
    }
}

package dev.shadowdev.firmware.model;

/** Small helpers for hand-written bytes in the model tests. */
final class HexBytes
{
    private HexBytes()
    {
    }

    /**
     * @param hex bytes as two-digit hex separated by spaces, e.g. {@code "00 ff 5a"}.
     * @return the bytes.
     */
    static byte[] bytes(final String hex)
    {
        final String[] tokens = hex.trim().split("\\s+");
        final byte[] bytes = new byte[tokens.length];
        for (int i = 0; i < tokens.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(tokens[i], 16);
        }
        return bytes;
    }
}

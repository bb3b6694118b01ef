package dev.shadowdev.image;

/**
 * The op IDs a workload image can name in its {@code op} field (ABI.md section 2), in one place.
 * <p>
 * What each op computes, for an input of {@code len} bytes:
 * <ul>
 *     <li>{@link #ECHO}: the output is the input, {@code len} bytes.</li>
 *     <li>{@link #CRC32C}: the output is the 4-byte little-endian CRC-32C of the input.</li>
 *     <li>{@link #XOR8}: the output is every input byte XOR {@code (op_arg & 0xff)}, {@code len} bytes.</li>
 * </ul>
 */
public final class WorkloadOp
{
    /** out = in. */
    public static final int ECHO = 1;

    /** out = CRC-32C of in, 4 bytes little-endian. */
    public static final int CRC32C = 2;

    /** out = in ^ (op_arg &amp; 0xff), byte by byte. */
    public static final int XOR8 = 3;

    /** Bytes produced by {@link #CRC32C}. */
    public static final int CRC32C_OUTPUT_LENGTH = 4;

    private WorkloadOp()
    {
    }

    /**
     * @param op an op field value.
     * @return true when the firmware can run it.
     */
    public static boolean isKnown(final int op)
    {
        return op == ECHO || op == CRC32C || op == XOR8;
    }

    /**
     * @param op an op field value.
     * @return its lower-case name, or {@code "unknown"}.
     */
    public static String name(final int op)
    {
        switch (op)
        {
            case ECHO:
                return "echo";
            case CRC32C:
                return "crc32c";
            case XOR8:
                return "xor8";
            default:
                return "unknown";
        }
    }

    /**
     * How many output bytes an op produces for an input of {@code inputLength} bytes.
     *
     * @param op          a known op.
     * @param inputLength input length in bytes.
     * @return the output length, or -1 for an unknown op.
     */
    public static int outputLength(final int op, final int inputLength)
    {
        switch (op)
        {
            case ECHO:
            case XOR8:
                return inputLength;
            case CRC32C:
                return CRC32C_OUTPUT_LENGTH;
            default:
                return -1;
        }
    }
}

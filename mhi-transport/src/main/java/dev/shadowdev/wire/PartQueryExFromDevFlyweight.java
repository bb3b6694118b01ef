package dev.shadowdev.wire;

/**
 * {@link WireTypes#PART_QUERY_EX_FROM_DEV} (extension, ABI.md 6.1): a leading status, then the node PART_QUERY_EX
 * response body, {@code n} entries of {@link PartitionEntryExFlyweight}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x111                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 24 + 208 x n                          |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   n                                           | 16
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 20
 *  +---------------------------------------------------------------+
 *  |                   entry[0] (208 bytes) ...                    | 24
 * </pre>
 */
public final class PartQueryExFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int RESERVED_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int N_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    public static final int N_RESERVED_OFFSET = N_OFFSET + Integer.BYTES;
    public static final int ENTRIES_OFFSET = N_RESERVED_OFFSET + Integer.BYTES;
    /** Length without entries. */
    public static final int LENGTH = ENTRIES_OFFSET;

    @Override
    public PartQueryExFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public int n()
    {
        return buffer.getInt(offset + N_OFFSET);
    }

    /** @return the transaction length for {@code n} entries (a long: no overflow for any u32 n). */
    public static long lengthFor(final long n)
    {
        return LENGTH + n * PartitionEntryExFlyweight.LENGTH;
    }

    /** @return where entry {@code i} starts in {@link #buffer()}. */
    public int entryIndex(final int i)
    {
        return offset + ENTRIES_OFFSET + i * PartitionEntryExFlyweight.LENGTH;
    }
}

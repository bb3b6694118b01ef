package dev.shadowdev.wire;


/**
 * {@link WireTypes#PART_QUERY_FROM_DEV} (extension): a leading status, then the node PART_QUERY response body
 * (ABI.md 1.3): {@code n} and {@code n} entries of {@link PartitionEntryFlyweight} (120 bytes each).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x107                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 24 + 120 x n                          |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   n (entries that follow)                     | 16
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 20
 *  +---------------------------------------------------------------+
 *  |                   entry[0] (120 bytes) ...                    | 24
 * </pre>
 * One answer holds at most {@link #MAX_ENTRIES} entries (the response limit of {@link WireDirection}).
 */
public final class PartQueryFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int RESERVED_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int N_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    public static final int N_RESERVED_OFFSET = N_OFFSET + Integer.BYTES;
    public static final int ENTRIES_OFFSET = N_RESERVED_OFFSET + Integer.BYTES;
    /** Length without entries. */
    public static final int LENGTH = ENTRIES_OFFSET;
    /** Most entries a lone answer can carry in one device-to-host message. */
    public static final int MAX_ENTRIES =
        (WireDirection.FROM_DEV.maxLength() - WireMessageHeaderFlyweight.LENGTH - LENGTH) /
        PartitionEntryFlyweight.LENGTH;

    @Override
    public PartQueryFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** @return the transaction length for {@code n} entries (a long: no overflow for any u32 n). */
    public static long lengthFor(final long n)
    {
        return LENGTH + n * PartitionEntryFlyweight.LENGTH;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public PartQueryFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }

    public int n()
    {
        return buffer.getInt(offset + N_OFFSET);
    }

    public PartQueryFromDevFlyweight n(final int n)
    {
        buffer.putInt(offset + N_OFFSET, n);
        return this;
    }

    /** @return where entry {@code i} starts in {@link #buffer()}: wrap a {@link PartitionEntryFlyweight} there. */
    public int entryIndex(final int i)
    {
        return offset + ENTRIES_OFFSET + i * PartitionEntryFlyweight.LENGTH;
    }
}

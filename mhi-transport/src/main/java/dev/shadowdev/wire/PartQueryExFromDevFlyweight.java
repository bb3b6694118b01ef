package dev.shadowdev.wire;

/**
 * {@link WireTypes#PART_QUERY_EX_FROM_DEV} (extension, ABI.md 6.1): a leading status, then the node PART_QUERY_EX
 * response body, {@code n} entries of {@link PartitionEntryExFlyweight}, then (a wire-only trailer the node answer
 * does not carry) each partition's {@code peak[5]}, the highest {@code used} since it was created, which the driver
 * shows as the node's {@code peak} attribute (ABI.md 6.2) and which no node answer has room for.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x111                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 24 + 248 x n                          |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   n                                           | 16
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 20
 *  +---------------------------------------------------------------+
 *  |                   entry[0] (208 bytes) ... entry[n-1]         | 24
 *  +---------------------------------------------------------------+
 *  |                   peak[5] of entry 0 (u64 each) ... of n-1    | 24 + 208 x n
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
    /** The trailer's bytes per entry: {@code u64 peak[5]}. */
    public static final int PEAK_LENGTH = dev.shadowdev.abi.Resource.COUNT * Long.BYTES;

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
        return LENGTH + n * (PartitionEntryExFlyweight.LENGTH + PEAK_LENGTH);
    }

    /** @return where the peak vector of entry {@code i} of {@code n} starts in {@link #buffer()}. */
    public int peakIndex(final int n, final int i)
    {
        return offset + ENTRIES_OFFSET + n * PartitionEntryExFlyweight.LENGTH + i * PEAK_LENGTH;
    }

    /** @return where entry {@code i} starts in {@link #buffer()}. */
    public int entryIndex(final int i)
    {
        return offset + ENTRIES_OFFSET + i * PartitionEntryExFlyweight.LENGTH;
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#PART_QUERY} (ABI.md 1.3): {@code n} entries of
 * {@link PartitionEntryFlyweight}. On a shadow node only its own partition is listed.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0104                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 24 + 120 x n                          |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   n                                           | 16
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 20
 *  +---------------------------------------------------------------+
 *  |                   entry[0] (120 bytes) ...                    | 24
 * </pre>
 */
public final class PartQueryResponseFlyweight extends ManageResponseTransactionHeaderFlyweight
{
    public static final int N_OFFSET = HEADER_LENGTH;
    public static final int N_RESERVED_OFFSET = N_OFFSET + Integer.BYTES;
    public static final int ENTRIES_OFFSET = N_RESERVED_OFFSET + Integer.BYTES;
    /** Length without data. */
    public static final int LENGTH = ENTRIES_OFFSET;

    @Override
    public PartQueryResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int n()
    {
        return buffer.getInt(offset + N_OFFSET);
    }

    public PartQueryResponseFlyweight n(final int n)
    {
        buffer.putInt(offset + N_OFFSET, n);
        return this;
    }

    /** @return the transaction length for {@code n} entries (a long: no overflow for any u32 n). */
    public static long lengthFor(final long n)
    {
        return LENGTH + n * PartitionEntryFlyweight.LENGTH;
    }

    /** @return where entry {@code i} starts in {@link #buffer()}: wrap a {@link PartitionEntryFlyweight} there. */
    public int entryIndex(final int i)
    {
        return offset + ENTRIES_OFFSET + i * PartitionEntryFlyweight.LENGTH;
    }
}

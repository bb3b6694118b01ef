package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Request body of node {@link NodeTypes#PART_BIND} (ABI.md 7): bind a cgroup path to a partition, or
 * {@link #FLAG_UNBIND} it. Base node only. The path is UTF-8, absolute, without "." or ".." components, at most
 * {@link #MAX_PATH_LENGTH} bytes, padded with zeros to a multiple of 8. The response has no body.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0109                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 24 + path_len padded to 8             |  4
 *  +---------------------------------------------------------------+
 *  |                   partition_id (i32)                          |  8
 *  +---------------------------------------------------------------+
 *  |                   flags, bit0 UNBIND                          | 12
 *  +---------------------------------------------------------------+
 *  |                   path_len                                    | 16
 *  +---------------------------------------------------------------+
 *  |                   reserved (0)                                | 20
 *  +---------------------------------------------------------------+
 *  |                   path ... (padded to 8)                      | 24
 * </pre>
 */
public final class PartBindRequestFlyweight extends ManageTransactionHeaderFlyweight
{
    /** {@code flags} bit: remove the binding instead. */
    public static final int FLAG_UNBIND = 1;
    /** Longest path (ABI.md 7): longer is ENAMETOOLONG. */
    public static final int MAX_PATH_LENGTH = 4096;

    public static final int PARTITION_ID_OFFSET = HEADER_LENGTH;
    public static final int FLAGS_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int PATH_LEN_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    public static final int RESERVED_OFFSET = PATH_LEN_OFFSET + Integer.BYTES;
    public static final int PATH_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    /** Length without the path. */
    public static final int LENGTH = PATH_OFFSET;

    @Override
    public PartBindRequestFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public int pathLength()
    {
        return buffer.getInt(offset + PATH_LEN_OFFSET);
    }

    /** @return where the path's bytes start in the buffer. */
    public int pathIndex()
    {
        return offset + PATH_OFFSET;
    }
}

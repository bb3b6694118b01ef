package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Request body of node {@link NodeTypes#PART_DESTROY} (ABI.md 1.3). Base node only; EBUSY while the
 * partition has active workloads unless {@link #FLAG_FORCE}. The response has no body.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0103                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   partition_id (i32)                          |  8
 *  +---------------------------------------------------------------+
 *  |                   flags, bit0 FORCE                           | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartDestroyRequestFlyweight extends ManageTransactionHeaderFlyweight
{
    /** {@code flags} bit: destroy even with active workloads. */
    public static final int FLAG_FORCE = 1;

    public static final int PARTITION_ID_OFFSET = HEADER_LENGTH;
    public static final int FLAGS_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int LENGTH = FLAGS_OFFSET + Integer.BYTES;

    @Override
    public PartDestroyRequestFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public PartDestroyRequestFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public PartDestroyRequestFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }
}

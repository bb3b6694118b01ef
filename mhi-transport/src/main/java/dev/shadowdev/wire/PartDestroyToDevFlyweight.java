package dev.shadowdev.wire;

/**
 * {@link WireTypes#PART_DESTROY_TO_DEV} (extension): the body of node PART_DESTROY (ABI.md 1.3).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x104                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   partition_id (i32)                          |  8
 *  +---------------------------------------------------------------+
 *  |                   flags, bit0 FORCE                           | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartDestroyToDevFlyweight extends WireTransactionHeaderFlyweight
{
    /** Flag: destroy even with active workloads (they are terminated). */
    public static final int FLAG_FORCE = 1;

    public static final int PARTITION_ID_OFFSET = HEADER_LENGTH;
    public static final int FLAGS_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int LENGTH = FLAGS_OFFSET + Integer.BYTES;

    @Override
    public PartDestroyToDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public PartDestroyToDevFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public PartDestroyToDevFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }
}

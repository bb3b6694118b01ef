package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_validate_part_to_dev}: {@link WireTypes#VALIDATE_PARTITION_TO_DEV}, is this partition
 * ID valid (asked before a shadow node is created).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 20                                     |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   part_id (i32)                               |  8
 *  +---------------------------------------------------------------+
 *  |                   padding 0                                   | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ValidatePartitionToDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int PART_ID_OFFSET = HEADER_LENGTH;
    public static final int PADDING_OFFSET = PART_ID_OFFSET + Integer.BYTES;
    public static final int LENGTH = PADDING_OFFSET + Integer.BYTES;

    @Override
    public ValidatePartitionToDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int partId()
    {
        return buffer.getInt(offset + PART_ID_OFFSET);
    }

    public ValidatePartitionToDevFlyweight partId(final int partId)
    {
        buffer.putInt(offset + PART_ID_OFFSET, partId);
        return this;
    }
}

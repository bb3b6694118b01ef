package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_validate_part_from_dev}: {@link WireTypes#VALIDATE_PARTITION_FROM_DEV}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 19                                     |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 valid, -ENOENT not)          |  8
 *  +---------------------------------------------------------------+
 *  |                   padding 0                                   | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ValidatePartitionFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int PADDING_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int LENGTH = PADDING_OFFSET + Integer.BYTES;

    @Override
    public ValidatePartitionFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public ValidatePartitionFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }
}

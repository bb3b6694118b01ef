package dev.shadowdev.wire;

/**
 * {@link WireTypes#PART_CREATE_FROM_DEV} (extension): a leading status, then the node PART_CREATE response body
 * (ABI.md 1.3). On -ENOSPC {@code short_mask} bit i names each short resource i.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x103                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len 24                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   partition_id (i32)                          | 16
 *  +---------------------------------------------------------------+
 *  |                   short_mask                                  | 20
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartCreateFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int RESERVED_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int PARTITION_ID_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    public static final int SHORT_MASK_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int LENGTH = SHORT_MASK_OFFSET + Integer.BYTES;

    @Override
    public PartCreateFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public PartCreateFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public PartCreateFromDevFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int shortMask()
    {
        return buffer.getInt(offset + SHORT_MASK_OFFSET);
    }

    public PartCreateFromDevFlyweight shortMask(final int shortMask)
    {
        buffer.putInt(offset + SHORT_MASK_OFFSET, shortMask);
        return this;
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#PART_CREATE} (ABI.md 1.3). On -ENOSPC {@code short_mask} bit i
 * names each short resource i.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0102                                 |  0
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
public final class PartCreateResponseFlyweight extends ManageResponseTransactionHeaderFlyweight
{
    public static final int PARTITION_ID_OFFSET = HEADER_LENGTH;
    public static final int SHORT_MASK_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int LENGTH = SHORT_MASK_OFFSET + Integer.BYTES;

    @Override
    public PartCreateResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public PartCreateResponseFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int shortMask()
    {
        return buffer.getInt(offset + SHORT_MASK_OFFSET);
    }

    public PartCreateResponseFlyweight shortMask(final int shortMask)
    {
        buffer.putInt(offset + SHORT_MASK_OFFSET, shortMask);
        return this;
    }
}

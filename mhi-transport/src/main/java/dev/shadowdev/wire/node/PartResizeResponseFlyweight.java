package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#PART_RESIZE} (ABI.md 6.1).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0106                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len 24                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   short_mask (resources short or at their limit)
 *  +---------------------------------------------------------------+
 *  |                   preempted (workloads preempted to make it so)
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartResizeResponseFlyweight extends ManageResponseTransactionHeaderFlyweight
{
    public static final int SHORT_MASK_OFFSET = HEADER_LENGTH;
    public static final int PREEMPTED_OFFSET = SHORT_MASK_OFFSET + Integer.BYTES;
    public static final int LENGTH = PREEMPTED_OFFSET + Integer.BYTES;

    @Override
    public PartResizeResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int shortMask()
    {
        return buffer.getInt(offset + SHORT_MASK_OFFSET);
    }

    public PartResizeResponseFlyweight shortMask(final int value)
    {
        buffer.putInt(offset + SHORT_MASK_OFFSET, value);
        return this;
    }

    public int preempted()
    {
        return buffer.getInt(offset + PREEMPTED_OFFSET);
    }

    public PartResizeResponseFlyweight preempted(final int value)
    {
        buffer.putInt(offset + PREEMPTED_OFFSET, value);
        return this;
    }
}

package dev.shadowdev.wire;

/**
 * {@link WireTypes#PART_RESIZE_FROM_DEV} (extension, ABI.md 6.1): a leading status, then the node PART_RESIZE response body.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x10D                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len 24                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   short_mask                                  | 16
 *  +---------------------------------------------------------------+
 *  |                   preempted                                   | 20
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartResizeFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int RESERVED_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int SHORT_MASK_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    public static final int PREEMPTED_OFFSET = SHORT_MASK_OFFSET + Integer.BYTES;
    public static final int LENGTH = PREEMPTED_OFFSET + Integer.BYTES;

    @Override
    public PartResizeFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public PartResizeFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }

    public int shortMask()
    {
        return buffer.getInt(offset + SHORT_MASK_OFFSET);
    }

    public PartResizeFromDevFlyweight shortMask(final int value)
    {
        buffer.putInt(offset + SHORT_MASK_OFFSET, value);
        return this;
    }

    public int preempted()
    {
        return buffer.getInt(offset + PREEMPTED_OFFSET);
    }

    public PartResizeFromDevFlyweight preempted(final int value)
    {
        buffer.putInt(offset + PREEMPTED_OFFSET, value);
        return this;
    }
}

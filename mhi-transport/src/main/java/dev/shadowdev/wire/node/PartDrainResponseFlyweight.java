package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#PART_DRAIN} (ABI.md 6.1).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0107                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len 24                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   active_workloads (when the drain began)
 *  +---------------------------------------------------------------+
 *  |                   reserved 0
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartDrainResponseFlyweight extends ManageResponseTransactionHeaderFlyweight
{
    public static final int ACTIVE_WORKLOADS_OFFSET = HEADER_LENGTH;
    public static final int RESERVED_FIELD_OFFSET = ACTIVE_WORKLOADS_OFFSET + Integer.BYTES;
    public static final int LENGTH = RESERVED_FIELD_OFFSET + Integer.BYTES;

    @Override
    public PartDrainResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int activeWorkloads()
    {
        return buffer.getInt(offset + ACTIVE_WORKLOADS_OFFSET);
    }

    public PartDrainResponseFlyweight activeWorkloads(final int value)
    {
        buffer.putInt(offset + ACTIVE_WORKLOADS_OFFSET, value);
        return this;
    }

    public int reservedField()
    {
        return buffer.getInt(offset + RESERVED_FIELD_OFFSET);
    }

    public PartDrainResponseFlyweight reservedField(final int value)
    {
        buffer.putInt(offset + RESERVED_FIELD_OFFSET, value);
        return this;
    }
}

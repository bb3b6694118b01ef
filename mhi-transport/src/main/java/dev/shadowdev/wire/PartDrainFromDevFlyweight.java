package dev.shadowdev.wire;

/**
 * {@link WireTypes#PART_DRAIN_FROM_DEV} (extension, ABI.md 6.1): a leading status, then the node PART_DRAIN response body.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x10F                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len 24                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   active_workloads                            | 16
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 20
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartDrainFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int RESERVED_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int ACTIVE_WORKLOADS_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    public static final int BODY_RESERVED_OFFSET = ACTIVE_WORKLOADS_OFFSET + Integer.BYTES;
    public static final int LENGTH = BODY_RESERVED_OFFSET + Integer.BYTES;

    @Override
    public PartDrainFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public PartDrainFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }

    public int activeWorkloads()
    {
        return buffer.getInt(offset + ACTIVE_WORKLOADS_OFFSET);
    }

    public PartDrainFromDevFlyweight activeWorkloads(final int value)
    {
        buffer.putInt(offset + ACTIVE_WORKLOADS_OFFSET, value);
        return this;
    }

    public int bodyReserved()
    {
        return buffer.getInt(offset + BODY_RESERVED_OFFSET);
    }

    public PartDrainFromDevFlyweight bodyReserved(final int value)
    {
        buffer.putInt(offset + BODY_RESERVED_OFFSET, value);
        return this;
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#STATUS} (ABI.md 1.3): the firmware's control protocol version and
 * status, as {@link dev.shadowdev.wire.StatusFromDevFlyweight} reports them.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x000C                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len 32                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +-------------------------------+-------------------------------+
 *  |          major (u16)          |          minor (u16)          | 16
 *  +-------------------------------+-------------------------------+
 *  |                   status (firmware status)                    | 20
 *  +---------------------------------------------------------------+
 *  |                   flags (u64)                                 | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class StatusResponseFlyweight extends ManageResponseTransactionHeaderFlyweight
{
    public static final int MAJOR_OFFSET = HEADER_LENGTH;
    public static final int MINOR_OFFSET = MAJOR_OFFSET + Short.BYTES;
    public static final int FW_STATUS_OFFSET = MINOR_OFFSET + Short.BYTES;
    public static final int FLAGS_OFFSET = FW_STATUS_OFFSET + Integer.BYTES;
    public static final int LENGTH = FLAGS_OFFSET + Long.BYTES;

    @Override
    public StatusResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int major()
    {
        return buffer.getUnsignedShort(offset + MAJOR_OFFSET);
    }

    public StatusResponseFlyweight major(final int major)
    {
        buffer.putShort(offset + MAJOR_OFFSET, major);
        return this;
    }

    public int minor()
    {
        return buffer.getUnsignedShort(offset + MINOR_OFFSET);
    }

    public StatusResponseFlyweight minor(final int minor)
    {
        buffer.putShort(offset + MINOR_OFFSET, minor);
        return this;
    }

    public int fwStatus()
    {
        return buffer.getInt(offset + FW_STATUS_OFFSET);
    }

    public StatusResponseFlyweight fwStatus(final int fwStatus)
    {
        buffer.putInt(offset + FW_STATUS_OFFSET, fwStatus);
        return this;
    }

    public long flags()
    {
        return buffer.getLong(offset + FLAGS_OFFSET);
    }

    public StatusResponseFlyweight flags(final long flags)
    {
        buffer.putLong(offset + FLAGS_OFFSET, flags);
        return this;
    }
}

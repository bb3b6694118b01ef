package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_status_from_dev}: {@link WireTypes#STATUS_FROM_DEV}, the answer to the header-only
 * STATUS_TO_DEV the driver sends first: control protocol version and whether the device wants CRCs.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 14                                     |  0
 *  +---------------------------------------------------------------+
 *  |                   len 24                                      |  4
 *  +-------------------------------+-------------------------------+
 *  |          major (u16)          |          minor (u16)          |  8
 *  +-------------------------------+-------------------------------+
 *  |                   status (i32, 0 or -errno)                   | 12
 *  +---------------------------------------------------------------+
 *  |                   status_flags (u64), bit0 CRC required       | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * (In the diagram the u16 at offset 8 is drawn first; on the wire its low byte is byte 8.)
 */
public final class StatusFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    /** Control protocol major version the driver accepts. */
    public static final int PROTOCOL_MAJOR = 5;
    /** Highest minor version the driver accepts. */
    public static final int PROTOCOL_MINOR = 0;
    /** {@code status_flags} bit: the device checks and generates CRCs. */
    public static final long FLAG_CRC_REQUIRED = 1L;

    public static final int MAJOR_OFFSET = HEADER_LENGTH;
    public static final int MINOR_OFFSET = MAJOR_OFFSET + Short.BYTES;
    public static final int STATUS_OFFSET = MINOR_OFFSET + Short.BYTES;
    public static final int STATUS_FLAGS_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int LENGTH = STATUS_FLAGS_OFFSET + Long.BYTES;

    @Override
    public StatusFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int major()
    {
        return buffer.getUnsignedShort(offset + MAJOR_OFFSET);
    }

    public StatusFromDevFlyweight major(final int major)
    {
        buffer.putShort(offset + MAJOR_OFFSET, major);
        return this;
    }

    public int minor()
    {
        return buffer.getUnsignedShort(offset + MINOR_OFFSET);
    }

    public StatusFromDevFlyweight minor(final int minor)
    {
        buffer.putShort(offset + MINOR_OFFSET, minor);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public StatusFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }

    public long statusFlags()
    {
        return buffer.getLong(offset + STATUS_FLAGS_OFFSET);
    }

    public StatusFromDevFlyweight statusFlags(final long statusFlags)
    {
        buffer.putLong(offset + STATUS_FLAGS_OFFSET, statusFlags);
        return this;
    }

    /** @return true when {@link #FLAG_CRC_REQUIRED} is set. */
    public boolean crcRequired()
    {
        return (statusFlags() & FLAG_CRC_REQUIRED) != 0;
    }
}

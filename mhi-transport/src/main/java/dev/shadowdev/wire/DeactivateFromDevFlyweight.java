package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_deactivate_from_dev}: {@link WireTypes#DEACTIVATE_FROM_DEV}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 11                                     |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   dbc_id                                      | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class DeactivateFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int DBC_ID_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int LENGTH = DBC_ID_OFFSET + Integer.BYTES;

    @Override
    public DeactivateFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public DeactivateFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }

    public int dbcId()
    {
        return buffer.getInt(offset + DBC_ID_OFFSET);
    }

    public DeactivateFromDevFlyweight dbcId(final int dbcId)
    {
        buffer.putInt(offset + DBC_ID_OFFSET, dbcId);
        return this;
    }
}

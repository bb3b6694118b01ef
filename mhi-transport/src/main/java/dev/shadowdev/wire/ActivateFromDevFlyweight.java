package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_activate_from_dev}: {@link WireTypes#ACTIVATE_FROM_DEV}. On success {@code options} is
 * the core mask the workload was placed on; on -ENOSPC it is the short mask (bit i = resource i is short,
 * {@link dev.shadowdev.abi.Resource#bit()}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 8                                      |  0
 *  +---------------------------------------------------------------+
 *  |                   len 24                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   dbc_id                                      | 12
 *  +---------------------------------------------------------------+
 *  |                   options (u64): core_mask, short_mask        | 16
 *  |                   on -ENOSPC                                  |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ActivateFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int DBC_ID_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int OPTIONS_OFFSET = DBC_ID_OFFSET + Integer.BYTES;
    public static final int LENGTH = OPTIONS_OFFSET + Long.BYTES;

    @Override
    public ActivateFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public ActivateFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }

    public int dbcId()
    {
        return buffer.getInt(offset + DBC_ID_OFFSET);
    }

    public ActivateFromDevFlyweight dbcId(final int dbcId)
    {
        buffer.putInt(offset + DBC_ID_OFFSET, dbcId);
        return this;
    }

    public long options()
    {
        return buffer.getLong(offset + OPTIONS_OFFSET);
    }

    public ActivateFromDevFlyweight options(final long options)
    {
        buffer.putLong(offset + OPTIONS_OFFSET, options);
        return this;
    }
}

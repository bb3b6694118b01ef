package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#ACTIVATE} (ABI.md 1.3). On -ENOSPC {@code short_mask} bit i names
 * each short resource i ({@link dev.shadowdev.abi.Resource#bit()}); on success {@code core_mask} shows the cores the
 * workload was placed on.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0007                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len 32                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   dbc_id                                      | 16
 *  +---------------------------------------------------------------+
 *  |                   short_mask                                  | 20
 *  +---------------------------------------------------------------+
 *  |                   core_mask (u64)                             | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ActivateResponseFlyweight extends ManageResponseTransactionHeaderFlyweight
{
    public static final int DBC_ID_OFFSET = HEADER_LENGTH;
    public static final int SHORT_MASK_OFFSET = DBC_ID_OFFSET + Integer.BYTES;
    public static final int CORE_MASK_OFFSET = SHORT_MASK_OFFSET + Integer.BYTES;
    public static final int LENGTH = CORE_MASK_OFFSET + Long.BYTES;

    @Override
    public ActivateResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int dbcId()
    {
        return buffer.getInt(offset + DBC_ID_OFFSET);
    }

    public ActivateResponseFlyweight dbcId(final int dbcId)
    {
        buffer.putInt(offset + DBC_ID_OFFSET, dbcId);
        return this;
    }

    public int shortMask()
    {
        return buffer.getInt(offset + SHORT_MASK_OFFSET);
    }

    public ActivateResponseFlyweight shortMask(final int shortMask)
    {
        buffer.putInt(offset + SHORT_MASK_OFFSET, shortMask);
        return this;
    }

    public long coreMask()
    {
        return buffer.getLong(offset + CORE_MASK_OFFSET);
    }

    public ActivateResponseFlyweight coreMask(final long coreMask)
    {
        buffer.putLong(offset + CORE_MASK_OFFSET, coreMask);
        return this;
    }
}

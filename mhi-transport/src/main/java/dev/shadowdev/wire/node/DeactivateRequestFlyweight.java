package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Request body of node {@link NodeTypes#DEACTIVATE} (ABI.md 1.3): release the DMA bridge channel of an
 * active workload. The response has no body.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x000A                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   dbc_id                                      |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved, must be 0                         | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class DeactivateRequestFlyweight extends ManageTransactionHeaderFlyweight
{
    public static final int DBC_ID_OFFSET = HEADER_LENGTH;
    public static final int RESERVED_OFFSET = DBC_ID_OFFSET + Integer.BYTES;
    public static final int LENGTH = RESERVED_OFFSET + Integer.BYTES;

    @Override
    public DeactivateRequestFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int dbcId()
    {
        return buffer.getInt(offset + DBC_ID_OFFSET);
    }

    public DeactivateRequestFlyweight dbcId(final int dbcId)
    {
        buffer.putInt(offset + DBC_ID_OFFSET, dbcId);
        return this;
    }
}

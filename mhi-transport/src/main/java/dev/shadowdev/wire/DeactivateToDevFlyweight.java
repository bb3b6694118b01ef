package dev.shadowdev.wire;

/**
 * {@link WireTypes#DEACTIVATE_TO_DEV} (extension 0x100): release the DMA bridge channel of an active workload.
 * Answered by qaic's {@link DeactivateFromDevFlyweight}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x100                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   dbc_id                                      |  8
 *  +---------------------------------------------------------------+
 *  |                   padding 0                                   | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class DeactivateToDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int DBC_ID_OFFSET = HEADER_LENGTH;
    public static final int PADDING_OFFSET = DBC_ID_OFFSET + Integer.BYTES;
    public static final int LENGTH = PADDING_OFFSET + Integer.BYTES;

    @Override
    public DeactivateToDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int dbcId()
    {
        return buffer.getInt(offset + DBC_ID_OFFSET);
    }

    public DeactivateToDevFlyweight dbcId(final int dbcId)
    {
        buffer.putInt(offset + DBC_ID_OFFSET, dbcId);
        return this;
    }
}

package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_passthrough}: {@link WireTypes#PASSTHROUGH_TO_DEV} (host data for the firmware) and
 * {@link WireTypes#PASSTHROUGH_FROM_DEV} (the firmware's answer; shadowdev's firmware echoes the data). The one
 * layout of a passthrough: the node ABI's PASSTHROUGH request (ABI.md 1.3) is the same bytes and is read with
 * this class, and its response frames the same data after a 16-byte response header
 * ({@code PassthroughResponseFlyweight}, which moves {@link #dataOffset()}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 4 (TO_DEV) / 3 (FROM_DEV)              |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 8 + data length, multiple of 8        |  4
 *  +---------------------------------------------------------------+
 *  |                   data ... (opaque, padded by the sender)     |  8
 * </pre>
 */
public class PassthroughFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int DATA_OFFSET = HEADER_LENGTH;
    /** Length of an empty passthrough. */
    public static final int LENGTH = DATA_OFFSET;

    @Override
    public PassthroughFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** @return the index of the first data byte in {@link #buffer()}. */
    public final int dataIndex()
    {
        return offset + dataOffset();
    }

    /** @return {@code len} less the header before the data. */
    public final int dataLength()
    {
        return len() - dataOffset();
    }

    /** @return where the data starts in the transaction: {@link #DATA_OFFSET}, after the 8-byte header. */
    protected int dataOffset()
    {
        return DATA_OFFSET;
    }
}

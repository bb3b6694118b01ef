package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#EXECUTE} (ABI.md 1.3): the workload's output, padded with zeros to a
 * multiple of 8.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0101                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 24 + data_len padded to 8             |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   dbc_id                                      | 16
 *  +---------------------------------------------------------------+
 *  |                   data_len                                    | 20
 *  +---------------------------------------------------------------+
 *  |                   data ... (padded to 8)                      | 24
 * </pre>
 */
public final class ExecuteResponseFlyweight extends ManageResponseTransactionHeaderFlyweight
{
    public static final int DBC_ID_OFFSET = HEADER_LENGTH;
    public static final int DATA_LEN_OFFSET = DBC_ID_OFFSET + Integer.BYTES;
    public static final int DATA_OFFSET = DATA_LEN_OFFSET + Integer.BYTES;
    /** Length without data. */
    public static final int LENGTH = DATA_OFFSET;

    @Override
    public ExecuteResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int dbcId()
    {
        return buffer.getInt(offset + DBC_ID_OFFSET);
    }

    public ExecuteResponseFlyweight dbcId(final int dbcId)
    {
        buffer.putInt(offset + DBC_ID_OFFSET, dbcId);
        return this;
    }

    public int dataLen()
    {
        return buffer.getInt(offset + DATA_LEN_OFFSET);
    }

    public ExecuteResponseFlyweight dataLen(final int dataLen)
    {
        buffer.putInt(offset + DATA_LEN_OFFSET, dataLen);
        return this;
    }

    /** @return the transaction length for {@code dataLen} bytes of data padded to 8 (a long: no overflow). */
    public static long lengthFor(final long dataLen)
    {
        return LENGTH + ((dataLen + 7) & ~7L);
    }

    /** @return the index of the first data byte in {@link #buffer()}. */
    public int dataIndex()
    {
        return offset + DATA_OFFSET;
    }
}

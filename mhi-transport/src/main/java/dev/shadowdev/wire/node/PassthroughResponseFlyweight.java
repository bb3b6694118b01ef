package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#PASSTHROUGH} (ABI.md 1.3): the request's data, echoed.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0001                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 16 + data length                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   data ...                                    | 16
 * </pre>
 */
public final class PassthroughResponseFlyweight extends ManageResponseTransactionHeaderFlyweight
{
    public static final int DATA_OFFSET = HEADER_LENGTH;
    /** Length without data. */
    public static final int LENGTH = DATA_OFFSET;

    @Override
    public PassthroughResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** @return the index of the first data byte in {@link #buffer()}. */
    public int dataIndex()
    {
        return offset + DATA_OFFSET;
    }

    /** @return {@code len - 16}. */
    public int dataLength()
    {
        return len() - DATA_OFFSET;
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#PASSTHROUGH} (ABI.md 1.3): the request's data, echoed. The passthrough
 * layout ({@link PassthroughFlyweight}) framed by the response transaction header
 * ({@link ManageResponseTransactionHeaderFlyweight}: type, len, status, reserved), so the data starts at 16.
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
public final class PassthroughResponseFlyweight extends PassthroughFlyweight
{
    /** Where the data starts: after the response transaction header. */
    public static final int DATA_OFFSET = ManageResponseTransactionHeaderFlyweight.HEADER_LENGTH;
    /** Length without data. */
    public static final int LENGTH = DATA_OFFSET;

    @Override
    public PassthroughResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** @return the transaction's status (0 or -errno). */
    public int status()
    {
        return buffer.getInt(offset + ManageResponseTransactionHeaderFlyweight.STATUS_OFFSET);
    }

    @Override
    protected int dataOffset()
    {
        return DATA_OFFSET;
    }
}

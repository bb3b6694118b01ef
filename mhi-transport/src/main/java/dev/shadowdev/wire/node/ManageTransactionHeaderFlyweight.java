package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;

/**
 * The header of a transaction in a manage message (ABI.md 1.1), and the base of every request body flyweight
 * (each wraps at the transaction start and adds its body after this header). The same 8 bytes as a control wire
 * transaction's header, so the layout is {@link WireTransactionHeaderFlyweight}'s.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type ({@link NodeTypes})                    |  0
 *  +---------------------------------------------------------------+
 *  |                   len (header included, multiple of 8)        |  4
 *  +---------------------------------------------------------------+
 *  |                   body ...                                    |  8
 * </pre>
 */
public class ManageTransactionHeaderFlyweight extends WireTransactionHeaderFlyweight
{
    @Override
    public ManageTransactionHeaderFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }
}

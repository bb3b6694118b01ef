package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireFlyweight;

/**
 * The header of a transaction in a manage message (ABI.md 1.1), and the base of every request body flyweight
 * (each wraps at the transaction start and adds its body after this header).
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
public class ManageTransactionHeaderFlyweight extends WireFlyweight
{
    public static final int TYPE_OFFSET = 0;
    public static final int LEN_OFFSET = TYPE_OFFSET + Integer.BYTES;
    /** Length of the header; the body starts here. */
    public static final int HEADER_LENGTH = LEN_OFFSET + Integer.BYTES;

    @Override
    public ManageTransactionHeaderFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int type()
    {
        return buffer.getInt(offset + TYPE_OFFSET);
    }

    public ManageTransactionHeaderFlyweight type(final int type)
    {
        buffer.putInt(offset + TYPE_OFFSET, type);
        return this;
    }

    public int len()
    {
        return buffer.getInt(offset + LEN_OFFSET);
    }

    public ManageTransactionHeaderFlyweight len(final int len)
    {
        buffer.putInt(offset + LEN_OFFSET, len);
        return this;
    }
}

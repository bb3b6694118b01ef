package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireFlyweight;

/**
 * The header of a response transaction (ABI.md 1.2), and the base of every response body flyweight. {@code type}
 * is the request transaction's type; {@code status} is that transaction's outcome.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type (= the request's, {@link NodeTypes})   |  0
 *  +---------------------------------------------------------------+
 *  |                   len (header included, multiple of 8)        |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   body ...                                    | 16
 * </pre>
 */
public class ManageResponseTransactionHeaderFlyweight extends WireFlyweight
{
    public static final int TYPE_OFFSET = 0;
    public static final int LEN_OFFSET = TYPE_OFFSET + Integer.BYTES;
    public static final int STATUS_OFFSET = LEN_OFFSET + Integer.BYTES;
    public static final int RESERVED_OFFSET = STATUS_OFFSET + Integer.BYTES;
    /** Length of the header; the body starts here. */
    public static final int HEADER_LENGTH = RESERVED_OFFSET + Integer.BYTES;

    @Override
    public ManageResponseTransactionHeaderFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int type()
    {
        return buffer.getInt(offset + TYPE_OFFSET);
    }

    public ManageResponseTransactionHeaderFlyweight type(final int type)
    {
        buffer.putInt(offset + TYPE_OFFSET, type);
        return this;
    }

    public int len()
    {
        return buffer.getInt(offset + LEN_OFFSET);
    }

    public ManageResponseTransactionHeaderFlyweight len(final int len)
    {
        buffer.putInt(offset + LEN_OFFSET, len);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public ManageResponseTransactionHeaderFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.MessageLayout;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireFlyweight;

/**
 * The manage message of the node ABI (ABI.md 1.1): what one {@code write()} on a node submits, a 16-byte header
 * followed by {@code count} transactions ({@link ManageTransactionHeaderFlyweight} each).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   len (whole message, 16..65536)              |  0
 *  +---------------------------------------------------------------+
 *  |                   count (transactions, 1..512)                |  4
 *  +---------------------------------------------------------------+
 *  |                   tag (client's, echoed in the response)      |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved, must be 0                         | 12
 *  +---------------------------------------------------------------+
 *  |                   transactions ...                            | 16
 * </pre>
 * {@link ManageMessageValidator} checks every rule before the driver reads a field.
 */
public final class ManageMessageFlyweight extends WireFlyweight
{
    /** Longest manage message, header included. */
    public static final int MAX_LENGTH = 65536;
    /** Most transactions in one message. */
    public static final int MAX_COUNT = 512;

    public static final int LEN_OFFSET = 0;
    public static final int COUNT_OFFSET = LEN_OFFSET + Integer.BYTES;
    public static final int TAG_OFFSET = COUNT_OFFSET + Integer.BYTES;
    public static final int RESERVED_OFFSET = TAG_OFFSET + Integer.BYTES;
    /** Length of the header; the first transaction starts here. */
    public static final int LENGTH = RESERVED_OFFSET + Integer.BYTES;

    /**
     * The header as the framing rules read it ({@link dev.shadowdev.wire.TransactionFraming#checkHeader}); a
     * response's header ({@link ManageResponseFlyweight}) has {@code len} and {@code count} at the same places.
     */
    public static final MessageLayout LAYOUT = new MessageLayout(LENGTH, LEN_OFFSET, COUNT_OFFSET, MAX_COUNT,
        RESERVED_OFFSET, "bad reserved: reserved=%d", MessageLayout.NO_MAGIC, 0);

    @Override
    public ManageMessageFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int len()
    {
        return buffer.getInt(offset + LEN_OFFSET);
    }

    public ManageMessageFlyweight len(final int len)
    {
        buffer.putInt(offset + LEN_OFFSET, len);
        return this;
    }

    public int count()
    {
        return buffer.getInt(offset + COUNT_OFFSET);
    }

    public ManageMessageFlyweight count(final int count)
    {
        buffer.putInt(offset + COUNT_OFFSET, count);
        return this;
    }

    public int tag()
    {
        return buffer.getInt(offset + TAG_OFFSET);
    }

    public ManageMessageFlyweight tag(final int tag)
    {
        buffer.putInt(offset + TAG_OFFSET, tag);
        return this;
    }

    public int reserved()
    {
        return buffer.getInt(offset + RESERVED_OFFSET);
    }

    public ManageMessageFlyweight reserved(final int reserved)
    {
        buffer.putInt(offset + RESERVED_OFFSET, reserved);
        return this;
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.MessageLayout;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireFlyweight;

/**
 * The response of the node ABI (ABI.md 1.2): what one {@code read()} on a node returns, a 16-byte header followed
 * by one {@link ManageResponseTransactionHeaderFlyweight response transaction} per request transaction, in order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   len (whole response, at most 131072)        |  0
 *  +---------------------------------------------------------------+
 *  |                   count (response transactions)               |  4
 *  +---------------------------------------------------------------+
 *  |                   tag (the request's)                         |  8
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno for the message)   | 12
 *  +---------------------------------------------------------------+
 *  |                   response transactions ...                   | 16
 * </pre>
 */
public final class ManageResponseFlyweight extends WireFlyweight
{
    /** Longest response, header included. */
    public static final int MAX_LENGTH = 131072;

    public static final int LEN_OFFSET = 0;
    public static final int COUNT_OFFSET = LEN_OFFSET + Integer.BYTES;
    public static final int TAG_OFFSET = COUNT_OFFSET + Integer.BYTES;
    public static final int STATUS_OFFSET = TAG_OFFSET + Integer.BYTES;
    /** Length of the header; the first response transaction starts here. */
    public static final int LENGTH = STATUS_OFFSET + Integer.BYTES;

    /**
     * The header as the framing rules read it: {@code len} and {@code count} where a manage message has them, one
     * response transaction per request transaction (so at most {@link ManageMessageFlyweight#MAX_COUNT}), and the
     * status word in the place of the message's reserved word.
     */
    public static final MessageLayout LAYOUT = new MessageLayout(LENGTH, LEN_OFFSET, COUNT_OFFSET,
        ManageMessageFlyweight.MAX_COUNT, STATUS_OFFSET, "bad status: status=%d", MessageLayout.NO_MAGIC, 0);

    @Override
    public ManageResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int len()
    {
        return buffer.getInt(offset + LEN_OFFSET);
    }

    public ManageResponseFlyweight len(final int len)
    {
        buffer.putInt(offset + LEN_OFFSET, len);
        return this;
    }

    public int count()
    {
        return buffer.getInt(offset + COUNT_OFFSET);
    }

    public ManageResponseFlyweight count(final int count)
    {
        buffer.putInt(offset + COUNT_OFFSET, count);
        return this;
    }

    public int tag()
    {
        return buffer.getInt(offset + TAG_OFFSET);
    }

    public ManageResponseFlyweight tag(final int tag)
    {
        buffer.putInt(offset + TAG_OFFSET, tag);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public ManageResponseFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }
}

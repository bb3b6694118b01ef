package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_terminate_to_dev}: {@link WireTypes#TERMINATE_TO_DEV}, free everything the user handle
 * owns (sent when a session closes).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 17                                     |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   handle (user handle to clean up)            |  8
 *  +---------------------------------------------------------------+
 *  |                   padding 0                                   | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class TerminateToDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int HANDLE_OFFSET = HEADER_LENGTH;
    public static final int PADDING_OFFSET = HANDLE_OFFSET + Integer.BYTES;
    public static final int LENGTH = PADDING_OFFSET + Integer.BYTES;

    @Override
    public TerminateToDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int handle()
    {
        return buffer.getInt(offset + HANDLE_OFFSET);
    }

    public TerminateToDevFlyweight handle(final int handle)
    {
        buffer.putInt(offset + HANDLE_OFFSET, handle);
        return this;
    }
}

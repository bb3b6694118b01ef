package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Request body of node {@link NodeTypes#ACTIVATE} (ABI.md 1.3): admit the image in {@code slot} against the
 * node's pool. Answered by {@link ActivateResponseFlyweight}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0007                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   slot                                        |  8
 *  +---------------------------------------------------------------+
 *  |                   options, must be 0                          | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ActivateRequestFlyweight extends ManageTransactionHeaderFlyweight
{
    public static final int SLOT_OFFSET = HEADER_LENGTH;
    public static final int OPTIONS_OFFSET = SLOT_OFFSET + Integer.BYTES;
    public static final int LENGTH = OPTIONS_OFFSET + Integer.BYTES;

    @Override
    public ActivateRequestFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int slot()
    {
        return buffer.getInt(offset + SLOT_OFFSET);
    }

    public ActivateRequestFlyweight slot(final int slot)
    {
        buffer.putInt(offset + SLOT_OFFSET, slot);
        return this;
    }

    public int options()
    {
        return buffer.getInt(offset + OPTIONS_OFFSET);
    }

    public ActivateRequestFlyweight options(final int options)
    {
        buffer.putInt(offset + OPTIONS_OFFSET, options);
        return this;
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.MessageBuilder;
import dev.shadowdev.wire.MessageLayout;

/**
 * What a manage message (ABI.md 1.1) and a node response (ABI.md 1.2) share: a 16-byte header
 * {@code u32 len, u32 count, u32 tag, u32 reserved|status} ({@link ManageMessageFlyweight#LAYOUT}), then
 * transactions appended back to back within a limit ({@link MessageBuilder}). The writers of the two directions add
 * their own transaction bodies.
 */
abstract class NodeMessageWriter extends MessageBuilder
{
    /** {@code reserved} in a manage message, {@code status} in a response (the same place in both headers). */
    private static final int WORD3_OFFSET = ManageMessageFlyweight.RESERVED_OFFSET;

    NodeMessageWriter(final MessageLayout layout, final int maxLength)
    {
        super(layout, maxLength);
    }

    /** @return 0, or {@link #INSUFFICIENT_CAPACITY} when the header does not fit. */
    public final int begin(final int tag)
    {
        final int begun = beginHeader();
        if (begun == 0)
        {
            buffer.putInt(messageOffset + ManageMessageFlyweight.TAG_OFFSET, tag);
        }
        return begun;
    }

    /** Store {@code len}, {@code count} and the header's last word. */
    final void storeHeader(final int word3)
    {
        storeLenAndCount();
        buffer.putInt(messageOffset + WORD3_OFFSET, word3);
    }
}

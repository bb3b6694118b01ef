package dev.shadowdev.wire.node;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.WireBuffer;

/**
 * What a manage message (ABI.md 1.1) and a node response (ABI.md 1.2) share: a 16-byte header
 * {@code u32 len, u32 count, u32 tag, u32 reserved|status}, then transactions appended back to back within a limit.
 * The writers of the two directions add their own transaction headers and bodies.
 */
abstract class NodeMessageWriter
{
    /** Returned by an append that does not fit. */
    public static final int INSUFFICIENT_CAPACITY = Errno.EMSGSIZE.status();

    /** Offsets of the header both directions share (the manage message's and the response's are the same). */
    static final int LEN_OFFSET = ManageMessageFlyweight.LEN_OFFSET;
    static final int COUNT_OFFSET = ManageMessageFlyweight.COUNT_OFFSET;
    static final int TAG_OFFSET = ManageMessageFlyweight.TAG_OFFSET;
    /** {@code reserved} in a manage message, {@code status} in a response. */
    static final int WORD3_OFFSET = ManageMessageFlyweight.RESERVED_OFFSET;
    static final int HEADER_LENGTH = ManageMessageFlyweight.LENGTH;

    private final int maxLength;
    WireBuffer buffer;
    int messageOffset;
    int limit;
    int length;
    int count;

    NodeMessageWriter(final int maxLength)
    {
        this.maxLength = maxLength;
    }

    /** Point at {@code capacity} bytes from {@code offset}; the limit is the smaller of that and the maximum. */
    final void wrapAt(final WireBuffer buffer, final int offset, final int capacity)
    {
        this.buffer = buffer;
        this.messageOffset = offset;
        this.limit = Math.min(Math.min(capacity, buffer.capacity() - offset), maxLength);
        this.length = 0;
        this.count = 0;
    }

    /** @return 0, or {@link #INSUFFICIENT_CAPACITY} when the header does not fit. */
    public final int begin(final int tag)
    {
        length = 0;
        count = 0;
        if (limit < HEADER_LENGTH)
        {
            return INSUFFICIENT_CAPACITY;
        }
        buffer.putInt(messageOffset + LEN_OFFSET, HEADER_LENGTH);
        buffer.putInt(messageOffset + COUNT_OFFSET, 0);
        buffer.putInt(messageOffset + TAG_OFFSET, tag);
        buffer.putInt(messageOffset + WORD3_OFFSET, 0);
        length = HEADER_LENGTH;
        return 0;
    }

    /** Store {@code len}, {@code count} and the header's last word. */
    final void storeHeader(final int word3)
    {
        buffer.putInt(messageOffset + LEN_OFFSET, length);
        buffer.putInt(messageOffset + COUNT_OFFSET, count);
        buffer.putInt(messageOffset + WORD3_OFFSET, word3);
    }

    /** @return bytes written so far, header included. */
    public final int length()
    {
        return length;
    }

    /** @return transactions appended so far. */
    public final int count()
    {
        return count;
    }
}

package dev.shadowdev.wire;

/**
 * Iterates the transactions of a message in place, without allocating: wrap, then {@code while (cursor.next())}
 * read {@link #type()}, {@link #length()} and {@link #offset()} (wrap the matching flyweight there). Works for wire
 * messages and for node manage messages and responses (their transaction headers all start {@code u32 type,
 * u32 len}).
 * <p>
 * Meant for messages that passed validation, but safe on any bytes: {@link #next()} stops (returns false) instead
 * of reading past the message or the buffer, and {@link #isComplete()} tells whether all {@code count}
 * transactions were seen.
 */
public final class TransactionCursor
{
    private WireBuffer buffer;
    private int position;
    private int end;
    private int count;
    private int index;
    private int offset;
    private int type;
    private int length;

    /**
     * @param start offset of the first transaction.
     * @param end   offset just past the message.
     * @param count transactions to visit.
     * @return this.
     */
    public TransactionCursor wrap(final WireBuffer buffer, final int start, final int end, final int count)
    {
        this.buffer = buffer;
        this.position = start;
        this.end = Math.min(end, buffer.capacity());
        this.count = count;
        this.index = -1;
        this.offset = -1;
        this.type = 0;
        this.length = 0;
        return this;
    }

    /** Visit the transactions of the wire message whose header is at {@code messageOffset}. */
    public TransactionCursor wrapWireMessage(final WireBuffer buffer, final int messageOffset)
    {
        return wrapMessage(buffer, messageOffset, WireMessageHeaderFlyweight.LAYOUT);
    }

    /**
     * Visit the transactions of the message whose header, laid out as {@code layout} says, is at
     * {@code messageOffset} (a node manage message or response: {@code ManageMessageFlyweight.LAYOUT}).
     */
    public TransactionCursor wrapMessage(final WireBuffer buffer, final int messageOffset, final MessageLayout layout)
    {
        if (!buffer.inBounds(messageOffset, layout.headerLength()))
        {
            return wrap(buffer, 0, 0, 0);
        }
        final long len = buffer.getUnsignedInt(messageOffset + layout.lenOffset());
        final long count = buffer.getUnsignedInt(messageOffset + layout.countOffset());
        final long end = Math.min(messageOffset + len, buffer.capacity());
        return wrap(buffer, messageOffset + layout.headerLength(), (int)end, (int)Math.min(count, Integer.MAX_VALUE));
    }

    /** @return true when positioned on the next transaction, false when done or the bytes end early. */
    public boolean next()
    {
        if (index + 1 >= count)
        {
            return false;
        }
        if (end - position < TransactionFraming.TRANSACTION_HEADER_LENGTH || position < 0)
        {
            return false;
        }
        final long len = buffer.getUnsignedInt(position + WireTransactionHeaderFlyweight.LEN_OFFSET);
        if (len < TransactionFraming.TRANSACTION_HEADER_LENGTH || len > end - position)
        {
            return false;
        }
        index++;
        offset = position;
        type = buffer.getInt(position + WireTransactionHeaderFlyweight.TYPE_OFFSET);
        length = (int)len;
        position += length;
        return true;
    }

    /** @return true once all {@code count} transactions have been visited. */
    public boolean isComplete()
    {
        return index + 1 == count;
    }

    /** @return the 0-based index of the current transaction. */
    public int index()
    {
        return index;
    }

    /** @return where the current transaction starts in the buffer. */
    public int offset()
    {
        return offset;
    }

    public int type()
    {
        return type;
    }

    /** @return the current transaction's len, header included. */
    public int length()
    {
        return length;
    }
}

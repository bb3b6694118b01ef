package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;

/**
 * What building a message takes in both protocols, written once: a caller-given buffer and limit, the header's
 * {@code len} and {@code count} (where the {@link MessageLayout} says), and transactions appended back to back
 * ({@code u32 type, u32 len}, a zeroed body, multiples of 8). The control wire message ({@link WireMessageWriter})
 * and the node's manage message and response ({@code wire.node.ManageMessageWriter}, {@code ManageResponseWriter})
 * add their header words and one typed append per transaction.
 * <p>
 * Every append returns the offset of the new transaction, or a negative errno and writes nothing:
 * {@link #INSUFFICIENT_CAPACITY} when it would not fit the buffer, the message's length limit or the layout's most
 * transactions, -EINVAL for an argument that would make a malformed transaction. Nothing allocates. One instance
 * per thread; reuse it for every message.
 */
public abstract class MessageBuilder
{
    /** Returned by an append that does not fit. */
    public static final int INSUFFICIENT_CAPACITY = Errno.EMSGSIZE.status();

    private static final int ALIGNMENT = WireTransactionHeaderFlyweight.ALIGNMENT;

    protected WireBuffer buffer;
    protected int messageOffset;
    protected int limit;
    protected int length;
    protected int count;

    private final MessageLayout layout;
    private final int maxLength;

    /**
     * @param layout    where the header keeps {@code len} and {@code count}, its length and the most transactions.
     * @param maxLength the longest message of the protocol (direction).
     */
    protected MessageBuilder(final MessageLayout layout, final int maxLength)
    {
        this.layout = layout;
        this.maxLength = maxLength;
    }

    /** Point at {@code capacity} bytes from {@code offset}; the limit is the smaller of that and the maximum. */
    protected final void wrapAt(final WireBuffer buffer, final int offset, final int capacity)
    {
        this.buffer = buffer;
        this.messageOffset = offset;
        this.limit = Math.min(Math.min(capacity, buffer.capacity() - offset), maxLength);
        this.length = 0;
        this.count = 0;
    }

    /**
     * Start a message: the header zeroed, {@code len} the header's length, {@code count} 0. The caller then writes
     * its own header words.
     *
     * @return 0, or {@link #INSUFFICIENT_CAPACITY} when even the header does not fit.
     */
    protected final int beginHeader()
    {
        length = 0;
        count = 0;
        final int headerLength = layout.headerLength();
        if (limit < headerLength)
        {
            return INSUFFICIENT_CAPACITY;
        }
        buffer.setMemory(messageOffset, headerLength, (byte)0);
        buffer.putInt(messageOffset + layout.lenOffset(), headerLength);
        length = headerLength;
        return 0;
    }

    /** Store {@code len} and {@code count} as appended so far. */
    protected final void storeLenAndCount()
    {
        buffer.putInt(messageOffset + layout.lenOffset(), length);
        buffer.putInt(messageOffset + layout.countOffset(), count);
    }

    /**
     * Append a transaction header and a zeroed body of {@code transactionLength - 8} bytes; fill it through the
     * type's flyweight at the returned offset.
     *
     * @param transactionLength header included, a multiple of 8 and at least 8.
     * @return the transaction's offset in the buffer, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL for a bad length
     * or before the message was begun.
     */
    public int reserve(final int type, final int transactionLength)
    {
        final int checked = checkReserve(transactionLength, WireTransactionHeaderFlyweight.HEADER_LENGTH);
        return checked != 0 ? checked : place(type, transactionLength);
    }

    /**
     * @param headerLength the transaction header's length in this message (8, or 16 for a node response).
     * @return 0, -EINVAL (bad length, or no message begun) or {@link #INSUFFICIENT_CAPACITY}.
     */
    protected final int checkReserve(final int transactionLength, final int headerLength)
    {
        if (length == 0 || transactionLength < headerLength || (transactionLength & (ALIGNMENT - 1)) != 0)
        {
            return Errno.EINVAL.status();
        }
        if (transactionLength > limit - length || count >= layout.maxCount())
        {
            return INSUFFICIENT_CAPACITY;
        }
        return 0;
    }

    /** Write {@code type} and {@code len}, zero the rest of the transaction and count it; checked already. */
    protected final int place(final int type, final int transactionLength)
    {
        return placeAround(type, transactionLength, transactionLength, 0);
    }

    /**
     * Write {@code type} and {@code len}, zero the transaction's body except {@code dataLength} bytes at
     * {@code dataOffset} (the caller's to fill at once), and count it; checked already.
     */
    private int placeAround(final int type, final int transactionLength, final int dataOffset, final int dataLength)
    {
        final int offset = messageOffset + length;
        final int dataEnd = dataOffset + dataLength;
        buffer.putInt(offset + WireTransactionHeaderFlyweight.TYPE_OFFSET, type);
        buffer.putInt(offset + WireTransactionHeaderFlyweight.LEN_OFFSET, transactionLength);
        buffer.setMemory(
            offset + WireTransactionHeaderFlyweight.HEADER_LENGTH,
            dataOffset - WireTransactionHeaderFlyweight.HEADER_LENGTH,
            (byte)0);
        buffer.setMemory(offset + dataEnd, transactionLength - dataEnd, (byte)0);
        length += transactionLength;
        count++;
        return offset;
    }

    /**
     * The checks of a passthrough's data before it is reserved.
     *
     * @return 0, -EINVAL when {@code dataLength} is not a multiple of 8 or the range is outside {@code src}, or
     * {@link #INSUFFICIENT_CAPACITY}.
     */
    protected final int checkData(final WireBuffer src, final int srcIndex, final int dataLength)
    {
        if (dataLength < 0 || (dataLength & (ALIGNMENT - 1)) != 0 || !src.inBounds(srcIndex, dataLength))
        {
            return Errno.EINVAL.status();
        }
        return dataLength > limit - length ? INSUFFICIENT_CAPACITY : 0;
    }

    /**
     * Append a transaction of {@code transactionLength} bytes whose {@code dataLength} bytes at {@code dataOffset}
     * (from its start) are copied from {@code src}: like {@link #reserve}, but only what is around the data is
     * zeroed, so a payload is written once, not zeroed first and then copied over.
     *
     * @param headerLength the transaction header's length in this message (8, or 16 for a node response).
     * @return the offset, or the negative errno of {@link #checkReserve} (nothing written); the data range is the
     * caller's to have checked against {@code src}.
     */
    protected final int reserveData(
        final int type,
        final int transactionLength,
        final int headerLength,
        final int dataOffset,
        final WireBuffer src,
        final int srcIndex,
        final int dataLength)
    {
        final int checked = checkReserve(transactionLength, headerLength);
        if (checked != 0)
        {
            return checked;
        }
        final int offset = placeAround(type, transactionLength, dataOffset, dataLength);
        buffer.putBytes(offset + dataOffset, src, srcIndex, dataLength);
        return offset;
    }

    public final WireBuffer buffer()
    {
        return buffer;
    }

    /** @return where the message starts in {@link #buffer()}. */
    public final int messageOffset()
    {
        return messageOffset;
    }

    /** @return bytes written so far, header included (0 before the message was begun). */
    public final int length()
    {
        return length;
    }

    /** @return transactions appended so far. */
    public final int count()
    {
        return count;
    }

    /** @return bytes still free for transactions before the limit. */
    public final int remaining()
    {
        return limit - length;
    }

    /** @return the longest message this writer will build in the wrapped buffer. */
    public final int limit()
    {
        return limit;
    }
}

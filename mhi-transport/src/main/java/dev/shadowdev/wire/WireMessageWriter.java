package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;

/**
 * Builds one wire message in a caller-given buffer (the transport's DMA buffer) at an offset: {@link #begin},
 * transactions, {@link #finish}. {@link WireRequestWriter} (host side) and {@link WireResponseWriter} (device side)
 * add one typed append per transaction.
 * <p>
 * Every append returns the offset of the new transaction in the buffer, or a negative errno and writes nothing:
 * {@link #INSUFFICIENT_CAPACITY} when it would not fit the buffer, the direction's length limit or
 * {@link WireMessageValidator#MAX_COUNT}, -EINVAL for an argument that would make a malformed transaction. Nothing
 * allocates. One instance per thread; reuse it for every message.
 */
public class WireMessageWriter
{
    /** Returned by an append that does not fit. */
    public static final int INSUFFICIENT_CAPACITY = Errno.EMSGSIZE.status();

    protected WireBuffer buffer;
    protected int messageOffset;
    protected int length;
    protected int count;

    private final WireDirection direction;
    private final WireCrc crc = new WireCrc();
    private int limit;

    protected WireMessageWriter(final WireDirection direction)
    {
        this.direction = direction;
    }

    /**
     * Write messages at {@code offset} in {@code buffer}.
     *
     * @param capacity bytes usable from {@code offset}; the message limit is the smaller of this and the
     *                 direction's {@link WireDirection#maxLength()}.
     * @return this.
     */
    public WireMessageWriter wrap(final WireBuffer buffer, final int offset, final int capacity)
    {
        this.buffer = buffer;
        this.messageOffset = offset;
        this.limit = Math.min(Math.min(capacity, buffer.capacity() - offset), direction.maxLength());
        this.length = 0;
        this.count = 0;
        return this;
    }

    /**
     * Start a message: header with magic, the given identity, padding 0, {@code len} 32, {@code count} 0.
     *
     * @param partitionId the partition the request is tagged with, {@link WireMessageHeaderFlyweight#NO_PARTITION}
     *                    for none.
     * @return 0, or {@link #INSUFFICIENT_CAPACITY} when even the header does not fit.
     */
    public int begin(final int sequenceNumber, final int handle, final int partitionId)
    {
        length = 0;
        count = 0;
        if (limit < WireMessageHeaderFlyweight.LENGTH)
        {
            return INSUFFICIENT_CAPACITY;
        }
        final WireBuffer b = buffer;
        final int o = messageOffset;
        b.putInt(o + WireMessageHeaderFlyweight.CRC32_OFFSET, 0);
        b.putInt(o + WireMessageHeaderFlyweight.MAGIC_OFFSET, WireMessageHeaderFlyweight.MAGIC);
        b.putInt(o + WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET, sequenceNumber);
        b.putInt(o + WireMessageHeaderFlyweight.LEN_OFFSET, WireMessageHeaderFlyweight.LENGTH);
        b.putInt(o + WireMessageHeaderFlyweight.COUNT_OFFSET, 0);
        b.putInt(o + WireMessageHeaderFlyweight.HANDLE_OFFSET, handle);
        b.putInt(o + WireMessageHeaderFlyweight.PARTITION_ID_OFFSET, partitionId);
        b.putInt(o + WireMessageHeaderFlyweight.PADDING_OFFSET, 0);
        length = WireMessageHeaderFlyweight.LENGTH;
        return 0;
    }

    /**
     * Append a transaction header and a zeroed body of {@code transactionLength - 8} bytes; fill it through the
     * type's flyweight at the returned offset.
     *
     * @param transactionLength header included, a multiple of 8 and at least 8.
     * @return the transaction's offset in the buffer, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL for a bad length
     * or before {@link #begin}.
     */
    public int reserve(final int type, final int transactionLength)
    {
        if (length == 0 || transactionLength < WireTransactionHeaderFlyweight.HEADER_LENGTH ||
            (transactionLength & (WireTransactionHeaderFlyweight.ALIGNMENT - 1)) != 0)
        {
            return Errno.EINVAL.status();
        }
        if (transactionLength > limit - length || count >= WireMessageValidator.MAX_COUNT)
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = messageOffset + length;
        buffer.putInt(offset + WireTransactionHeaderFlyweight.TYPE_OFFSET, type);
        buffer.putInt(offset + WireTransactionHeaderFlyweight.LEN_OFFSET, transactionLength);
        buffer.setMemory(
            offset + WireTransactionHeaderFlyweight.HEADER_LENGTH,
            transactionLength - WireTransactionHeaderFlyweight.HEADER_LENGTH,
            (byte)0);
        length += transactionLength;
        count++;
        return offset;
    }

    /**
     * Close the message: store {@code len} and {@code count}, then the CRC (or 0 when CRCs are off).
     *
     * @return the message length, or -EINVAL when no transaction was appended.
     */
    public int finish(final boolean withCrc)
    {
        if (count == 0)
        {
            return Errno.EINVAL.status();
        }
        buffer.putInt(messageOffset + WireMessageHeaderFlyweight.LEN_OFFSET, length);
        buffer.putInt(messageOffset + WireMessageHeaderFlyweight.COUNT_OFFSET, count);
        buffer.putInt(messageOffset + WireMessageHeaderFlyweight.CRC32_OFFSET, 0);
        if (withCrc)
        {
            crc.stamp(buffer, messageOffset, length);
        }
        return length;
    }

    public WireDirection direction()
    {
        return direction;
    }

    public WireBuffer buffer()
    {
        return buffer;
    }

    /** @return where the message starts in {@link #buffer()}. */
    public int messageOffset()
    {
        return messageOffset;
    }

    /** @return bytes written so far, header included (0 before {@link #begin}). */
    public int length()
    {
        return length;
    }

    /** @return transactions appended so far. */
    public int count()
    {
        return count;
    }

    /** @return bytes still free for transactions before the limit. */
    public int remaining()
    {
        return limit - length;
    }

    /** @return the longest message this writer will build in the wrapped buffer. */
    public int limit()
    {
        return limit;
    }

    /**
     * A PASSTHROUGH transaction of {@code type} (TO_DEV or FROM_DEV) carrying {@code dataLength} bytes copied from
     * {@code src}.
     *
     * @return the offset, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL when {@code dataLength} is not a multiple of 8
     * or the source range is outside {@code src}.
     */
    protected final int appendPassthrough(
        final int type, final WireBuffer src, final int srcIndex, final int dataLength)
    {
        if (dataLength < 0 || (dataLength & (WireTransactionHeaderFlyweight.ALIGNMENT - 1)) != 0 ||
            !src.inBounds(srcIndex, dataLength))
        {
            return Errno.EINVAL.status();
        }
        if (dataLength > remaining())
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = reserve(type, PassthroughFlyweight.LENGTH + dataLength);
        if (offset >= 0)
        {
            buffer.putBytes(offset + PassthroughFlyweight.DATA_OFFSET, src, srcIndex, dataLength);
        }
        return offset;
    }
}

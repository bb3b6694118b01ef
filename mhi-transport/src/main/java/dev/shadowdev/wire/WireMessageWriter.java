package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;

/**
 * Builds one wire message in a caller-given buffer (the transport's DMA buffer) at an offset: {@link #begin},
 * transactions, {@link #finish}. {@link WireRequestWriter} (host side) and {@link WireResponseWriter} (device side)
 * add one typed append per transaction; the framing ({@link #reserve}, limits, {@code len} and {@code count}) is
 * {@link MessageBuilder}'s, shared with the node ABI's writers. Transactions stop at the direction's length limit
 * and {@link WireMessageValidator#MAX_COUNT}. Nothing allocates. One instance per thread; reuse it for every message.
 */
public class WireMessageWriter extends MessageBuilder
{
    private final WireDirection direction;
    private final WireCrc crc = new WireCrc();

    protected WireMessageWriter(final WireDirection direction)
    {
        super(WireMessageHeaderFlyweight.LAYOUT, direction.maxLength());
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
        wrapAt(buffer, offset, capacity);
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
        final int begun = beginHeader();
        if (begun == 0)
        {
            buffer.putInt(messageOffset + WireMessageHeaderFlyweight.MAGIC_OFFSET, WireMessageHeaderFlyweight.MAGIC);
            buffer.putInt(messageOffset + WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET, sequenceNumber);
            buffer.putInt(messageOffset + WireMessageHeaderFlyweight.HANDLE_OFFSET, handle);
            buffer.putInt(messageOffset + WireMessageHeaderFlyweight.PARTITION_ID_OFFSET, partitionId);
        }
        return begun;
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
        storeLenAndCount();
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
        final int checked = checkData(src, srcIndex, dataLength);
        return checked != 0 ? checked : reserveData(type, PassthroughFlyweight.LENGTH + dataLength,
            WireTransactionHeaderFlyweight.HEADER_LENGTH, PassthroughFlyweight.DATA_OFFSET, src, srcIndex, dataLength);
    }
}

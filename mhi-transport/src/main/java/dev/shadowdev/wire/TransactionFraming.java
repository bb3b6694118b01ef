package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;

/**
 * The framing rules wire messages and node manage messages share: a transaction count within limits, then
 * {@code count} transactions of {@code u32 type, u32 len} back to back, each {@code len >= 8}, a multiple of 8,
 * inside the message, together filling it exactly. The header checks before them ({@link #checkHeader}) read the
 * header through its {@link MessageLayout}: one validator for the control wire message and the node's manage
 * message. Also the reason templates of those checks, which tests assert. Nothing here allocates.
 */
public final class TransactionFraming
{
    public static final String MESSAGE_OUTSIDE_BUFFER = "message outside buffer: offset=%d length=%d capacity=%d";
    public static final String MESSAGE_SHORTER_THAN_HEADER = "message shorter than header: length=%d";
    public static final String LEN_BELOW_HEADER = "message len below header: len=%d";
    public static final String MESSAGE_TOO_LONG = "message too long: len=%d max=%d";
    public static final String BAD_MAGIC = "bad magic: magic=0x%08x";
    public static final String LEN_BEYOND_DATA = "message len beyond data: len=%d length=%d";
    public static final String LEN_NOT_WRITE_LENGTH = "message len does not match write: len=%d length=%d";
    public static final String BAD_COUNT = "bad count: count=%d";
    public static final String COUNT_TOO_LARGE = "count too large: count=%d max=%d";
    public static final String COUNT_EXCEEDS_MESSAGE = "count exceeds message: count=%d len=%d";
    public static final String TRANSACTION_HEADER_PAST_END =
        "transaction header runs past message: index=%d remaining=%d";
    public static final String TRANSACTION_LEN_BELOW_HEADER = "transaction len below header: index=%d len=%d";
    public static final String TRANSACTION_LEN_NOT_ALIGNED = "transaction len not multiple of 8: index=%d len=%d";
    public static final String TRANSACTION_PAST_END = "transaction runs past message: index=%d len=%d remaining=%d";
    public static final String TRANSACTIONS_SHORT_OF_LEN = "transactions do not fill message: len=%d used=%d";
    public static final String UNKNOWN_TYPE = "unknown transaction type: index=%d type=0x%x";
    public static final String BAD_TRANSACTION_LEN = "bad transaction len: index=%d type=0x%x len=%d expected=%d";

    /** Bytes of a transaction header ({@code u32 type, u32 len}) in both protocols. */
    public static final int TRANSACTION_HEADER_LENGTH = WireTransactionHeaderFlyweight.HEADER_LENGTH;
    /** Transaction lengths are multiples of this. */
    public static final int ALIGNMENT = WireTransactionHeaderFlyweight.ALIGNMENT;

    private TransactionFraming()
    {
    }

    /**
     * The header of a message of {@code length} bytes received at {@code offset}, in this order: inside the
     * buffer, at least a header, the magic number (when the layout has one, -EBADMSG), {@code len} at least the
     * header and at most {@code maxLength} (above: -EMSGSIZE), {@code len} within the data (or equal to it when
     * {@code exactLength}: one {@code write()} is one message), the must-be-zero word, the count.
     *
     * @return 0 or a negative errno (-EINVAL, -EBADMSG, -EMSGSIZE) with the reason in {@code error}; on 0 the
     * transactions may be walked with {@link #walk}.
     */
    public static int checkHeader(
        final WireBuffer buffer,
        final int offset,
        final int length,
        final MessageLayout layout,
        final int maxLength,
        final boolean exactLength,
        final WireError error)
    {
        error.reset();
        if (!buffer.inBounds(offset, length))
        {
            return error.set(Errno.EINVAL, MESSAGE_OUTSIDE_BUFFER, offset, length, buffer.capacity());
        }
        final int headerLength = layout.headerLength();
        if (length < headerLength)
        {
            return error.set(Errno.EINVAL, MESSAGE_SHORTER_THAN_HEADER, length);
        }
        if (layout.hasMagic())
        {
            final int magic = buffer.getInt(offset + layout.magicOffset());
            if (magic != layout.magic())
            {
                return error.set(Errno.EBADMSG, BAD_MAGIC, magic & 0xFFFF_FFFFL);
            }
        }
        final long len = buffer.getUnsignedInt(offset + layout.lenOffset());
        if (len < headerLength)
        {
            return error.set(Errno.EINVAL, LEN_BELOW_HEADER, len);
        }
        if (len > maxLength)
        {
            return error.set(Errno.EMSGSIZE, MESSAGE_TOO_LONG, len, maxLength);
        }
        if (exactLength && len != length)
        {
            return error.set(Errno.EINVAL, LEN_NOT_WRITE_LENGTH, len, length);
        }
        if (len > length)
        {
            return error.set(Errno.EINVAL, LEN_BEYOND_DATA, len, length);
        }
        final int zero = buffer.getInt(offset + layout.zeroOffset());
        if (zero != 0)
        {
            return error.set(Errno.EINVAL, layout.zeroReason(), zero & 0xFFFF_FFFFL);
        }
        final long count = buffer.getUnsignedInt(offset + layout.countOffset());
        return checkCount(count, len, headerLength, layout.maxCount(), error);
    }

    /**
     * @param count       the header's count, as unsigned.
     * @param len         the header's len, as unsigned, already checked against the header length.
     * @param headerLength length of the message header.
     * @param maxCount    most transactions allowed.
     * @return 0 or -EINVAL.
     */
    public static int checkCount(
        final long count, final long len, final int headerLength, final int maxCount, final WireError error)
    {
        if (count == 0)
        {
            return error.set(Errno.EINVAL, BAD_COUNT, count);
        }
        if (count > maxCount)
        {
            return error.set(Errno.EINVAL, COUNT_TOO_LARGE, count, maxCount);
        }
        if (count * TRANSACTION_HEADER_LENGTH > len - headerLength)
        {
            return error.set(Errno.EINVAL, COUNT_EXCEEDS_MESSAGE, count, len);
        }
        return 0;
    }

    /**
     * Walk {@code count} transactions from {@code start}; the message ends at {@code end}, all inside the buffer.
     *
     * @param messageOffset where the message header starts, for the "used" figure of the fill check.
     * @return 0 or -EINVAL.
     */
    public static int walk(
        final WireBuffer buffer,
        final int messageOffset,
        final int start,
        final int end,
        final int count,
        final WireError error)
    {
        int position = start;
        for (int i = 0; i < count; i++)
        {
            final int remaining = end - position;
            if (remaining < TRANSACTION_HEADER_LENGTH)
            {
                return error.set(Errno.EINVAL, TRANSACTION_HEADER_PAST_END, i, remaining);
            }
            final long len = buffer.getUnsignedInt(position + WireTransactionHeaderFlyweight.LEN_OFFSET);
            if (len < TRANSACTION_HEADER_LENGTH)
            {
                return error.set(Errno.EINVAL, TRANSACTION_LEN_BELOW_HEADER, i, len);
            }
            if ((len & (ALIGNMENT - 1)) != 0)
            {
                return error.set(Errno.EINVAL, TRANSACTION_LEN_NOT_ALIGNED, i, len);
            }
            if (len > remaining)
            {
                return error.set(Errno.EINVAL, TRANSACTION_PAST_END, i, len, remaining);
            }
            position += (int)len;
        }
        if (position != end)
        {
            return error.set(Errno.EINVAL, TRANSACTIONS_SHORT_OF_LEN, end - messageOffset, position - messageOffset);
        }
        return 0;
    }
}

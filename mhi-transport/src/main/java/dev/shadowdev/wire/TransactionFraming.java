package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;

/**
 * The framing rules wire messages and node manage messages share: a transaction count within limits, then
 * {@code count} transactions of {@code u32 type, u32 len} back to back, each {@code len >= 8}, a multiple of 8,
 * inside the message, together filling it exactly. Also the reason templates of those checks, which tests assert.
 * Nothing here allocates.
 */
public final class TransactionFraming
{
    public static final String MESSAGE_OUTSIDE_BUFFER = "message outside buffer: offset=%d length=%d capacity=%d";
    public static final String MESSAGE_SHORTER_THAN_HEADER = "message shorter than header: length=%d";
    public static final String LEN_BELOW_HEADER = "message len below header: len=%d";
    public static final String MESSAGE_TOO_LONG = "message too long: len=%d max=%d";
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

package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;

import static dev.shadowdev.wire.TransactionFraming.*;

/**
 * Checks a received wire message before anyone reads it through a flyweight. Every check returns 0 or a negative
 * errno and records the reason in a {@link WireError}; nothing allocates and nothing throws, whatever the bytes.
 * <p>
 * Two levels, so the device can answer per transaction:
 * <ol>
 *   <li>{@link #verifyFraming}: header (magic, len against the data, the direction's limit and the header, padding,
 *   count: {@link TransactionFraming#checkHeader} over {@link WireMessageHeaderFlyweight#LAYOUT}), CRC, and the
 *   transaction framing ({@link TransactionFraming#walk}). A message failing here cannot be walked;
 *   the device answers it with one RESULT_FROM_DEV for {@link WireTypes#UNDEFINED}.</li>
 *   <li>{@link #verifyTransaction}: the type belongs to the direction and the body has that type's exact size (for
 *   example a DMA_XFER_TO_DEV of {@code count} pairs is {@code 24 + 16 x count} bytes; PART_CREATE_TO_DEV is the v1
 *   body, 80, or the v1.1 body, 128; a query answer holds exactly its {@code n} entries), plus the DMA_XFER rules:
 *   known flags only, an abort ({@code count} 0) needs a chunk id and no flags, MORE needs a chunk id. The device
 *   answers a failing transaction with {@link WireResponseWriter#appendError(int, int)}.</li>
 * </ol>
 * {@link #verify} runs both over the whole message (what the driver does with a response).
 * <p>
 * One instance per thread (it owns a {@link WireCrc}).
 */
public final class WireMessageValidator
{
    public static final String BAD_CRC = "bad crc: crc=0x%08x expected=0x%08x";
    public static final String BAD_DMA_FLAGS = "bad dma flags: index=%d flags=0x%x";
    public static final String BAD_DMA_COUNT = "bad dma count: index=%d count=%d";
    public static final String BAD_DMA_CHUNK_ID = "bad dma_chunk_id: index=%d dma_chunk_id=%d";

    /** Most transactions in one wire message: qaic's user limit, 4096 / 8. */
    public static final int MAX_COUNT = 512;

    private static final int HEADER_LENGTH = WireMessageHeaderFlyweight.LENGTH;

    private final WireCrc crc = new WireCrc();

    /**
     * Framing and every transaction: a message that passes is safe to read through the flyweights.
     *
     * @param offset    where the message starts in {@code buffer}.
     * @param length    bytes received there (the message may be shorter, never longer).
     * @param direction which types are allowed and the length limit.
     * @param checkCrc  whether the CRC must match (off until STATUS said the device uses CRCs).
     * @return 0 or a negative errno, with the reason in {@code error}.
     */
    public int verify(
        final WireBuffer buffer,
        final int offset,
        final int length,
        final WireDirection direction,
        final boolean checkCrc,
        final WireError error)
    {
        final int framing = verifyFraming(buffer, offset, length, direction, checkCrc, error);
        if (framing != 0)
        {
            return framing;
        }
        final int end = offset + buffer.getInt(offset + WireMessageHeaderFlyweight.LEN_OFFSET);
        final int count = buffer.getInt(offset + WireMessageHeaderFlyweight.COUNT_OFFSET);
        int position = offset + HEADER_LENGTH;
        for (int i = 0; i < count && position < end; i++)
        {
            final int result = verifyTransaction(buffer, position, i, direction, error);
            if (result != 0)
            {
                return result;
            }
            position += buffer.getInt(position + WireTransactionHeaderFlyweight.LEN_OFFSET);
        }
        return 0;
    }

    /**
     * Header, CRC and transaction framing; see the class comment.
     *
     * @return 0 or a negative errno: -EINVAL (lengths, count, padding, framing), -EBADMSG (magic, CRC),
     * -EMSGSIZE (len above the direction's limit).
     */
    public int verifyFraming(
        final WireBuffer buffer,
        final int offset,
        final int length,
        final WireDirection direction,
        final boolean checkCrc,
        final WireError error)
    {
        final int header =
            checkHeader(buffer, offset, length, WireMessageHeaderFlyweight.LAYOUT, direction.maxLength(), false, error);
        if (header != 0)
        {
            return header;
        }
        final int len = buffer.getInt(offset + WireMessageHeaderFlyweight.LEN_OFFSET);
        if (checkCrc)
        {
            final int crcResult = verifyCrc(buffer, offset, len, error);
            if (crcResult != 0)
            {
                return crcResult;
            }
        }
        final int count = buffer.getInt(offset + WireMessageHeaderFlyweight.COUNT_OFFSET);
        return walk(buffer, offset, offset + HEADER_LENGTH, offset + len, count, error);
    }

    /**
     * @param len the message length, already checked against the data.
     * @return 0 or -EBADMSG when the stored CRC is not the CRC of the message.
     */
    public int verifyCrc(final WireBuffer buffer, final int offset, final int len, final WireError error)
    {
        final int stored = buffer.getInt(offset + WireMessageHeaderFlyweight.CRC32_OFFSET);
        final int expected = crc.compute(buffer, offset, len);
        if (stored != expected)
        {
            return error.set(Errno.EBADMSG, BAD_CRC, stored & 0xFFFF_FFFFL, expected & 0xFFFF_FFFFL);
        }
        return 0;
    }

    /**
     * Type and body of one transaction of a message that passed {@link #verifyFraming}.
     *
     * @param transactionOffset where the transaction starts in {@code buffer}.
     * @param index             its index in the message, for the reason text.
     * @return 0 or -EINVAL.
     */
    public int verifyTransaction(
        final WireBuffer buffer,
        final int transactionOffset,
        final int index,
        final WireDirection direction,
        final WireError error)
    {
        error.reset();
        final int type = buffer.getInt(transactionOffset + WireTransactionHeaderFlyweight.TYPE_OFFSET);
        if (!direction.carries(type))
        {
            return error.set(Errno.EINVAL, UNKNOWN_TYPE, index, type & 0xFFFF_FFFFL);
        }
        final long len = buffer.getUnsignedInt(transactionOffset + WireTransactionHeaderFlyweight.LEN_OFFSET);
        final int minLength = WireLayouts.minLength(type);
        if (type == WireTypes.PART_CREATE_TO_DEV)
        {
            return len == PartCreateFlyweight.LENGTH || len == PartCreateExFlyweight.LENGTH ? 0 :
                error.set(Errno.EINVAL, BAD_TRANSACTION_LEN, index, type, len,
                    len < PartCreateExFlyweight.LENGTH ? PartCreateFlyweight.LENGTH : PartCreateExFlyweight.LENGTH);
        }
        if (len < minLength || !WireLayouts.isVariable(type) && len != minLength)
        {
            return error.set(Errno.EINVAL, BAD_TRANSACTION_LEN, index, type, len, minLength);
        }
        switch (type)
        {
            case WireTypes.DMA_XFER_TO_DEV:
                return verifyDmaXfer(buffer, transactionOffset, index, len, error);
            case WireTypes.PART_QUERY_FROM_DEV:
            {
                final long n = buffer.getUnsignedInt(transactionOffset + PartQueryFromDevFlyweight.N_OFFSET);
                final long expected = PartQueryFromDevFlyweight.lengthFor(n);
                return len == expected ? 0 : error.set(Errno.EINVAL, BAD_TRANSACTION_LEN, index, type, len, expected);
            }
            case WireTypes.PART_QUERY_EX_FROM_DEV:
            {
                final long n = buffer.getUnsignedInt(transactionOffset + PartQueryExFromDevFlyweight.N_OFFSET);
                final long expected = PartQueryExFromDevFlyweight.lengthFor(n);
                return len == expected ? 0 : error.set(Errno.EINVAL, BAD_TRANSACTION_LEN, index, type, len, expected);
            }
            default:
                return 0;
        }
    }

    private static int verifyDmaXfer(
        final WireBuffer buffer, final int offset, final int index, final long len, final WireError error)
    {
        final long count = buffer.getUnsignedInt(offset + DmaXferFlyweight.COUNT_OFFSET);
        final long expected = DmaXferFlyweight.lengthFor(count);
        if (len != expected)
        {
            return error.set(Errno.EINVAL, BAD_TRANSACTION_LEN, index, WireTypes.DMA_XFER_TO_DEV, len, expected);
        }
        final int flags = buffer.getInt(offset + DmaXferFlyweight.FLAGS_OFFSET);
        final int chunkId = buffer.getInt(offset + DmaXferFlyweight.DMA_CHUNK_ID_OFFSET);
        final boolean more = (flags & DmaXferFlyweight.FLAG_MORE) != 0;
        if ((flags & ~DmaXferFlyweight.FLAGS_KNOWN) != 0 || count == 0 && flags != 0)
        {
            return error.set(Errno.EINVAL, BAD_DMA_FLAGS, index, flags & 0xFFFF_FFFFL);
        }
        if (count == 0 && chunkId == 0)
        {
            return error.set(Errno.EINVAL, BAD_DMA_COUNT, index, count);
        }
        if (more && chunkId == 0)
        {
            return error.set(Errno.EINVAL, BAD_DMA_CHUNK_ID, index, chunkId);
        }
        return 0;
    }
}

package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_dma_xfer}: {@link WireTypes#DMA_XFER_TO_DEV}, a list of host-memory address/size pairs
 * for the device to read into slot {@code tag}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 6                                      |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 24 + 16 x count                       |  4
 *  +---------------------------------------------------------------+
 *  |                   tag (the slot)                              |  8
 *  +---------------------------------------------------------------+
 *  |                   count (pairs that follow)                   | 12
 *  +---------------------------------------------------------------+
 *  |                   dma_chunk_id (0 = not split)                | 16
 *  +---------------------------------------------------------------+
 *  |                   flags (qaic's padding): 0 MORE, 1 RESTART   | 20
 *  +---------------------------------------------------------------+
 *  |                   pair[0].addr (u64)                          | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   pair[0].size (u64)                          | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   pair[1] ...                                 | 40
 * </pre>
 * Continuation, as in qaic: when the list does not fit one message, every piece carries the same non-zero
 * {@code dma_chunk_id}; the device answers a piece with {@link #FLAG_MORE} by a lone {@link DmaXferContFlyweight}.
 * qaic's device knows from its own state when a chunk is complete; shadowdev's firmware cannot, so the word qaic
 * calls padding says it: {@link #FLAG_MORE} is set on every piece but the last, and is 0 in an unsplit transfer,
 * which is therefore byte-identical to qaic's. A piece with {@code count} 0, a chunk id and no flags aborts the
 * chunk (qaic's {@code abort_dma_cont}).
 * <p>
 * {@link #FLAG_RESTART} (shadowdev) carries the node DMA_XFER's "offset 0 starts the slot over" (ABI.md 1.3): the
 * device empties the slot before storing this transfer. It is set on the first piece only. Any other offset is
 * checked by the driver, which knows how many bytes it has loaded into each slot of the session.
 */
public final class DmaXferFlyweight extends WireTransactionHeaderFlyweight
{
    /** Flag: another piece of this chunk follows. */
    public static final int FLAG_MORE = 1;
    /** Flag: empty the slot before storing this transfer (the node request's offset was 0). */
    public static final int FLAG_RESTART = 1 << 1;
    /** Every defined flag. */
    public static final int FLAGS_KNOWN = FLAG_MORE | FLAG_RESTART;

    public static final int TAG_OFFSET = HEADER_LENGTH;
    public static final int COUNT_OFFSET = TAG_OFFSET + Integer.BYTES;
    public static final int DMA_CHUNK_ID_OFFSET = COUNT_OFFSET + Integer.BYTES;
    public static final int FLAGS_OFFSET = DMA_CHUNK_ID_OFFSET + Integer.BYTES;
    public static final int PAIRS_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    /** Length without pairs. */
    public static final int LENGTH = PAIRS_OFFSET;

    /** {@code struct wire_addr_size_pair}: u64 addr, u64 size. */
    public static final int PAIR_ADDR_OFFSET = 0;
    public static final int PAIR_SIZE_OFFSET = PAIR_ADDR_OFFSET + Long.BYTES;
    public static final int PAIR_LENGTH = PAIR_SIZE_OFFSET + Long.BYTES;

    @Override
    public DmaXferFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** @return the transaction length for {@code count} pairs (a long: no overflow for any u32 count). */
    public static long lengthFor(final long count)
    {
        return LENGTH + count * PAIR_LENGTH;
    }

    public int tag()
    {
        return buffer.getInt(offset + TAG_OFFSET);
    }

    public DmaXferFlyweight tag(final int tag)
    {
        buffer.putInt(offset + TAG_OFFSET, tag);
        return this;
    }

    public int count()
    {
        return buffer.getInt(offset + COUNT_OFFSET);
    }

    public DmaXferFlyweight count(final int count)
    {
        buffer.putInt(offset + COUNT_OFFSET, count);
        return this;
    }

    public int dmaChunkId()
    {
        return buffer.getInt(offset + DMA_CHUNK_ID_OFFSET);
    }

    public DmaXferFlyweight dmaChunkId(final int dmaChunkId)
    {
        buffer.putInt(offset + DMA_CHUNK_ID_OFFSET, dmaChunkId);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public DmaXferFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }

    public long addr(final int i)
    {
        return buffer.getLong(pairIndex(i) + PAIR_ADDR_OFFSET);
    }

    public long size(final int i)
    {
        return buffer.getLong(pairIndex(i) + PAIR_SIZE_OFFSET);
    }

    public DmaXferFlyweight pair(final int i, final long addr, final long size)
    {
        final int index = pairIndex(i);
        buffer.putLong(index + PAIR_ADDR_OFFSET, addr);
        buffer.putLong(index + PAIR_SIZE_OFFSET, size);
        return this;
    }

    private int pairIndex(final int i)
    {
        return offset + PAIRS_OFFSET + i * PAIR_LENGTH;
    }
}

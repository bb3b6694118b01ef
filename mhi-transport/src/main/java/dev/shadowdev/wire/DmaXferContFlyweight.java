package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_dma_xfer_cont}: {@link WireTypes#DMA_XFER_CONT}, sent by the device as the only
 * transaction of its answer to a DMA_XFER_TO_DEV piece flagged MORE: "send the next piece of this chunk". The host
 * checks both fields against what it sent before it continues ({@link DmaXferSplitter#checkContinue}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 18                                     |  0
 *  +---------------------------------------------------------------+
 *  |                   len 24                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   dma_chunk_id                                |  8
 *  +---------------------------------------------------------------+
 *  |                   padding 0                                   | 12
 *  +---------------------------------------------------------------+
 *  |                   xferred_size (u64, bytes of the chunk so far)| 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class DmaXferContFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int DMA_CHUNK_ID_OFFSET = HEADER_LENGTH;
    public static final int PADDING_OFFSET = DMA_CHUNK_ID_OFFSET + Integer.BYTES;
    public static final int XFERRED_SIZE_OFFSET = PADDING_OFFSET + Integer.BYTES;
    public static final int LENGTH = XFERRED_SIZE_OFFSET + Long.BYTES;

    @Override
    public DmaXferContFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int dmaChunkId()
    {
        return buffer.getInt(offset + DMA_CHUNK_ID_OFFSET);
    }

    public DmaXferContFlyweight dmaChunkId(final int dmaChunkId)
    {
        buffer.putInt(offset + DMA_CHUNK_ID_OFFSET, dmaChunkId);
        return this;
    }

    public long xferredSize()
    {
        return buffer.getLong(offset + XFERRED_SIZE_OFFSET);
    }

    public DmaXferContFlyweight xferredSize(final long xferredSize)
    {
        buffer.putLong(offset + XFERRED_SIZE_OFFSET, xferredSize);
        return this;
    }
}

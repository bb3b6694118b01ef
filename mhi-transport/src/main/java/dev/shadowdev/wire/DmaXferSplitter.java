package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;

/**
 * Sends an address/size list that may not fit one request, the way qaic does ({@code encode_dma},
 * {@code encode_addr_size_pairs}, {@code qaic_manage} in {@code qaic_control.c}):
 * <ol>
 *   <li>{@link #reset} with the list and a chunk id (qaic takes it from a per-user counter; never 0).</li>
 *   <li>{@link #appendNext} puts as many pairs as fit into a DMA_XFER_TO_DEV of the message being built. In the
 *   first message keep {@link #QAIC_FOLLOW_UP_RESERVE} bytes free for the transactions that follow it in the
 *   user's request, as qaic does. When everything fits the transaction is a plain qaic one (chunk id 0, no
 *   flags); otherwise it carries the chunk id and, on all pieces but the last, {@link DmaXferFlyweight#FLAG_MORE}.
 *   </li>
 *   <li>Send. While {@link #isDone()} is false the device answers with a lone DMA_XFER_CONT:
 *   {@link #checkContinue} it (chunk id and the bytes sent so far must match, else -EINVAL as in qaic), then build
 *   a message holding only the next piece with {@link #appendNext}, and repeat. The answer to the last piece
 *   answers the whole original message.</li>
 *   <li>To give up half way, send {@link #appendAbort} alone (qaic's {@code abort_dma_cont}).</li>
 * </ol>
 * Reusable; nothing allocates. The arrays are the caller's and must not change until the transfer is done.
 */
public final class DmaXferSplitter
{
    /** qaic keeps this much of the first message free for follow-up transactions ("Save 1K"). */
    public static final int QAIC_FOLLOW_UP_RESERVE = 1024;

    public static final String UNEXPECTED_CONTINUE = "unexpected dma continuation: dma_chunk_id=%d";
    public static final String BAD_CONTINUE_CHUNK_ID = "bad dma continuation: dma_chunk_id=%d expected=%d";
    public static final String BAD_CONTINUE_SIZE = "bad dma continuation: xferred_size=%d expected=%d";

    private int tag;
    private int dmaChunkId;
    private int firstFlags;
    private long[] addrs;
    private long[] sizes;
    private int count;
    private int next;
    private long xferredSize;

    /**
     * Start a transfer of {@code count} pairs.
     *
     * @param tag        the slot.
     * @param dmaChunkId used only when the list must be split; must then be non-zero.
     * @param restart    set {@link DmaXferFlyweight#FLAG_RESTART} on the first piece (node offset 0).
     * @return this.
     */
    public DmaXferSplitter reset(
        final int tag,
        final int dmaChunkId,
        final boolean restart,
        final long[] addrs,
        final long[] sizes,
        final int count)
    {
        this.tag = tag;
        this.dmaChunkId = dmaChunkId;
        this.firstFlags = restart ? DmaXferFlyweight.FLAG_RESTART : 0;
        this.addrs = addrs;
        this.sizes = sizes;
        this.count = count;
        this.next = 0;
        this.xferredSize = 0;
        return this;
    }

    /**
     * Append the next piece to {@code writer}'s message.
     *
     * @param reserve bytes to leave free in the message after the piece.
     * @return pairs appended (at least 1); {@link WireMessageWriter#INSUFFICIENT_CAPACITY} when not even one pair
     * fits; -EINVAL when there is nothing left to send, the list is empty or outside the arrays, or a split is
     * needed and the chunk id is 0.
     */
    public int appendNext(final WireRequestWriter writer, final int reserve)
    {
        if (next >= count || count > addrs.length || count > sizes.length)
        {
            return Errno.EINVAL.status();
        }
        final int room = writer.remaining() - reserve - DmaXferFlyweight.LENGTH;
        final int fit = room < 0 ? 0 : room / DmaXferFlyweight.PAIR_LENGTH;
        final int n = Math.min(count - next, fit);
        if (n < 1)
        {
            return WireMessageWriter.INSUFFICIENT_CAPACITY;
        }
        final boolean more = next + n < count;
        final boolean split = more || next > 0;
        if (split && dmaChunkId == 0)
        {
            return Errno.EINVAL.status();
        }
        final int flags = (more ? DmaXferFlyweight.FLAG_MORE : 0) | (next == 0 ? firstFlags : 0);
        final int offset = writer.appendDmaXfer(tag, split ? dmaChunkId : 0, flags, addrs, sizes, next, n);
        if (offset < 0)
        {
            return offset;
        }
        for (int i = next, end = next + n; i < end; i++)
        {
            xferredSize += sizes[i];
        }
        next += n;
        return n;
    }

    /**
     * Check the device's DMA_XFER_CONT (already validated) before sending the next piece.
     *
     * @param offset where the DMA_XFER_CONT transaction starts in {@code buffer}.
     * @return 0, or -EINVAL when nothing is left to send or the chunk id or byte count disagree.
     */
    public int checkContinue(final WireBuffer buffer, final int offset, final WireError error)
    {
        error.reset();
        final int chunkId = buffer.getInt(offset + DmaXferContFlyweight.DMA_CHUNK_ID_OFFSET);
        if (isDone() || next == 0)
        {
            return error.set(Errno.EINVAL, UNEXPECTED_CONTINUE, chunkId & 0xFFFF_FFFFL);
        }
        if (chunkId != dmaChunkId)
        {
            return error.set(Errno.EINVAL, BAD_CONTINUE_CHUNK_ID, chunkId & 0xFFFF_FFFFL, dmaChunkId & 0xFFFF_FFFFL);
        }
        final long size = buffer.getLong(offset + DmaXferContFlyweight.XFERRED_SIZE_OFFSET);
        if (size != xferredSize)
        {
            return error.set(Errno.EINVAL, BAD_CONTINUE_SIZE, size, xferredSize);
        }
        return 0;
    }

    /** Append the abort of this chunk; send it alone. The device then drops what it stored of the chunk. */
    public int appendAbort(final WireRequestWriter writer)
    {
        return writer.appendDmaAbort(dmaChunkId);
    }

    /** @return true once every pair has been appended. */
    public boolean isDone()
    {
        return next >= count;
    }

    /** @return pairs appended so far. */
    public int sent()
    {
        return next;
    }

    /** @return bytes (sum of sizes) appended so far: what the device's DMA_XFER_CONT must report. */
    public long xferredSize()
    {
        return xferredSize;
    }

    public int dmaChunkId()
    {
        return dmaChunkId;
    }
}

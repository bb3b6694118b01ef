package dev.shadowdev.firmware.qsm;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.wire.DmaXferFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireResponseWriter;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * DMA_XFER_TO_DEV for the {@link QsmControlAdapter}: reads the address/size pairs straight from host memory into
 * {@code Firmware.loadImage}, all pairs of a piece or none, and keeps the transfers split over several messages
 * ({@link DmaContinuations}) with their rollback point. The message flow of a split transfer (saved answers,
 * deferred transactions, DMA_XFER_CONT) stays with the adapter. See the {@link dev.shadowdev.firmware.qsm package}
 * comment for the protocol. Device thread only; nothing allocates unless the model refuses.
 */
final class DmaXferService
{
    static final String DMA_PAIR_OUTSIDE = "dma pair outside host memory: index=%d addr=0x%x size=%d";
    static final String DMA_CHUNK_BUSY = "dma chunk in progress: dma_chunk_id=%d";
    static final String DMA_NO_CHUNK = "no dma chunk in progress: dma_chunk_id=%d";
    static final String DMA_TOO_MANY_CHUNKS = "too many dma chunks in progress: max=%d";
    static final String DMA_NESTED = "dma continuation in a continued message: dma_chunk_id=%d";
    static final String DMA_CONT_RESTART = "restart flag on a dma continuation: dma_chunk_id=%d";
    static final String DMA_CONT_SLOT = "dma continuation for another slot: tag=%d expected=%d";

    /** Most address/size pairs one DMA_XFER_TO_DEV can carry in a 64 KiB message. */
    static final int MAX_PAIRS = (WireDirection.TO_DEV.maxLength() - WireMessageHeaderFlyweight.LENGTH -
        DmaXferFlyweight.LENGTH) / DmaXferFlyweight.PAIR_LENGTH;
    /** {@link #onDmaXfer} answered the transaction. */
    static final int SERVED = 0;
    /** {@link #onDmaXfer} started a split transfer: see {@link #takeStarted()}. */
    static final int CHUNK_STARTED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(DmaXferService.class);

    private final Firmware firmware;
    private final SharedRegion region;
    private final ByteBuffer hostMemory;
    private final WireResponseWriter writer;
    private final QsmErrors errors;
    private final WireError error = new WireError();
    private final DmaXferFlyweight dma = new DmaXferFlyweight();
    private final DmaContinuations continuations = new DmaContinuations();
    private final int[] pairOffsets = new int[MAX_PAIRS];
    private final int[] pairLengths = new int[MAX_PAIRS];
    private int gathered;
    private boolean more;
    private DmaContinuation started;

    /**
     * @param firmware   the model images are loaded into.
     * @param region     host memory the pairs point into.
     * @param hostMemory a private view of the region's buffer.
     * @param writer     where answers go.
     * @param errors     where refusals are recorded.
     */
    DmaXferService(
        final Firmware firmware,
        final SharedRegion region,
        final ByteBuffer hostMemory,
        final WireResponseWriter writer,
        final QsmErrors errors)
    {
        this.firmware = firmware;
        this.region = region;
        this.hostMemory = hostMemory;
        this.writer = writer;
        this.errors = errors;
    }

    /**
     * A DMA_XFER_TO_DEV (already verified) in a message: load it, or abort a split transfer (no pairs), or start
     * one (MORE).
     *
     * @param mayStartChunk false inside the deferred transactions of a split transfer: MORE is refused there.
     * @return {@link #SERVED} after appending the answer, or {@link #CHUNK_STARTED} (nothing appended).
     */
    int onDmaXfer(
        final int partitionId, final int handle, final WireBuffer buffer, final int offset, final boolean mayStartChunk)
    {
        dma.wrap(buffer, offset);
        final int pairs = dma.count();
        final int chunkId = dma.dmaChunkId();
        final int flags = dma.flags();
        if (pairs == 0)
        {
            abort(partitionId, handle, chunkId);
            return SERVED;
        }
        if (chunkId != 0 && continuations.find(partitionId, handle, chunkId) != null)
        {
            return refuse(error.set(Errno.EBUSY, DMA_CHUNK_BUSY, chunkId & 0xFFFF_FFFFL));
        }
        final boolean startsChunk = (flags & DmaXferFlyweight.FLAG_MORE) != 0;
        if (startsChunk && !mayStartChunk)
        {
            return refuse(error.set(Errno.EINVAL, DMA_NESTED, chunkId & 0xFFFF_FFFFL));
        }
        DmaContinuation chunk = null;
        if (startsChunk)
        {
            chunk = continuations.claim(partitionId, handle, chunkId);
            if (chunk == null)
            {
                return refuse(error.set(Errno.EBUSY, DMA_TOO_MANY_CHUNKS, DmaContinuations.MAX_IN_PROGRESS));
            }
        }
        final int slot = dma.tag();
        final int startLength = Math.max(0, firmware.slotLength(partitionId, handle, slot));
        final boolean restart = (flags & DmaXferFlyweight.FLAG_RESTART) != 0;
        final long bytes = gatherPairs(pairs);
        final int status = bytes < 0 ? (int)bytes : load(partitionId, handle, slot, restart ? 0 : startLength);
        if (status != 0 || !startsChunk)
        {
            if (chunk != null)
            {
                continuations.release(chunk);
            }
            answer(status);
            return SERVED;
        }
        chunk.started(slot, restart ? 0 : startLength, bytes);
        started = chunk;
        return CHUNK_STARTED;
    }

    /** @return the split transfer the last {@link #onDmaXfer} started, once. */
    DmaContinuation takeStarted()
    {
        final DmaContinuation chunk = started;
        started = null;
        return chunk;
    }

    /**
     * @param offset the only transaction of a message.
     * @return the split transfer it continues (a DMA_XFER_TO_DEV with pairs under a chunk id in progress for the
     * same owner), or null.
     */
    DmaContinuation continuationOf(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        if (buffer.getInt(offset + WireTransactionHeaderFlyweight.TYPE_OFFSET) != WireTypes.DMA_XFER_TO_DEV ||
            buffer.getInt(offset + WireTransactionHeaderFlyweight.LEN_OFFSET) < DmaXferFlyweight.LENGTH ||
            buffer.getInt(offset + DmaXferFlyweight.COUNT_OFFSET) == 0)
        {
            return null;
        }
        final int chunkId = buffer.getInt(offset + DmaXferFlyweight.DMA_CHUNK_ID_OFFSET);
        return chunkId == 0 ? null : continuations.find(partitionId, handle, chunkId);
    }

    /**
     * The next piece of a split transfer. On success {@link #more()} tells whether more follow and the chunk's
     * {@code xferredSize} has grown; on failure the slot is cut back to where the transfer began.
     *
     * @param verified the validator's verdict on the transaction: 0, or its negative errno (reason recorded).
     * @return 0 or a negative errno.
     */
    int onPiece(final DmaContinuation chunk, final WireBuffer buffer, final int offset, final int verified)
    {
        more = false;
        int status = verified;
        if (status == 0)
        {
            dma.wrap(buffer, offset);
            final int flags = dma.flags();
            if ((flags & DmaXferFlyweight.FLAG_RESTART) != 0)
            {
                status = fail(error.set(Errno.EINVAL, DMA_CONT_RESTART, chunk.chunkId() & 0xFFFF_FFFFL));
            }
            else if (dma.tag() != chunk.slot())
            {
                status = fail(error.set(
                    Errno.EINVAL, DMA_CONT_SLOT, dma.tag() & 0xFFFF_FFFFL, chunk.slot() & 0xFFFF_FFFFL));
            }
            else
            {
                final long bytes = gatherPairs(dma.count());
                status = bytes < 0 ? (int)bytes : load(chunk.partitionId(), chunk.handle(), chunk.slot(),
                    Math.max(0, firmware.slotLength(chunk.partitionId(), chunk.handle(), chunk.slot())));
                if (status == 0)
                {
                    chunk.received(bytes);
                    more = (flags & DmaXferFlyweight.FLAG_MORE) != 0;
                }
            }
        }
        if (status != 0)
        {
            errors.refused();
            rollBack(chunk);
        }
        return status;
    }

    /** @return whether the piece {@link #onPiece} just loaded has more after it. */
    boolean more()
    {
        return more;
    }

    void release(final DmaContinuation chunk)
    {
        continuations.release(chunk);
    }

    int dropOwner(final int partitionId, final int handle)
    {
        return continuations.dropOwner(partitionId, handle);
    }

    int dropPartition(final int partitionId)
    {
        return continuations.dropPartition(partitionId);
    }

    void clear()
    {
        continuations.clear();
        started = null;
    }

    int inProgress()
    {
        return continuations.inProgress();
    }

    /** A DMA_XFER_TO_DEV without pairs: abort the split transfer under that chunk id. */
    private void abort(final int partitionId, final int handle, final int chunkId)
    {
        final DmaContinuation chunk = continuations.find(partitionId, handle, chunkId);
        if (chunk == null)
        {
            refuse(error.set(Errno.ENOENT, DMA_NO_CHUNK, chunkId & 0xFFFF_FFFFL));
            return;
        }
        rollBack(chunk);
        continuations.release(chunk);
        LOG.debug("dma chunk aborted: partition={} handle={} dma_chunk_id={}", partitionId, handle, chunkId);
        answer(0);
    }

    /**
     * Resolve every pair of the wrapped DMA_XFER_TO_DEV to an index in host memory, for {@link #load}.
     *
     * @return the bytes the pairs hold, or -EINVAL (reason recorded) when one lies outside host memory.
     */
    private long gatherPairs(final int count)
    {
        final int pairs = Math.min(count, MAX_PAIRS);
        long bytes = 0;
        for (int i = 0; i < pairs; i++)
        {
            final long address = dma.addr(i);
            final long size = dma.size(i);
            final int index = size <= 0 || size > Integer.MAX_VALUE ?
                SharedRegion.OUT_OF_BOUNDS : region.offset(address, (int)size);
            if (index == SharedRegion.OUT_OF_BOUNDS)
            {
                return fail(error.set(Errno.EINVAL, DMA_PAIR_OUTSIDE, i, address, size));
            }
            pairOffsets[i] = index;
            pairLengths[i] = (int)size;
            bytes += size;
        }
        gathered = pairs;
        return bytes;
    }

    /** @return 0, or the model's status with its reason recorded. */
    private int load(final int partitionId, final int handle, final int slot, final long offset)
    {
        try
        {
            firmware.loadImage(partitionId, handle, slot, offset, hostMemory, pairOffsets, pairLengths, gathered);
            return 0;
        }
        catch (final FirmwareException ex)
        {
            errors.reason(ex.getMessage());
            return ex.status();
        }
    }

    /** Cut the slot back to where it was before the split transfer began. */
    private void rollBack(final DmaContinuation chunk)
    {
        try
        {
            firmware.truncateImage(chunk.partitionId(), chunk.handle(), chunk.slot(), chunk.startLength());
        }
        catch (final FirmwareException ex)
        {
            LOG.debug("dma chunk rollback refused: dma_chunk_id={} reason={}", chunk.chunkId(), ex.getMessage());
        }
    }

    /** The answer to a DMA piece; a failure's reason is recorded already. */
    private void answer(final int status)
    {
        if (status != 0)
        {
            errors.refused();
        }
        writer.appendResult(WireTypes.DMA_XFER_TO_DEV, status);
    }

    private int refuse(final int status)
    {
        errors.refused(error.message());
        writer.appendResult(WireTypes.DMA_XFER_TO_DEV, status);
        return SERVED;
    }

    private int fail(final int status)
    {
        errors.reason(error.message());
        return status;
    }
}

package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;

/**
 * Builds host-to-device wire messages (the driver's side): one append per TO_DEV transaction, messages up to
 * 64 KiB. See {@link WireMessageWriter} for the return convention. Long DMA address lists go through
 * {@link DmaXferSplitter}.
 */
public final class WireRequestWriter extends WireMessageWriter
{
    public WireRequestWriter()
    {
        super(WireDirection.TO_DEV);
    }

    @Override
    public WireRequestWriter wrap(final WireBuffer buffer, final int offset, final int capacity)
    {
        super.wrap(buffer, offset, capacity);
        return this;
    }

    /**
     * PASSTHROUGH_TO_DEV carrying {@code dataLength} bytes copied from {@code src}.
     *
     * @return the offset, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL when {@code dataLength} is not a
     * multiple of 8 or the source range is outside {@code src}.
     */
    public int appendPassthrough(final WireBuffer src, final int srcIndex, final int dataLength)
    {
        return appendPassthrough(WireTypes.PASSTHROUGH_TO_DEV, src, srcIndex, dataLength);
    }

    /**
     * DMA_XFER_TO_DEV with pairs {@code [from, from + pairCount)} of {@code addrs}/{@code sizes}.
     *
     * @param flags {@link DmaXferFlyweight#FLAG_MORE}, {@link DmaXferFlyweight#FLAG_RESTART} or 0.
     * @return the offset, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL for a range outside the arrays.
     */
    public int appendDmaXfer(
        final int tag,
        final int dmaChunkId,
        final int flags,
        final long[] addrs,
        final long[] sizes,
        final int from,
        final int pairCount)
    {
        if (from < 0 || pairCount < 0 || (long)from + pairCount > Math.min(addrs.length, sizes.length))
        {
            return Errno.EINVAL.status();
        }
        final long transactionLength = DmaXferFlyweight.lengthFor(pairCount);
        if (transactionLength > remaining())
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = reserve(WireTypes.DMA_XFER_TO_DEV, (int)transactionLength);
        if (offset >= 0)
        {
            buffer.putInt(offset + DmaXferFlyweight.TAG_OFFSET, tag);
            buffer.putInt(offset + DmaXferFlyweight.COUNT_OFFSET, pairCount);
            buffer.putInt(offset + DmaXferFlyweight.DMA_CHUNK_ID_OFFSET, dmaChunkId);
            buffer.putInt(offset + DmaXferFlyweight.FLAGS_OFFSET, flags);
            int pair = offset + DmaXferFlyweight.PAIRS_OFFSET;
            for (int i = from, end = from + pairCount; i < end; i++)
            {
                buffer.putLong(pair + DmaXferFlyweight.PAIR_ADDR_OFFSET, addrs[i]);
                buffer.putLong(pair + DmaXferFlyweight.PAIR_SIZE_OFFSET, sizes[i]);
                pair += DmaXferFlyweight.PAIR_LENGTH;
            }
        }
        return offset;
    }

    /** DMA_XFER_TO_DEV with no pairs under {@code dmaChunkId}: abort that chunk (qaic's {@code abort_dma_cont}). */
    public int appendDmaAbort(final int dmaChunkId)
    {
        final int offset = reserve(WireTypes.DMA_XFER_TO_DEV, DmaXferFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putInt(offset + DmaXferFlyweight.DMA_CHUNK_ID_OFFSET, dmaChunkId);
        }
        return offset;
    }

    public int appendActivate(
        final long reqQAddr,
        final long rspQAddr,
        final int reqQSize,
        final int rspQSize,
        final int bufLen,
        final int options)
    {
        final int offset = reserve(WireTypes.ACTIVATE_TO_DEV, ActivateToDevFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putLong(offset + ActivateToDevFlyweight.REQ_Q_ADDR_OFFSET, reqQAddr);
            buffer.putLong(offset + ActivateToDevFlyweight.RSP_Q_ADDR_OFFSET, rspQAddr);
            buffer.putInt(offset + ActivateToDevFlyweight.REQ_Q_SIZE_OFFSET, reqQSize);
            buffer.putInt(offset + ActivateToDevFlyweight.RSP_Q_SIZE_OFFSET, rspQSize);
            buffer.putInt(offset + ActivateToDevFlyweight.BUF_LEN_OFFSET, bufLen);
            buffer.putInt(offset + ActivateToDevFlyweight.OPTIONS_OFFSET, options);
        }
        return offset;
    }

    public int appendStatus()
    {
        return reserve(WireTypes.STATUS_TO_DEV, WireTransactionHeaderFlyweight.HEADER_LENGTH);
    }

    public int appendTerminate(final int handle)
    {
        return appendIntPair(WireTypes.TERMINATE_TO_DEV, TerminateToDevFlyweight.LENGTH, handle, 0);
    }

    public int appendValidatePartition(final int partitionId)
    {
        return appendIntPair(
            WireTypes.VALIDATE_PARTITION_TO_DEV, ValidatePartitionToDevFlyweight.LENGTH, partitionId, 0);
    }

    public int appendDeactivate(final int dbcId)
    {
        return appendIntPair(WireTypes.DEACTIVATE_TO_DEV, DeactivateToDevFlyweight.LENGTH, dbcId, 0);
    }

    /**
     * PART_CREATE_TO_DEV whose 72-byte body (name and resource vector) is copied from {@code src}: the node
     * PART_CREATE request body has the same layout.
     */
    public int appendPartCreate(final WireBuffer src, final int bodyIndex)
    {
        if (!src.inBounds(bodyIndex, PartCreateFlyweight.LENGTH - PartCreateFlyweight.NAME_OFFSET))
        {
            return Errno.EINVAL.status();
        }
        final int offset = reserve(WireTypes.PART_CREATE_TO_DEV, PartCreateFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putBytes(
                offset + PartCreateFlyweight.NAME_OFFSET,
                src,
                bodyIndex,
                PartCreateFlyweight.LENGTH - PartCreateFlyweight.NAME_OFFSET);
        }
        return offset;
    }

    /**
     * PART_CREATE_TO_DEV from a name and a {@link Resource#COUNT}-long vector (control plane: encodes the name).
     *
     * @return the offset, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL for a name that does not fit
     * {@link NameField} or a vector of the wrong length.
     */
    public int appendPartCreate(final String name, final long[] res)
    {
        if (!PartCreateFlyweight.fits(name, res))
        {
            return Errno.EINVAL.status();
        }
        final int offset = reserve(WireTypes.PART_CREATE_TO_DEV, PartCreateFlyweight.LENGTH);
        if (offset >= 0)
        {
            PartCreateFlyweight.put(buffer, offset, name, res);
        }
        return offset;
    }

    /**
     * PART_CREATE_TO_DEV with the v1.1 body (ABI.md 6.1): its 120 bytes (name, min, max, flags, reserved) copied
     * from {@code src}, where the node PART_CREATE request of that length has them.
     */
    public int appendPartCreateEx(final WireBuffer src, final int bodyIndex)
    {
        return appendBody(WireTypes.PART_CREATE_TO_DEV, PartCreateExFlyweight.LENGTH, src, bodyIndex);
    }

    /**
     * PART_CREATE_TO_DEV with the v1.1 body from values (control plane: encodes the name).
     *
     * @param flags {@link PartCreateExFlyweight#FLAG_LEND} or 0.
     * @return the offset, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL for a name that does not fit
     * {@link NameField} or a vector of the wrong length.
     */
    public int appendPartCreateEx(final String name, final long[] min, final long[] max, final int flags)
    {
        if (!PartCreateExFlyweight.fits(name, min, max))
        {
            return Errno.EINVAL.status();
        }
        final int offset = reserve(WireTypes.PART_CREATE_TO_DEV, PartCreateExFlyweight.LENGTH);
        if (offset >= 0)
        {
            PartCreateExFlyweight.put(buffer, offset, name, min, max, flags);
        }
        return offset;
    }

    /** PART_RESIZE_TO_DEV whose 88-byte body is copied from {@code src} (the node PART_RESIZE body, same layout). */
    public int appendPartResize(final WireBuffer src, final int bodyIndex)
    {
        return appendBody(WireTypes.PART_RESIZE_TO_DEV, PartResizeFlyweight.LENGTH, src, bodyIndex);
    }

    /** @return the offset, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL for a vector of the wrong length. */
    public int appendPartResize(final int partitionId, final int flags, final long[] min, final long[] max)
    {
        if (!PartResizeFlyweight.fits(min, max))
        {
            return Errno.EINVAL.status();
        }
        final int offset = reserve(WireTypes.PART_RESIZE_TO_DEV, PartResizeFlyweight.LENGTH);
        if (offset >= 0)
        {
            PartResizeFlyweight.put(buffer, offset, partitionId, flags, min, max);
        }
        return offset;
    }

    /** PART_DRAIN_TO_DEV; {@code graceMs} is a u32 ({@link PartDrainFlyweight#GRACE_NEVER}: never). */
    public int appendPartDrain(final int partitionId, final int flags, final int graceMs)
    {
        final int offset = reserve(WireTypes.PART_DRAIN_TO_DEV, PartDrainFlyweight.LENGTH);
        if (offset >= 0)
        {
            PartDrainFlyweight.put(buffer, offset, partitionId, flags, graceMs);
        }
        return offset;
    }

    public int appendPartQueryEx()
    {
        return reserve(WireTypes.PART_QUERY_EX_TO_DEV, WireTransactionHeaderFlyweight.HEADER_LENGTH);
    }

    public int appendPartDestroy(final int partitionId, final int flags)
    {
        return appendIntPair(WireTypes.PART_DESTROY_TO_DEV, PartDestroyToDevFlyweight.LENGTH, partitionId, flags);
    }

    public int appendPartQuery()
    {
        return reserve(WireTypes.PART_QUERY_TO_DEV, WireTransactionHeaderFlyweight.HEADER_LENGTH);
    }

    public int appendPoolQuery()
    {
        return reserve(WireTypes.POOL_QUERY_TO_DEV, WireTransactionHeaderFlyweight.HEADER_LENGTH);
    }

    /** A transaction of {@code type} whose body (everything after its 8-byte header) is copied from {@code src}. */
    private int appendBody(final int type, final int transactionLength, final WireBuffer src, final int bodyIndex)
    {
        final int bodyLength = transactionLength - WireTransactionHeaderFlyweight.HEADER_LENGTH;
        if (!src.inBounds(bodyIndex, bodyLength))
        {
            return Errno.EINVAL.status();
        }
        return reserveData(type, transactionLength, WireTransactionHeaderFlyweight.HEADER_LENGTH,
            WireTransactionHeaderFlyweight.HEADER_LENGTH, src, bodyIndex, bodyLength);
    }

    private int appendIntPair(final int type, final int transactionLength, final int first, final int second)
    {
        final int offset = reserve(type, transactionLength);
        if (offset >= 0)
        {
            buffer.putInt(offset + WireTransactionHeaderFlyweight.HEADER_LENGTH, first);
            buffer.putInt(offset + WireTransactionHeaderFlyweight.HEADER_LENGTH + Integer.BYTES, second);
        }
        return offset;
    }
}

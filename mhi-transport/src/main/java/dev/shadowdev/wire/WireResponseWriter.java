package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;

/**
 * Builds device-to-host wire messages (the firmware control service's side): one append per FROM_DEV transaction,
 * messages up to 64 KiB. See {@link WireMessageWriter} for the return convention.
 * <p>
 * The device answers every request transaction, in order, with exactly one response transaction;
 * {@link #appendError(int, int)} writes the error answer for any request type, so a service that cannot serve a
 * request (or does not know its type, or cannot read its body) answers it with one call.
 */
public final class WireResponseWriter extends WireMessageWriter
{
    public WireResponseWriter()
    {
        super(WireDirection.FROM_DEV);
    }

    @Override
    public WireResponseWriter wrap(final WireBuffer buffer, final int offset, final int capacity)
    {
        super.wrap(buffer, offset, capacity);
        return this;
    }

    /**
     * Start the answer to the request at {@code requestOffset}: its sequence number, handle and partition ID.
     * The request must have at least a whole header (32 bytes) in {@code request}.
     *
     * @return 0, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL when the request has no whole header there.
     */
    public int beginReplyTo(final WireBuffer request, final int requestOffset)
    {
        if (!request.inBounds(requestOffset, WireMessageHeaderFlyweight.LENGTH))
        {
            return Errno.EINVAL.status();
        }
        return begin(
            request.getInt(requestOffset + WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET),
            request.getInt(requestOffset + WireMessageHeaderFlyweight.HANDLE_OFFSET),
            request.getInt(requestOffset + WireMessageHeaderFlyweight.PARTITION_ID_OFFSET));
    }

    /**
     * The error answer to a request transaction of type {@code requestType}: its own response type with
     * {@code status} and a zeroed body when that type has a status field, otherwise (PASSTHROUGH, DMA_XFER, an
     * unknown type) a {@link ResultFromDevFlyweight RESULT_FROM_DEV} naming the request type.
     *
     * @param status a negative errno.
     * @return the offset or {@link #INSUFFICIENT_CAPACITY}.
     */
    public int appendError(final int requestType, final int status)
    {
        final int responseType = WireTypes.responseTypeOf(requestType);
        final int statusOffset = WireLayouts.statusOffset(responseType);
        if (statusOffset < 0 || responseType == WireTypes.RESULT_FROM_DEV)
        {
            return appendResult(requestType, status);
        }
        final int offset = reserve(responseType, WireLayouts.minLength(responseType));
        if (offset >= 0)
        {
            buffer.putInt(offset + statusOffset, status);
        }
        return offset;
    }

    /**
     * RESULT_FROM_DEV: the status of a request without a status-bearing response (every DMA_XFER_TO_DEV), or with
     * {@code requestType} {@link WireTypes#UNDEFINED} the answer to a message that could not be walked.
     */
    public int appendResult(final int requestType, final int status)
    {
        return appendIntPair(WireTypes.RESULT_FROM_DEV, ResultFromDevFlyweight.LENGTH, status, requestType);
    }

    /**
     * PASSTHROUGH_FROM_DEV carrying {@code dataLength} bytes copied from {@code src} (the echo).
     *
     * @return the offset, {@link #INSUFFICIENT_CAPACITY}, or -EINVAL when {@code dataLength} is not a
     * multiple of 8 or the source range is outside {@code src}.
     */
    public int appendPassthrough(final WireBuffer src, final int srcIndex, final int dataLength)
    {
        return appendPassthrough(WireTypes.PASSTHROUGH_FROM_DEV, src, srcIndex, dataLength);
    }

    /** @param options the core mask on success, the short mask on -ENOSPC. */
    public int appendActivate(final int status, final int dbcId, final long options)
    {
        final int offset = appendIntPair(WireTypes.ACTIVATE_FROM_DEV, ActivateFromDevFlyweight.LENGTH, status, dbcId);
        if (offset >= 0)
        {
            buffer.putLong(offset + ActivateFromDevFlyweight.OPTIONS_OFFSET, options);
        }
        return offset;
    }

    public int appendDeactivate(final int status, final int dbcId)
    {
        return appendIntPair(WireTypes.DEACTIVATE_FROM_DEV, DeactivateFromDevFlyweight.LENGTH, status, dbcId);
    }

    public int appendStatus(final int major, final int minor, final int status, final long statusFlags)
    {
        final int offset = reserve(WireTypes.STATUS_FROM_DEV, StatusFromDevFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putShort(offset + StatusFromDevFlyweight.MAJOR_OFFSET, major);
            buffer.putShort(offset + StatusFromDevFlyweight.MINOR_OFFSET, minor);
            buffer.putInt(offset + StatusFromDevFlyweight.STATUS_OFFSET, status);
            buffer.putLong(offset + StatusFromDevFlyweight.STATUS_FLAGS_OFFSET, statusFlags);
        }
        return offset;
    }

    public int appendTerminate(final int status)
    {
        return appendIntPair(WireTypes.TERMINATE_FROM_DEV, TerminateFromDevFlyweight.LENGTH, status, 0);
    }

    /** DMA_XFER_CONT: must be the only transaction of its message (qaic only looks at a count-1 answer). */
    public int appendDmaXferCont(final int dmaChunkId, final long xferredSize)
    {
        final int offset = appendIntPair(WireTypes.DMA_XFER_CONT, DmaXferContFlyweight.LENGTH, dmaChunkId, 0);
        if (offset >= 0)
        {
            buffer.putLong(offset + DmaXferContFlyweight.XFERRED_SIZE_OFFSET, xferredSize);
        }
        return offset;
    }

    public int appendValidatePartition(final int status)
    {
        return appendIntPair(
            WireTypes.VALIDATE_PARTITION_FROM_DEV, ValidatePartitionFromDevFlyweight.LENGTH, status, 0);
    }

    public int appendPartCreate(final int status, final int partitionId, final int shortMask)
    {
        final int offset = appendIntPair(WireTypes.PART_CREATE_FROM_DEV, PartCreateFromDevFlyweight.LENGTH, status, 0);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartCreateFromDevFlyweight.PARTITION_ID_OFFSET, partitionId);
            buffer.putInt(offset + PartCreateFromDevFlyweight.SHORT_MASK_OFFSET, shortMask);
        }
        return offset;
    }

    public int appendPartDestroy(final int status)
    {
        return appendIntPair(WireTypes.PART_DESTROY_FROM_DEV, PartDestroyFromDevFlyweight.LENGTH, status, 0);
    }

    /**
     * PART_QUERY_FROM_DEV with {@code n} zeroed entries; fill them through a
     * {@link dev.shadowdev.wire.node.PartitionEntryFlyweight} at {@link PartQueryFromDevFlyweight#entryIndex(int)}.
     *
     * @return the offset, {@link #INSUFFICIENT_CAPACITY} (more than fit, at most
     * {@link PartQueryFromDevFlyweight#MAX_ENTRIES} in an otherwise empty answer), or -EINVAL for a negative n.
     */
    public int appendPartQuery(final int status, final int n)
    {
        if (n < 0)
        {
            return Errno.EINVAL.status();
        }
        final long transactionLength = PartQueryFromDevFlyweight.lengthFor(n);
        if (transactionLength > remaining())
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = appendIntPair(WireTypes.PART_QUERY_FROM_DEV, (int)transactionLength, status, 0);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartQueryFromDevFlyweight.N_OFFSET, n);
        }
        return offset;
    }

    /** PART_RESIZE_FROM_DEV: the short mask (on -ENOSPC or -EBUSY) and the workloads preempted. */
    public int appendPartResize(final int status, final int shortMask, final int preempted)
    {
        final int offset = appendIntPair(WireTypes.PART_RESIZE_FROM_DEV, PartResizeFromDevFlyweight.LENGTH, status, 0);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartResizeFromDevFlyweight.SHORT_MASK_OFFSET, shortMask);
            buffer.putInt(offset + PartResizeFromDevFlyweight.PREEMPTED_OFFSET, preempted);
        }
        return offset;
    }

    /** PART_DRAIN_FROM_DEV: the partition's active workloads when the drain began. */
    public int appendPartDrain(final int status, final int activeWorkloads)
    {
        final int offset = appendIntPair(WireTypes.PART_DRAIN_FROM_DEV, PartDrainFromDevFlyweight.LENGTH, status, 0);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartDrainFromDevFlyweight.ACTIVE_WORKLOADS_OFFSET, activeWorkloads);
        }
        return offset;
    }

    /**
     * PART_QUERY_EX_FROM_DEV with {@code n} zeroed entries; fill them through a {@link PartitionEntryExFlyweight}
     * at {@link PartQueryExFromDevFlyweight#entryIndex(int)}.
     *
     * @return the offset, {@link #INSUFFICIENT_CAPACITY} when they do not fit, or -EINVAL for a negative n.
     */
    public int appendPartQueryEx(final int status, final int n)
    {
        if (n < 0)
        {
            return Errno.EINVAL.status();
        }
        final long transactionLength = PartQueryExFromDevFlyweight.lengthFor(n);
        if (transactionLength > remaining())
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = appendIntPair(WireTypes.PART_QUERY_EX_FROM_DEV, (int)transactionLength, status, 0);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartQueryExFromDevFlyweight.N_OFFSET, n);
        }
        return offset;
    }

    /** @param total and {@code free}: {@link Resource#COUNT}-long vectors, else -EINVAL. */
    public int appendPoolQuery(final int status, final long[] total, final long[] free)
    {
        if (total.length != Resource.COUNT || free.length != Resource.COUNT)
        {
            return Errno.EINVAL.status();
        }
        final int offset = appendIntPair(WireTypes.POOL_QUERY_FROM_DEV, PoolQueryFromDevFlyweight.LENGTH, status, 0);
        if (offset >= 0)
        {
            for (int i = 0; i < Resource.COUNT; i++)
            {
                buffer.putLong(offset + PoolQueryFromDevFlyweight.TOTAL_OFFSET + i * Long.BYTES, total[i]);
                buffer.putLong(offset + PoolQueryFromDevFlyweight.FREE_OFFSET + i * Long.BYTES, free[i]);
            }
        }
        return offset;
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

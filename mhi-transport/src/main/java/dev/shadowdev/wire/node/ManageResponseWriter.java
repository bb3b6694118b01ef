package dev.shadowdev.wire.node;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.wire.WireBuffer;

/**
 * Builds a node response (ABI.md 1.2) in a caller-given buffer: {@link #begin}, one response transaction per
 * request transaction in order, {@link #finish}. For the driver. A failed transaction is answered with
 * {@link #appendEmpty} (its type, the negative errno, no body) unless its type defines an error payload (ACTIVATE
 * on -ENOSPC or -EDQUOT, PART_CREATE on -ENOSPC, PART_RESIZE on -ENOSPC or -EBUSY carry the short mask). Every
 * append returns the transaction's offset, or a negative errno and writes nothing: {@link #INSUFFICIENT_CAPACITY}
 * beyond the buffer or 131072 bytes, -EINVAL for a malformed argument. Nothing allocates.
 */
public final class ManageResponseWriter extends NodeMessageWriter
{
    private static final int HEADER = ManageResponseTransactionHeaderFlyweight.HEADER_LENGTH;

    public ManageResponseWriter()
    {
        super(ManageResponseFlyweight.LAYOUT, ManageResponseFlyweight.MAX_LENGTH);
    }

    /**
     * @param capacity bytes usable from {@code offset}; the limit is the smaller of this and 131072.
     * @return this.
     */
    public ManageResponseWriter wrap(final WireBuffer buffer, final int offset, final int capacity)
    {
        wrapAt(buffer, offset, capacity);
        return this;
    }

    /**
     * Append a response transaction header with {@code status} and a zeroed body; fill it through the type's
     * response flyweight at the returned offset.
     *
     * @param transactionLength header included, a multiple of 8 and at least 16.
     */
    public int reserve(final int type, final int status, final int transactionLength)
    {
        final int checked = checkReserve(transactionLength, HEADER);
        if (checked != 0)
        {
            return checked;
        }
        return withStatus(status, place(type, transactionLength));
    }

    /** Put {@code status} into the transaction reserved at {@code offset}, or pass its negative errno on. */
    private int withStatus(final int status, final int offset)
    {
        if (offset >= 0)
        {
            buffer.putInt(offset + ManageResponseTransactionHeaderFlyweight.STATUS_OFFSET, status);
        }
        return offset;
    }

    /**
     * Store {@code len}, {@code count} and the message status.
     *
     * @param status 0, or a negative errno for the whole message (then there may be no transactions).
     * @return the response length.
     */
    public int finish(final int status)
    {
        storeHeader(status);
        return length;
    }

    /** A response with no body: DMA_XFER, DEACTIVATE, PART_DESTROY, or any failed transaction. */
    public int appendEmpty(final int type, final int status)
    {
        return reserve(type, status, HEADER);
    }

    /** PASSTHROUGH: {@code dataLength} (a multiple of 8) bytes copied from {@code src}. */
    public int appendPassthrough(final int status, final WireBuffer src, final int srcIndex, final int dataLength)
    {
        final int checked = checkData(src, srcIndex, dataLength);
        return checked != 0 ? checked : withStatus(status, reserveData(NodeTypes.PASSTHROUGH,
            PassthroughResponseFlyweight.DATA_OFFSET + dataLength, HEADER, PassthroughResponseFlyweight.DATA_OFFSET,
            src, srcIndex, dataLength));
    }

    public int appendActivate(final int status, final int dbcId, final int shortMask, final long coreMask)
    {
        final int offset = reserve(NodeTypes.ACTIVATE, status, ActivateResponseFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putInt(offset + ActivateResponseFlyweight.DBC_ID_OFFSET, dbcId);
            buffer.putInt(offset + ActivateResponseFlyweight.SHORT_MASK_OFFSET, shortMask);
            buffer.putLong(offset + ActivateResponseFlyweight.CORE_MASK_OFFSET, coreMask);
        }
        return offset;
    }

    public int appendStatus(
        final int status, final int major, final int minor, final int fwStatus, final long flags)
    {
        final int offset = reserve(NodeTypes.STATUS, status, StatusResponseFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putShort(offset + StatusResponseFlyweight.MAJOR_OFFSET, major);
            buffer.putShort(offset + StatusResponseFlyweight.MINOR_OFFSET, minor);
            buffer.putInt(offset + StatusResponseFlyweight.FW_STATUS_OFFSET, fwStatus);
            buffer.putLong(offset + StatusResponseFlyweight.FLAGS_OFFSET, flags);
        }
        return offset;
    }

    /** EXECUTE: {@code dataLen} output bytes from {@code src}, zero-padded to 8. */
    public int appendExecute(
        final int status, final int dbcId, final WireBuffer src, final int srcIndex, final int dataLen)
    {
        if (dataLen < 0 || !src.inBounds(srcIndex, dataLen))
        {
            return Errno.EINVAL.status();
        }
        final long transactionLength = ExecuteResponseFlyweight.lengthFor(dataLen);
        if (transactionLength > limit - length)
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = withStatus(status, reserveData(NodeTypes.EXECUTE, (int)transactionLength, HEADER,
            ExecuteResponseFlyweight.DATA_OFFSET, src, srcIndex, dataLen));
        if (offset >= 0)
        {
            buffer.putInt(offset + ExecuteResponseFlyweight.DBC_ID_OFFSET, dbcId);
            buffer.putInt(offset + ExecuteResponseFlyweight.DATA_LEN_OFFSET, dataLen);
        }
        return offset;
    }

    public int appendPartCreate(final int status, final int partitionId, final int shortMask)
    {
        final int offset = reserve(NodeTypes.PART_CREATE, status, PartCreateResponseFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartCreateResponseFlyweight.PARTITION_ID_OFFSET, partitionId);
            buffer.putInt(offset + PartCreateResponseFlyweight.SHORT_MASK_OFFSET, shortMask);
        }
        return offset;
    }

    /** PART_QUERY with {@code n} zeroed entries, to fill at {@link PartQueryResponseFlyweight#entryIndex(int)}. */
    public int appendPartQuery(final int status, final int n)
    {
        if (n < 0)
        {
            return Errno.EINVAL.status();
        }
        final long transactionLength = PartQueryResponseFlyweight.lengthFor(n);
        if (transactionLength > limit - length)
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = reserve(NodeTypes.PART_QUERY, status, (int)transactionLength);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartQueryResponseFlyweight.N_OFFSET, n);
        }
        return offset;
    }

    /** PART_RESIZE: the short mask (on -ENOSPC or -EBUSY) and how many workloads were preempted. */
    public int appendPartResize(final int status, final int shortMask, final int preempted)
    {
        final int offset = reserve(NodeTypes.PART_RESIZE, status, PartResizeResponseFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartResizeResponseFlyweight.SHORT_MASK_OFFSET, shortMask);
            buffer.putInt(offset + PartResizeResponseFlyweight.PREEMPTED_OFFSET, preempted);
        }
        return offset;
    }

    /** PART_DRAIN: the partition's active workloads when the drain began. */
    public int appendPartDrain(final int status, final int activeWorkloads)
    {
        final int offset = reserve(NodeTypes.PART_DRAIN, status, PartDrainResponseFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartDrainResponseFlyweight.ACTIVE_WORKLOADS_OFFSET, activeWorkloads);
        }
        return offset;
    }

    /**
     * PART_QUERY_EX with {@code n} zeroed entries, to fill at {@link PartQueryExResponseFlyweight#entryIndex(int)}
     * through a {@link dev.shadowdev.wire.PartitionEntryExFlyweight}.
     */
    public int appendPartQueryEx(final int status, final int n)
    {
        if (n < 0)
        {
            return Errno.EINVAL.status();
        }
        final long transactionLength = PartQueryExResponseFlyweight.lengthFor(n);
        if (transactionLength > limit - length)
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = reserve(NodeTypes.PART_QUERY_EX, status, (int)transactionLength);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartQueryExResponseFlyweight.N_OFFSET, n);
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
        final int offset = reserve(NodeTypes.POOL_QUERY, status, PoolQueryResponseFlyweight.LENGTH);
        if (offset >= 0)
        {
            for (int i = 0; i < Resource.COUNT; i++)
            {
                buffer.putLong(offset + PoolQueryResponseFlyweight.TOTAL_OFFSET + i * Long.BYTES, total[i]);
                buffer.putLong(offset + PoolQueryResponseFlyweight.FREE_OFFSET + i * Long.BYTES, free[i]);
            }
        }
        return offset;
    }


}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.NameField;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartCreateFlyweight;
import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.WireBuffer;

/**
 * Builds a manage message (ABI.md 1.1) in a caller-given buffer: {@link #begin}, transactions, {@link #finish}.
 * For clients of a node (the Java client library, the daemon, tests). Every append returns the transaction's
 * offset in the buffer, or a negative errno and writes nothing: {@link #INSUFFICIENT_CAPACITY} when it would not
 * fit the buffer, 65536 bytes or 512 transactions, -EINVAL for an argument that would make a malformed
 * transaction. Nothing allocates except {@link #appendPartCreate(String, long[])} and
 * {@link #appendPartCreateEx(String, long[], long[], int)}.
 */
public final class ManageMessageWriter extends NodeMessageWriter
{
    public ManageMessageWriter()
    {
        super(ManageMessageFlyweight.LAYOUT, ManageMessageFlyweight.MAX_LENGTH);
    }

    /**
     * @param capacity bytes usable from {@code offset}; the limit is the smaller of this and 65536.
     * @return this.
     */
    public ManageMessageWriter wrap(final WireBuffer buffer, final int offset, final int capacity)
    {
        wrapAt(buffer, offset, capacity);
        return this;
    }

    /** @return the message length once {@code len} and {@code count} are stored, -EINVAL when empty. */
    public int finish()
    {
        if (count == 0)
        {
            return Errno.EINVAL.status();
        }
        storeHeader(0);
        return length;
    }

    /** @param dataLength a multiple of 8, else -EINVAL. */
    public int appendPassthrough(final WireBuffer src, final int srcIndex, final int dataLength)
    {
        final int checked = checkData(src, srcIndex, dataLength);
        return checked != 0 ? checked : reserveData(
            NodeTypes.PASSTHROUGH, PassthroughFlyweight.DATA_OFFSET + dataLength,
            ManageTransactionHeaderFlyweight.HEADER_LENGTH, PassthroughFlyweight.DATA_OFFSET, src, srcIndex, dataLength);
    }

    /** DMA_XFER of {@code dataLen} bytes from {@code src}, zero-padded to 8, at {@code slotOffset} of the slot. */
    public int appendDmaXfer(
        final int slot, final long slotOffset, final WireBuffer src, final int srcIndex, final int dataLen)
    {
        final int offset = appendData(NodeTypes.DMA_XFER, DmaXferRequestFlyweight.LENGTH, slot, src, srcIndex, dataLen);
        if (offset >= 0)
        {
            buffer.putLong(offset + DmaXferRequestFlyweight.SLOT_OFFSET_FIELD_OFFSET, slotOffset);
        }
        return offset;
    }

    /** EXECUTE of {@code dataLen} bytes from {@code src}, zero-padded to 8, on DBC {@code dbcId}. */
    public int appendExecute(final int dbcId, final WireBuffer src, final int srcIndex, final int dataLen)
    {
        return appendData(NodeTypes.EXECUTE, ExecuteRequestFlyweight.LENGTH, dbcId, src, srcIndex, dataLen);
    }

    public int appendActivate(final int slot)
    {
        final int offset = reserve(NodeTypes.ACTIVATE, ActivateRequestFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putInt(offset + ActivateRequestFlyweight.SLOT_OFFSET, slot);
        }
        return offset;
    }

    public int appendDeactivate(final int dbcId)
    {
        final int offset = reserve(NodeTypes.DEACTIVATE, DeactivateRequestFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putInt(offset + DeactivateRequestFlyweight.DBC_ID_OFFSET, dbcId);
        }
        return offset;
    }

    public int appendStatus()
    {
        return reserve(NodeTypes.STATUS, ManageTransactionHeaderFlyweight.HEADER_LENGTH);
    }

    /** @return the offset, or -EINVAL for a name that does not fit {@link NameField} or a wrong-length vector. */
    public int appendPartCreate(final String name, final long[] res)
    {
        if (!PartCreateFlyweight.fits(name, res))
        {
            return Errno.EINVAL.status();
        }
        final int offset = reserve(NodeTypes.PART_CREATE, PartCreateFlyweight.LENGTH);
        if (offset >= 0)
        {
            PartCreateFlyweight.put(buffer, offset, name, res);
        }
        return offset;
    }

    /**
     * PART_CREATE with the v1.1 body (ABI.md 6.1): a reservation {@code min}, a limit {@code max} and flags
     * ({@link PartCreateExFlyweight#FLAG_LEND}); the firmware checks their values.
     *
     * @return the offset, or -EINVAL for a name that does not fit {@link NameField} or a wrong-length vector.
     */
    public int appendPartCreateEx(final String name, final long[] min, final long[] max, final int flags)
    {
        if (!PartCreateExFlyweight.fits(name, min, max))
        {
            return Errno.EINVAL.status();
        }
        final int offset = reserve(NodeTypes.PART_CREATE, PartCreateExFlyweight.LENGTH);
        if (offset >= 0)
        {
            PartCreateExFlyweight.put(buffer, offset, name, min, max, flags);
        }
        return offset;
    }

    /**
     * PART_RESIZE (ABI.md 6.1) of partition {@code partitionId} to {@code min}/{@code max}.
     *
     * @param flags {@link PartResizeFlyweight#FLAG_FORCE}, {@link PartResizeFlyweight#FLAG_SET_LEND},
     *              {@link PartResizeFlyweight#FLAG_CLEAR_LEND}.
     * @return the offset, or -EINVAL for a wrong-length vector.
     */
    public int appendPartResize(final int partitionId, final int flags, final long[] min, final long[] max)
    {
        if (!PartResizeFlyweight.fits(min, max))
        {
            return Errno.EINVAL.status();
        }
        final int offset = reserve(NodeTypes.PART_RESIZE, PartResizeFlyweight.LENGTH);
        if (offset >= 0)
        {
            PartResizeFlyweight.put(buffer, offset, partitionId, flags, min, max);
        }
        return offset;
    }

    /**
     * PART_DRAIN (ABI.md 6.1).
     *
     * @param flags   {@link PartDrainFlyweight#FLAG_UNDO} or 0.
     * @param graceMs u32 milliseconds; {@link PartDrainFlyweight#GRACE_NEVER} never preempts.
     */
    public int appendPartDrain(final int partitionId, final int flags, final int graceMs)
    {
        final int offset = reserve(NodeTypes.PART_DRAIN, PartDrainFlyweight.LENGTH);
        if (offset >= 0)
        {
            PartDrainFlyweight.put(buffer, offset, partitionId, flags, graceMs);
        }
        return offset;
    }

    public int appendPartQueryEx()
    {
        return reserve(NodeTypes.PART_QUERY_EX, ManageTransactionHeaderFlyweight.HEADER_LENGTH);
    }

    public int appendPartDestroy(final int partitionId, final int flags)
    {
        final int offset = reserve(NodeTypes.PART_DESTROY, PartDestroyRequestFlyweight.LENGTH);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartDestroyRequestFlyweight.PARTITION_ID_OFFSET, partitionId);
            buffer.putInt(offset + PartDestroyRequestFlyweight.FLAGS_OFFSET, flags);
        }
        return offset;
    }

    /** PART_BIND of {@code pathLen} bytes of {@code src} (a cgroup path) to {@code partitionId}, padded to 8. */
    public int appendPartBind(
        final int partitionId, final int flags, final WireBuffer src, final int srcIndex, final int pathLen)
    {
        if (pathLen < 0 || !src.inBounds(srcIndex, pathLen))
        {
            return Errno.EINVAL.status();
        }
        final long transactionLength = PartBindRequestFlyweight.LENGTH + ((pathLen + 7L) & ~7L);
        if (transactionLength > limit - length)
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = reserve(NodeTypes.PART_BIND, (int)transactionLength);
        if (offset >= 0)
        {
            buffer.putInt(offset + PartBindRequestFlyweight.PARTITION_ID_OFFSET, partitionId);
            buffer.putInt(offset + PartBindRequestFlyweight.FLAGS_OFFSET, flags);
            buffer.putInt(offset + PartBindRequestFlyweight.PATH_LEN_OFFSET, pathLen);
            buffer.putBytes(offset + PartBindRequestFlyweight.PATH_OFFSET, src, srcIndex, pathLen);
        }
        return offset;
    }

    public int appendPartQuery()
    {
        return reserve(NodeTypes.PART_QUERY, ManageTransactionHeaderFlyweight.HEADER_LENGTH);
    }

    public int appendPoolQuery()
    {
        return reserve(NodeTypes.POOL_QUERY, ManageTransactionHeaderFlyweight.HEADER_LENGTH);
    }



    private int appendData(
        final int type,
        final int fixedLength,
        final int firstField,
        final WireBuffer src,
        final int srcIndex,
        final int dataLen)
    {
        if (dataLen < 0 || !src.inBounds(srcIndex, dataLen))
        {
            return Errno.EINVAL.status();
        }
        final long transactionLength = fixedLength + ((dataLen + 7L) & ~7L);
        if (transactionLength > limit - length)
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int offset = reserveData(type, (int)transactionLength, ManageTransactionHeaderFlyweight.HEADER_LENGTH,
            fixedLength, src, srcIndex, dataLen);
        if (offset >= 0)
        {
            final int fieldIndex = offset + ManageTransactionHeaderFlyweight.HEADER_LENGTH;
            buffer.putInt(fieldIndex, firstField);
            buffer.putInt(fieldIndex + Integer.BYTES, dataLen);
        }
        return offset;
    }
}

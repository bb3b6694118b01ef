package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.DmaXferFlyweight;
import dev.shadowdev.wire.ResultFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.DmaXferRequestFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DMA_XFER that fits one message: the data is copied into host memory ({@link DmaStaging}) and sent as
 * address/size pairs; the answer sets the slot's loaded length (ABI.md 1.3: offset 0 restarts the slot, any other
 * offset must be what this session loaded so far, and a transfer may not be empty). Two transfers to the same slot
 * never share a message. One too long for any message is split by the {@link DmaXferContinuation}.
 */
final class DmaXferHandler implements TransactionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(DmaXferHandler.class);

    private final HandlerSupport support;
    private final DmaStaging staging;

    DmaXferHandler(final HandlerSupport support, final DmaStaging staging)
    {
        this.support = support;
        this.staging = staging;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.DMA_XFER;
    }

    @Override
    public int answerType()
    {
        return WireTypes.RESULT_FROM_DEV;
    }

    @Override
    public int refuse(final RequestContext ctx)
    {
        final int slot = ctx.intField(DmaXferRequestFlyweight.SLOT_OFFSET);
        final int dataLen = ctx.intField(DmaXferRequestFlyweight.DATA_LEN_OFFSET);
        final long offset = ctx.longField(DmaXferRequestFlyweight.SLOT_OFFSET_FIELD_OFFSET);
        if (dataLen == 0)
        {
            LOG.warn("transaction refused: reason=empty transfer type=DMA_XFER slot={}", slot & 0xFFFF_FFFFL);
            return Errno.EINVAL.status();
        }
        final long loaded = support.slots.get(slot);
        if (offset != 0 && offset != loaded)
        {
            LOG.warn("transaction refused: reason=bad offset type=DMA_XFER slot={} offset={} expected={}",
                slot & 0xFFFF_FFFFL, offset, loaded);
            return Errno.EINVAL.status();
        }
        return 0;
    }

    @Override
    public boolean conflicts(final RequestContext ctx, final WireBatch batch)
    {
        return batch.hasDmaXferTo(ctx.intField(DmaXferRequestFlyweight.SLOT_OFFSET));
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        final int slot = ctx.intField(DmaXferRequestFlyweight.SLOT_OFFSET);
        final int dataLen = ctx.intField(DmaXferRequestFlyweight.DATA_LEN_OFFSET);
        final long offset = ctx.longField(DmaXferRequestFlyweight.SLOT_OFFSET_FIELD_OFFSET);
        if (DmaXferFlyweight.lengthFor(staging.pairsFor(dataLen)) > batch.writer().remaining() ||
            !batch.reserveAnswer(ResultFromDevFlyweight.LENGTH))
        {
            return NO_ROOM;
        }
        final long address = staging.stage(ctx, ctx.index(DmaXferRequestFlyweight.DATA_OFFSET), dataLen);
        if (address < 0)
        {
            batch.unreserveAnswer(ResultFromDevFlyweight.LENGTH);
            return (int)address;
        }
        if (batch.writer().appendDmaXfer(slot, 0, offset == 0 ? DmaXferFlyweight.FLAG_RESTART : 0,
            staging.pairAddress(), staging.pairSize(), 0, staging.pairCount()) < 0)
        {
            staging.free(address);
            return NO_ROOM;
        }
        batch.dmaXfer(batch.add(NodeTypes.DMA_XFER), slot, offset + dataLen, address);
        return ADDED;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int entry, final WireBuffer m, final int off)
    {
        final int status = m.getInt(off + ResultFromDevFlyweight.STATUS_OFFSET);
        staging.free(batch.dmaAddress(entry));
        support.slots.put(batch.slot(entry), status == 0 ? batch.slotEnd(entry) : SlotLengths.UNKNOWN);
        ctx.answerEmpty(NodeTypes.DMA_XFER, status);
        support.noteStatus(status);
    }

    @Override
    public void settleRefused(final WireBatch batch, final int entry)
    {
        staging.free(batch.dmaAddress(entry));
    }

    @Override
    public void settleUnknown(final WireBatch batch, final int entry)
    {
        staging.free(batch.dmaAddress(entry));
        support.slots.put(batch.slot(entry), SlotLengths.UNKNOWN);
    }
}

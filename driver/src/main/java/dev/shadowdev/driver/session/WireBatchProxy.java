package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.dbc.DbcBinding;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.ActivateToDevFlyweight;
import dev.shadowdev.wire.DeactivateFromDevFlyweight;
import dev.shadowdev.wire.DmaXferFlyweight;
import dev.shadowdev.wire.DmaXferSplitter;
import dev.shadowdev.wire.PartCreateFromDevFlyweight;
import dev.shadowdev.wire.PartDestroyFromDevFlyweight;
import dev.shadowdev.wire.PoolQueryFromDevFlyweight;
import dev.shadowdev.wire.ResultFromDevFlyweight;
import dev.shadowdev.wire.StatusFromDevFlyweight;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireMessageValidator;
import dev.shadowdev.wire.WireRequestWriter;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;
import dev.shadowdev.wire.node.ActivateRequestFlyweight;
import dev.shadowdev.wire.node.DeactivateRequestFlyweight;
import dev.shadowdev.wire.node.DmaXferRequestFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartCreateRequestFlyweight;
import dev.shadowdev.wire.node.PartDestroyRequestFlyweight;
import dev.shadowdev.wire.node.PassthroughRequestFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns node transactions into wire transactions of one message (the {@code *Proxy} half of a session): checks the
 * rules the driver enforces itself (nothing is sent for a refused transaction), stages what travels by reference
 * (DMA_XFER data copied into host memory and described by address/size pairs, ACTIVATE's queues allocated), and
 * appends the wire transaction, or says the message has no room left so the caller sends what it has first.
 * <p>
 * Driver rules: PART_CREATE and PART_DESTROY only on the base node (EPERM); DEACTIVATE only on a DBC this session
 * activated (EACCES); DMA_XFER's offset must be 0 or what this session loaded into the slot (EINVAL), and not empty;
 * ACTIVATE's slot must fit the 16 bits of the wire's options (EINVAL). The wire header's handle and partition are
 * never taken from the user's bytes: PART_CREATE's body is copied, the header is stamped by the control client.
 * <p>
 * A wire message is also kept within what its answer may use (64 KiB) and PART_QUERY, whose answer can be long,
 * travels alone. Owned by the session's processing; allocation-free apart from growing the pair arrays.
 */
final class WireBatchProxy
{
    /** The transaction was appended. */
    static final int ADDED = 1;
    /** The message has no room for it: send the batch first (or split, when the batch is empty). */
    static final int NO_ROOM = 0;

    private static final Logger LOG = LoggerFactory.getLogger(WireBatchProxy.class);
    private static final int HEADER = WireTransactionHeaderFlyweight.HEADER_LENGTH;

    private final Session session;
    private final SessionServices services;
    private final RequestContext ctx;
    private final WireBatch batch;
    private final SlotLengths slots;
    private long[] pairAddress = new long[16];
    private long[] pairSize = new long[16];
    private int pairCount;
    private int answerBytes;
    private boolean closed;
    private int nextChunkId = 1;

    WireBatchProxy(
        final Session session,
        final SessionServices services,
        final RequestContext ctx,
        final WireBatch batch,
        final SlotLengths slots)
    {
        this.session = session;
        this.services = services;
        this.ctx = ctx;
        this.batch = batch;
        this.slots = slots;
    }

    /** Start a new wire message in {@code writer}. */
    void begin(final MessageScratch scratch)
    {
        scratch.writer.wrap(scratch.message, 0, services.options().maxWireMessageBytes());
        scratch.writer.begin(0, 0, WireMessageHeaderFlyweight.NO_PARTITION);
        answerBytes = WireMessageHeaderFlyweight.LENGTH;
        closed = false;
        batch.clear();
        ctx.markBatchStart();
    }

    /**
     * The driver's own rules for the next transaction.
     *
     * @return 0, or the negative errno to answer it with (nothing is sent).
     */
    int refuse(final int type)
    {
        final int at = ctx.nextOffset;
        switch (type)
        {
            case NodeTypes.PART_CREATE:
            case NodeTypes.PART_DESTROY:
                if (!session.node().isBase())
                {
                    LOG.warn("transaction refused: reason=not the base node type={} minor={} partition={}",
                        NodeTypes.name(type), session.node().minor(), session.partitionId());
                    return Errno.EPERM.status();
                }
                return 0;
            case NodeTypes.DEACTIVATE:
            {
                final int dbcId = ctx.view.getInt(at + DeactivateRequestFlyweight.DBC_ID_OFFSET);
                if (services.dbcTable().ownedBy(dbcId, session) == null)
                {
                    LOG.warn("transaction refused: reason=dbc not activated by this session type=DEACTIVATE " +
                        "dbc_id={} handle={}", dbcId & 0xFFFF_FFFFL, session.handle());
                    return Errno.EACCES.status();
                }
                return 0;
            }
            case NodeTypes.ACTIVATE:
            {
                final int slot = ctx.view.getInt(at + ActivateRequestFlyweight.SLOT_OFFSET);
                if ((slot & ~ActivateToDevFlyweight.OPTIONS_SLOT_MASK) != 0)
                {
                    LOG.warn("transaction refused: reason=bad slot type=ACTIVATE slot={}", slot & 0xFFFF_FFFFL);
                    return Errno.EINVAL.status();
                }
                return 0;
            }
            case NodeTypes.DMA_XFER:
            {
                final int slot = ctx.view.getInt(at + DmaXferRequestFlyweight.SLOT_OFFSET);
                final int dataLen = ctx.view.getInt(at + DmaXferRequestFlyweight.DATA_LEN_OFFSET);
                final long offset = ctx.view.getLong(at + DmaXferRequestFlyweight.SLOT_OFFSET_FIELD_OFFSET);
                if (dataLen == 0)
                {
                    LOG.warn("transaction refused: reason=empty transfer type=DMA_XFER slot={}", slot & 0xFFFF_FFFFL);
                    return Errno.EINVAL.status();
                }
                final long loaded = slots.get(slot);
                if (offset != 0 && offset != loaded)
                {
                    LOG.warn("transaction refused: reason=bad offset type=DMA_XFER slot={} offset={} expected={}",
                        slot & 0xFFFF_FFFFL, offset, loaded);
                    return Errno.EINVAL.status();
                }
                return 0;
            }
            default:
                return 0;
        }
    }

    /** @return true when the next transaction is a DMA_XFER to a slot the batch already loads. */
    boolean conflicts(final int type)
    {
        return type == NodeTypes.DMA_XFER && batch.hasDmaXferTo(
            ctx.view.getInt(ctx.nextOffset + DmaXferRequestFlyweight.SLOT_OFFSET), NodeTypes.DMA_XFER);
    }

    /**
     * Append the next transaction's wire form.
     *
     * @return {@link #ADDED}, {@link #NO_ROOM}, or a negative errno to answer it with (nothing held).
     */
    int append(final int type, final WireRequestWriter writer)
    {
        if (closed || writer.count() >= WireMessageValidator.MAX_COUNT)
        {
            return NO_ROOM;
        }
        final int at = ctx.nextOffset;
        switch (type)
        {
            case NodeTypes.PASSTHROUGH:
            {
                final int dataLength = ctx.length() - PassthroughRequestFlyweight.DATA_OFFSET;
                if (!reserveAnswer(HEADER + dataLength) ||
                    writer.appendPassthrough(ctx.view, at + PassthroughRequestFlyweight.DATA_OFFSET, dataLength) < 0)
                {
                    return NO_ROOM;
                }
                return added(type);
            }
            case NodeTypes.DMA_XFER:
                return appendDmaXfer(writer, at);
            case NodeTypes.ACTIVATE:
            {
                if (writer.remaining() < ActivateToDevFlyweight.LENGTH ||
                    !reserveAnswer(ActivateFromDevFlyweight.LENGTH))
                {
                    return NO_ROOM;
                }
                final DbcBinding binding = services.dbcTable().allocate(
                    session, services.options().dbcQueueElements(), services.options().executeBufferBytes());
                if (binding == null)
                {
                    return Errno.ENOSPC.status();
                }
                if (writer.appendActivate(
                    binding.requestQueueAddress(), binding.responseQueueAddress(), binding.elements(),
                    binding.elements(), Math.max(binding.queueBytes(), binding.bufferBytes()),
                    ctx.view.getInt(at + ActivateRequestFlyweight.SLOT_OFFSET)) < 0)
                {
                    services.dbcTable().release(binding);
                    return NO_ROOM;
                }
                added(type);
                batch.binding(batch.size() - 1, binding);
                return ADDED;
            }
            case NodeTypes.DEACTIVATE:
            {
                final int dbcId = ctx.view.getInt(at + DeactivateRequestFlyweight.DBC_ID_OFFSET);
                if (!reserveAnswer(DeactivateFromDevFlyweight.LENGTH) || writer.appendDeactivate(dbcId) < 0)
                {
                    return NO_ROOM;
                }
                added(type);
                batch.binding(batch.size() - 1, services.dbcTable().ownedBy(dbcId, session));
                return ADDED;
            }
            case NodeTypes.STATUS:
                return reserveAnswer(StatusFromDevFlyweight.LENGTH) && writer.appendStatus() >= 0 ?
                    added(type) : NO_ROOM;
            case NodeTypes.PART_CREATE:
                return reserveAnswer(PartCreateFromDevFlyweight.LENGTH) &&
                    writer.appendPartCreate(ctx.view, at + PartCreateRequestFlyweight.NAME_OFFSET) >= 0 ?
                    added(type) : NO_ROOM;
            case NodeTypes.PART_DESTROY:
            {
                final int partitionId = ctx.view.getInt(at + PartDestroyRequestFlyweight.PARTITION_ID_OFFSET);
                final int flags = ctx.view.getInt(at + PartDestroyRequestFlyweight.FLAGS_OFFSET);
                if (!reserveAnswer(PartDestroyFromDevFlyweight.LENGTH) ||
                    writer.appendPartDestroy(partitionId, flags) < 0)
                {
                    return NO_ROOM;
                }
                added(type);
                batch.partitionId(batch.size() - 1, partitionId);
                return ADDED;
            }
            case NodeTypes.PART_QUERY:
                if (!batch.isEmpty() || writer.appendPartQuery() < 0)
                {
                    return NO_ROOM;
                }
                closed = true;
                return added(type);
            case NodeTypes.POOL_QUERY:
                return reserveAnswer(PoolQueryFromDevFlyweight.LENGTH) && writer.appendPoolQuery() >= 0 ?
                    added(type) : NO_ROOM;
            default:
                return Errno.EINVAL.status();
        }
    }

    /**
     * The next transaction is a DMA_XFER too long for one message: stage it and append its first piece under a
     * fresh chunk id (qaic continuation). The batch is empty and stays closed after it.
     *
     * @return {@link #ADDED}, or a negative errno to answer it with (nothing held).
     */
    int appendFirstPiece(final WireRequestWriter writer, final DmaXferSplitter splitter)
    {
        final int at = ctx.nextOffset;
        final int slot = ctx.view.getInt(at + DmaXferRequestFlyweight.SLOT_OFFSET);
        final int dataLen = ctx.view.getInt(at + DmaXferRequestFlyweight.DATA_LEN_OFFSET);
        final long offset = ctx.view.getLong(at + DmaXferRequestFlyweight.SLOT_OFFSET_FIELD_OFFSET);
        final long address = stage(at + DmaXferRequestFlyweight.DATA_OFFSET, dataLen);
        if (address < 0)
        {
            return (int)address;
        }
        final int chunkId = nextChunkId;
        nextChunkId = nextChunkId == Integer.MAX_VALUE ? 1 : nextChunkId + 1;
        splitter.reset(slot, chunkId, offset == 0, pairAddress, pairSize, pairCount);
        final int appended = splitter.appendNext(writer, 0);
        if (appended < 0)
        {
            services.allocator().free(address);
            LOG.warn("transaction refused: reason=transfer does not fit type=DMA_XFER slot={} pairs={}",
                slot & 0xFFFF_FFFFL, pairCount);
            return Errno.EMSGSIZE.status();
        }
        added(NodeTypes.DMA_XFER);
        batch.dmaXfer(batch.size() - 1, slot, offset + dataLen, address);
        closed = true;
        return ADDED;
    }

    private int appendDmaXfer(final WireRequestWriter writer, final int at)
    {
        final int slot = ctx.view.getInt(at + DmaXferRequestFlyweight.SLOT_OFFSET);
        final int dataLen = ctx.view.getInt(at + DmaXferRequestFlyweight.DATA_LEN_OFFSET);
        final long offset = ctx.view.getLong(at + DmaXferRequestFlyweight.SLOT_OFFSET_FIELD_OFFSET);
        final int pairs = pairsFor(dataLen);
        if (DmaXferFlyweight.lengthFor(pairs) > writer.remaining() || !reserveAnswer(ResultFromDevFlyweight.LENGTH))
        {
            return NO_ROOM;
        }
        final long address = stage(at + DmaXferRequestFlyweight.DATA_OFFSET, dataLen);
        if (address < 0)
        {
            answerBytes -= ResultFromDevFlyweight.LENGTH;
            return (int)address;
        }
        if (writer.appendDmaXfer(slot, 0, offset == 0 ? DmaXferFlyweight.FLAG_RESTART : 0,
            pairAddress, pairSize, 0, pairCount) < 0)
        {
            services.allocator().free(address);
            return NO_ROOM;
        }
        added(NodeTypes.DMA_XFER);
        batch.dmaXfer(batch.size() - 1, slot, offset + dataLen, address);
        return ADDED;
    }

    /**
     * Copy {@code dataLen} bytes of the request into one host-memory allocation and describe it as pairs of at most
     * {@code dmaSegmentBytes}.
     *
     * @return the allocation's address, or -ENOSPC.
     */
    private long stage(final int dataIndex, final int dataLen)
    {
        final long address = services.allocator().alloc(dataLen, DmaAllocator.GRANULE);
        if (address < 0)
        {
            LOG.warn("transaction refused: reason=no host memory type=DMA_XFER data_len={} free={}",
                dataLen, services.allocator().freeBytes());
            return Errno.ENOSPC.status();
        }
        services.region().write(address, ctx.view.byteBuffer(), dataIndex, dataLen);
        final int segment = services.options().dmaSegmentBytes();
        pairCount = pairsFor(dataLen);
        if (pairAddress.length < pairCount)
        {
            pairAddress = new long[Integer.highestOneBit(pairCount) << 1];
            pairSize = new long[pairAddress.length];
        }
        for (int i = 0; i < pairCount; i++)
        {
            pairAddress[i] = address + (long)i * segment;
            pairSize[i] = Math.min(segment, dataLen - (long)i * segment);
        }
        return address;
    }

    private int pairsFor(final int dataLen)
    {
        final int segment = services.options().dmaSegmentBytes();
        return (int)(((long)dataLen + segment - 1) / segment);
    }

    private boolean reserveAnswer(final int bytes)
    {
        if (answerBytes + bytes > WireDirection.FROM_DEV.maxLength())
        {
            return false;
        }
        answerBytes += bytes;
        return true;
    }

    private int added(final int type)
    {
        batch.add(type);
        return ADDED;
    }
}

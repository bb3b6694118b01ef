package dev.shadowdev.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every transaction, encoded by a writer, verified, walked with the cursor and read back through its flyweight.
 */
class WireCodecRoundTripTest
{
    private final WireBuffer buffer = new WireBuffer(new byte[16384]);
    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();
    private final TransactionCursor cursor = new TransactionCursor();

    @Test
    void everyRequestTransaction()
    {
        final WireBuffer data = new WireBuffer(Hex.bytes("00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"));
        final WireRequestWriter writer = new WireRequestWriter().wrap(buffer, 64, 8192);
        writer.begin(0x7FFF_FFFF, 0xFFFF_FFF0, 12);
        writer.appendPassthrough(data, 0, 16);
        writer.appendDmaXfer(4, 0, 0, new long[]{-1L, 0x10}, new long[]{Long.MAX_VALUE, 0x20}, 0, 2);
        writer.appendActivate(0xA000, 0xB000, 128, 256, 0x3000, 6);
        writer.appendStatus();
        writer.appendTerminate(99);
        writer.appendValidatePartition(-1);
        writer.appendDeactivate(15);
        writer.appendPartCreate("ñame", new long[]{1, 2, 3, 4, 5});
        writer.appendPartDestroy(3, 0);
        writer.appendPartQuery();
        writer.appendPoolQuery();
        final int length = writer.finish(true);

        assertEquals(0, validator.verify(buffer, 64, length, WireDirection.TO_DEV, true, error), error.message());
        final WireMessageHeaderFlyweight header = new WireMessageHeaderFlyweight().wrap(buffer, 64);
        assertEquals(0x7FFF_FFFF, header.sequenceNumber());
        assertEquals(0xFFFF_FFF0, header.handle());
        assertEquals(12, header.partitionId());
        assertEquals(11, header.count());
        assertEquals(length, header.len());

        cursor.wrapWireMessage(buffer, 64);
        assertTrue(cursor.next());
        final PassthroughFlyweight passthrough = new PassthroughFlyweight().wrap(buffer, cursor.offset());
        assertEquals(WireTypes.PASSTHROUGH_TO_DEV, passthrough.type());
        assertEquals(16, passthrough.dataLength());
        assertEquals(Hex.of(data, 0, 16), Hex.of(buffer, passthrough.dataIndex(), 16));

        assertTrue(cursor.next());
        final DmaXferFlyweight dma = new DmaXferFlyweight().wrap(buffer, cursor.offset());
        assertEquals(WireTypes.DMA_XFER_TO_DEV, cursor.type());
        assertEquals(4, dma.tag());
        assertEquals(2, dma.count());
        assertEquals(0, dma.dmaChunkId());
        assertEquals(0, dma.flags());
        assertEquals(-1L, dma.addr(0));
        assertEquals(Long.MAX_VALUE, dma.size(0));
        assertEquals(0x10, dma.addr(1));
        assertEquals(0x20, dma.size(1));

        assertTrue(cursor.next());
        final ActivateToDevFlyweight activate = new ActivateToDevFlyweight().wrap(buffer, cursor.offset());
        assertEquals(0xA000, activate.reqQAddr());
        assertEquals(0xB000, activate.rspQAddr());
        assertEquals(128, activate.reqQSize());
        assertEquals(256, activate.rspQSize());
        assertEquals(0x3000, activate.bufLen());
        assertEquals(6, activate.slot());

        assertTrue(cursor.next());
        assertEquals(WireTypes.STATUS_TO_DEV, cursor.type());
        assertEquals(8, cursor.length());

        assertTrue(cursor.next());
        assertEquals(99, new TerminateToDevFlyweight().wrap(buffer, cursor.offset()).handle());
        assertTrue(cursor.next());
        assertEquals(-1, new ValidatePartitionToDevFlyweight().wrap(buffer, cursor.offset()).partId());
        assertTrue(cursor.next());
        assertEquals(15, new DeactivateToDevFlyweight().wrap(buffer, cursor.offset()).dbcId());

        assertTrue(cursor.next());
        final PartCreateFlyweight create = new PartCreateFlyweight().wrap(buffer, cursor.offset());
        assertEquals("ñame", create.name());
        for (int i = 0; i < 5; i++)
        {
            assertEquals(i + 1, create.res(i));
        }

        assertTrue(cursor.next());
        final PartDestroyToDevFlyweight destroy = new PartDestroyToDevFlyweight().wrap(buffer, cursor.offset());
        assertEquals(3, destroy.partitionId());
        assertEquals(0, destroy.flags());

        assertTrue(cursor.next());
        assertEquals(WireTypes.PART_QUERY_TO_DEV, cursor.type());
        assertTrue(cursor.next());
        assertEquals(WireTypes.POOL_QUERY_TO_DEV, cursor.type());
        assertTrue(cursor.isComplete());
        assertFalse(cursor.next());
    }

    @Test
    void everyResponseTransaction()
    {
        final WireBuffer data = new WireBuffer(Hex.bytes("de ad be ef 00 00 00 01"));
        final WireResponseWriter writer = new WireResponseWriter().wrap(buffer, 0, 4096);
        writer.begin(5, 6, -1);
        writer.appendPassthrough(data, 0, 8);
        writer.appendActivate(0, 2, 0xFFFF_0000_0000_0001L);
        writer.appendDeactivate(-16, 2);
        writer.appendStatus(5, 0, 0, 1);
        writer.appendTerminate(0);
        writer.appendDmaXferCont(77, 1L << 40);
        writer.appendValidatePartition(-2);
        writer.appendPartCreate(-28, -1, 0b10101);
        writer.appendPartDestroy(-16);
        final int query = writer.appendPartQuery(0, 2);
        writer.appendPoolQuery(-19, new long[]{1, 2, 3, 4, 5}, new long[]{6, 7, 8, 9, 10});
        writer.appendResult(WireTypes.DMA_XFER_TO_DEV, 0);
        final PartitionEntryFlyweight entry = new PartitionEntryFlyweight();
        final PartQueryFromDevFlyweight queryFlyweight = new PartQueryFromDevFlyweight().wrap(buffer, query);
        entry.wrap(buffer, queryFlyweight.entryIndex(1)).id(9).activeWorkloads(3).used(4, 2);
        assertEquals(0, entry.name("b"));
        final int length = writer.finish(true);

        assertEquals(0, validator.verify(buffer, 0, length, WireDirection.FROM_DEV, true, error), error.message());
        cursor.wrapWireMessage(buffer, 0);

        assertTrue(cursor.next());
        assertEquals(WireTypes.PASSTHROUGH_FROM_DEV, cursor.type());
        assertEquals("de ad be ef 00 00 00 01", Hex.of(buffer, cursor.offset() + 8, 8));
        assertTrue(cursor.next());
        final ActivateFromDevFlyweight activate = new ActivateFromDevFlyweight().wrap(buffer, cursor.offset());
        assertEquals(0, activate.status());
        assertEquals(2, activate.dbcId());
        assertEquals(0xFFFF_0000_0000_0001L, activate.options());
        assertTrue(cursor.next());
        final DeactivateFromDevFlyweight deactivate = new DeactivateFromDevFlyweight().wrap(buffer, cursor.offset());
        assertEquals(-16, deactivate.status());
        assertEquals(2, deactivate.dbcId());
        assertTrue(cursor.next());
        final StatusFromDevFlyweight status = new StatusFromDevFlyweight().wrap(buffer, cursor.offset());
        assertEquals(5, status.major());
        assertEquals(0, status.minor());
        assertEquals(0, status.status());
        assertEquals(1, status.statusFlags());
        assertTrue(cursor.next());
        assertEquals(0, new TerminateFromDevFlyweight().wrap(buffer, cursor.offset()).status());
        assertTrue(cursor.next());
        final DmaXferContFlyweight cont = new DmaXferContFlyweight().wrap(buffer, cursor.offset());
        assertEquals(77, cont.dmaChunkId());
        assertEquals(1L << 40, cont.xferredSize());
        assertTrue(cursor.next());
        assertEquals(-2, new ValidatePartitionFromDevFlyweight().wrap(buffer, cursor.offset()).status());
        assertTrue(cursor.next());
        final PartCreateFromDevFlyweight create = new PartCreateFromDevFlyweight().wrap(buffer, cursor.offset());
        assertEquals(-28, create.status());
        assertEquals(-1, create.partitionId());
        assertEquals(0b10101, create.shortMask());
        assertTrue(cursor.next());
        assertEquals(-16, new PartDestroyFromDevFlyweight().wrap(buffer, cursor.offset()).status());
        assertTrue(cursor.next());
        final PartQueryFromDevFlyweight partQuery = new PartQueryFromDevFlyweight().wrap(buffer, cursor.offset());
        assertEquals(2, partQuery.n());
        assertEquals(0, entry.wrap(buffer, partQuery.entryIndex(0)).id());
        entry.wrap(buffer, partQuery.entryIndex(1));
        assertEquals(9, entry.id());
        assertEquals(3, entry.activeWorkloads());
        assertEquals("b", entry.name());
        assertEquals(2, entry.used(4));
        assertTrue(cursor.next());
        final PoolQueryFromDevFlyweight pool = new PoolQueryFromDevFlyweight().wrap(buffer, cursor.offset());
        assertEquals(-19, pool.status());
        for (int i = 0; i < 5; i++)
        {
            assertEquals(i + 1, pool.total(i));
            assertEquals(i + 6, pool.free(i));
        }
        assertTrue(cursor.next());
        final ResultFromDevFlyweight result = new ResultFromDevFlyweight().wrap(buffer, cursor.offset());
        assertEquals(0, result.status());
        assertEquals(WireTypes.DMA_XFER_TO_DEV, result.requestType());
        assertTrue(cursor.isComplete());
    }

    @Test
    void flyweightSettersRoundTrip()
    {
        final DmaXferFlyweight dma = new DmaXferFlyweight().wrap(buffer, 8);
        dma.tag(1).count(1).dmaChunkId(2).flags(DmaXferFlyweight.FLAG_MORE).pair(0, 3, 4);
        final ActivateToDevFlyweight activate = new ActivateToDevFlyweight().wrap(buffer, 200);
        activate.reqQAddr(1).rspQAddr(2).reqQSize(3).rspQSize(4).bufLen(5).options(0x1_0007);

        assertEquals(1, dma.tag());
        assertEquals(2, dma.dmaChunkId());
        assertEquals(DmaXferFlyweight.FLAG_MORE, dma.flags());
        assertEquals(3, dma.addr(0));
        assertEquals(4, dma.size(0));
        assertEquals(7, activate.slot());
        assertEquals(0x1_0007, activate.options());
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.Hex;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartCreateFlyweight;
import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.PartitionEntryExFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every node transaction and response written, validated, walked and read back; the writers' sentinels.
 */
class ManageRoundTripTest
{
    private final WireBuffer buffer = new WireBuffer(new byte[1 << 18]);
    private final ManageMessageWriter request = new ManageMessageWriter();
    private final ManageResponseWriter response = new ManageResponseWriter();
    private final ManageMessageValidator validator = new ManageMessageValidator();
    private final TransactionCursor cursor = new TransactionCursor();
    private final WireError error = new WireError();

    @Test
    void everyRequest()
    {
        final WireBuffer data = new WireBuffer(Hex.bytes("10 20 30 40 50 60 70 80 90"));
        request.wrap(buffer, 8, 65536).begin(0x5EED);
        request.appendPassthrough(data, 0, 8);
        request.appendDmaXfer(3, 128, data, 0, 9);
        request.appendActivate(3);
        request.appendDeactivate(9);
        request.appendStatus();
        request.appendExecute(9, data, 1, 7);
        request.appendPartCreate("gpu-a", new long[]{1, 2, 3, 4, 5});
        request.appendPartDestroy(-5, 0);
        request.appendPartQuery();
        request.appendPoolQuery();
        final int length = request.finish();

        assertEquals(0, validator.validate(buffer, 8, length, error), error.message());
        assertEquals(0x5EED, new ManageMessageFlyweight().wrap(buffer, 8).tag());
        cursor.wrapMessage(buffer, 8, ManageMessageFlyweight.LAYOUT);

        assertTrue(cursor.next());
        assertEquals(NodeTypes.PASSTHROUGH, cursor.type());
        assertEquals("10 20 30 40 50 60 70 80",
            Hex.of(buffer, new PassthroughFlyweight().wrap(buffer, cursor.offset()).dataIndex(), 8));
        assertTrue(cursor.next());
        final DmaXferRequestFlyweight dma = new DmaXferRequestFlyweight().wrap(buffer, cursor.offset());
        assertEquals(3, dma.slot());
        assertEquals(128, dma.slotOffset());
        assertEquals(9, dma.dataLen());
        assertEquals("10 20 30 40 50 60 70 80 90 00 00 00 00 00 00 00", Hex.of(buffer, dma.dataIndex(), 16));
        assertTrue(cursor.next());
        final ActivateRequestFlyweight activate = new ActivateRequestFlyweight().wrap(buffer, cursor.offset());
        assertEquals(3, activate.slot());
        assertEquals(0, activate.options());
        assertTrue(cursor.next());
        assertEquals(9, new DeactivateRequestFlyweight().wrap(buffer, cursor.offset()).dbcId());
        assertTrue(cursor.next());
        assertEquals(NodeTypes.STATUS, cursor.type());
        assertTrue(cursor.next());
        final ExecuteRequestFlyweight execute = new ExecuteRequestFlyweight().wrap(buffer, cursor.offset());
        assertEquals(9, execute.dbcId());
        assertEquals(7, execute.dataLen());
        assertEquals("20 30 40 50 60 70 80 00", Hex.of(buffer, execute.dataIndex(), 8));
        assertTrue(cursor.next());
        final PartCreateFlyweight create = new PartCreateFlyweight().wrap(buffer, cursor.offset());
        assertEquals("gpu-a", create.name());
        assertEquals(5, create.res(4));
        assertTrue(cursor.next());
        final PartDestroyRequestFlyweight destroy = new PartDestroyRequestFlyweight().wrap(buffer, cursor.offset());
        assertEquals(-5, destroy.partitionId());
        assertEquals(0, destroy.flags());
        assertTrue(cursor.next());
        assertEquals(NodeTypes.PART_QUERY, cursor.type());
        assertTrue(cursor.next());
        assertEquals(NodeTypes.POOL_QUERY, cursor.type());
        assertFalse(cursor.next());
        assertTrue(cursor.isComplete());
    }

    @Test
    void everyResponse()
    {
        final WireBuffer data = new WireBuffer(Hex.bytes("01 02 03 04 05 06 07 08"));
        response.wrap(buffer, 0, 4096).begin(0x5EED);
        response.appendPassthrough(0, data, 0, 8);
        response.appendEmpty(NodeTypes.DMA_XFER, -74);
        response.appendActivate(0, 4, 0, 0x3);
        response.appendEmpty(NodeTypes.DEACTIVATE, 0);
        response.appendStatus(0, 5, 0, 0, 0);
        response.appendExecute(0, 4, data, 0, 3);
        response.appendPartCreate(-28, 0, 0x2);
        response.appendEmpty(NodeTypes.PART_DESTROY, -16);
        response.appendPartQuery(0, 0);
        response.appendPoolQuery(0, new long[]{1, 1, 1, 1, 1}, new long[]{0, 0, 0, 0, 0});
        final int length = response.finish(0);

        final ManageResponseFlyweight header = new ManageResponseFlyweight().wrap(buffer, 0);
        assertEquals(length, header.len());
        assertEquals(10, header.count());
        assertEquals(0x5EED, header.tag());
        final int[] types = {NodeTypes.PASSTHROUGH, NodeTypes.DMA_XFER, NodeTypes.ACTIVATE, NodeTypes.DEACTIVATE,
            NodeTypes.STATUS, NodeTypes.EXECUTE, NodeTypes.PART_CREATE, NodeTypes.PART_DESTROY, NodeTypes.PART_QUERY,
            NodeTypes.POOL_QUERY};
        final int[] statuses = {0, -74, 0, 0, 0, 0, -28, -16, 0, 0};
        final ManageResponseTransactionHeaderFlyweight transaction = new ManageResponseTransactionHeaderFlyweight();
        cursor.wrapMessage(buffer, 0, ManageMessageFlyweight.LAYOUT);
        for (int i = 0; i < types.length; i++)
        {
            assertTrue(cursor.next());
            transaction.wrap(buffer, cursor.offset());
            assertEquals(types[i], transaction.type());
            assertEquals(statuses[i], transaction.status());
            assertEquals(0, buffer.getInt(cursor.offset() + ManageResponseTransactionHeaderFlyweight.RESERVED_OFFSET));
            if (types[i] == NodeTypes.EXECUTE)
            {
                final ExecuteResponseFlyweight execute = new ExecuteResponseFlyweight().wrap(buffer, cursor.offset());
                assertEquals(4, execute.dbcId());
                assertEquals("01 02 03 00 00 00 00 00", Hex.of(buffer, execute.dataIndex(), 8));
            }
            if (types[i] == NodeTypes.ACTIVATE)
            {
                assertEquals(3, new ActivateResponseFlyweight().wrap(buffer, cursor.offset()).coreMask());
            }
            if (types[i] == NodeTypes.PART_CREATE)
            {
                assertEquals(2, new PartCreateResponseFlyweight().wrap(buffer, cursor.offset()).shortMask());
            }
        }
        assertTrue(cursor.isComplete());
    }

    @Test
    void everyElasticRequest()
    {
        request.wrap(buffer, 8, 65536).begin(0xE1A5);
        final int create = request.appendPartCreateEx(
            "burst", new long[]{1, 2, 3, 4, 5}, new long[]{6, 7, 8, 9, 10}, PartCreateExFlyweight.FLAG_LEND);
        final int resize = request.appendPartResize(
            7, PartResizeFlyweight.FLAG_FORCE | PartResizeFlyweight.FLAG_CLEAR_LEND,
            new long[]{11, 12, 13, 14, 15}, new long[]{16, 17, 18, 19, 20});
        final int drain = request.appendPartDrain(7, PartDrainFlyweight.FLAG_UNDO, PartDrainFlyweight.GRACE_NEVER);
        final int query = request.appendPartQueryEx();
        final int length = request.finish();

        assertEquals(0, validator.validate(buffer, 8, length, error), error.message());
        cursor.wrapMessage(buffer, 8, ManageMessageFlyweight.LAYOUT);
        assertTrue(cursor.next());
        assertEquals(create, cursor.offset());
        assertEquals(NodeTypes.PART_CREATE, cursor.type());
        assertEquals(PartCreateExFlyweight.LENGTH, cursor.length());
        final PartCreateExFlyweight ex = new PartCreateExFlyweight().wrap(buffer, create);
        assertEquals("burst", ex.name());
        assertEquals(1, ex.min(0));
        assertEquals(10, ex.max(4));
        assertEquals(PartCreateExFlyweight.FLAG_LEND, ex.flags());
        assertEquals(0, ex.reserved());
        assertTrue(cursor.next());
        assertEquals(NodeTypes.PART_RESIZE, cursor.type());
        final PartResizeFlyweight r = new PartResizeFlyweight().wrap(buffer, resize);
        assertEquals(7, r.partitionId());
        assertEquals(5, r.flags());
        assertEquals(15, r.min(4));
        assertEquals(16, r.max(0));
        assertTrue(cursor.next());
        assertEquals(NodeTypes.PART_DRAIN, cursor.type());
        final PartDrainFlyweight d = new PartDrainFlyweight().wrap(buffer, drain);
        assertEquals(7, d.partitionId());
        assertEquals(1, d.flags());
        assertEquals(0xFFFF_FFFFL, d.graceMs());
        assertEquals(0, d.reserved());
        assertTrue(cursor.next());
        assertEquals(query, cursor.offset());
        assertEquals(NodeTypes.PART_QUERY_EX, cursor.type());
        assertEquals(8, cursor.length());
        assertFalse(cursor.next());
        assertTrue(cursor.isComplete());
    }

    @Test
    void everyElasticResponse()
    {
        response.wrap(buffer, 0, 4096).begin(3);
        final int resize = response.appendPartResize(-16, 0x11, 0);
        final int grown = response.appendPartResize(0, 0, 2);
        final int drain = response.appendPartDrain(0, 4);
        final int query = response.appendPartQueryEx(0, 2);
        final PartitionEntryExFlyweight entry = new PartitionEntryExFlyweight();
        final PartQueryExResponseFlyweight rsp = new PartQueryExResponseFlyweight().wrap(buffer, query);
        entry.wrap(buffer, rsp.entryIndex(1)).id(9).state(PartitionEntryExFlyweight.STATE_DRAINED).borrowed(4, 3);
        final int length = response.finish(0);

        assertEquals(16 + 24 + 24 + 24 + 24 + 2 * 208, length);
        final PartResizeResponseFlyweight refused = new PartResizeResponseFlyweight().wrap(buffer, resize);
        assertEquals(NodeTypes.PART_RESIZE, refused.type());
        assertEquals(-16, refused.status());
        assertEquals(0x11, refused.shortMask());
        assertEquals(2, new PartResizeResponseFlyweight().wrap(buffer, grown).preempted());
        final PartDrainResponseFlyweight drained = new PartDrainResponseFlyweight().wrap(buffer, drain);
        assertEquals(NodeTypes.PART_DRAIN, drained.type());
        assertEquals(4, drained.activeWorkloads());
        assertEquals(0, drained.reservedField());
        assertEquals(NodeTypes.PART_QUERY_EX, rsp.type());
        assertEquals(2, rsp.n());
        assertEquals(24 + 2 * 208, rsp.len());
        entry.wrap(buffer, rsp.entryIndex(1));
        assertEquals(9, entry.id());
        assertEquals(2, entry.state());
        assertEquals(3, entry.borrowed(4));
        assertEquals(0, entry.wrap(buffer, rsp.entryIndex(0)).id());
    }

    @Test
    void elasticWritersRefuseMalformedArguments()
    {
        request.wrap(buffer, 0, 4096).begin(1);
        assertEquals(-22, request.appendPartCreateEx("x".repeat(33), new long[5], new long[5], 0));
        assertEquals(-22, request.appendPartCreateEx("x", new long[4], new long[5], 0));
        assertEquals(-22, request.appendPartCreateEx("x", new long[5], new long[6], 0));
        assertEquals(-22, request.appendPartResize(1, 0, new long[5], new long[4]));
        assertEquals(-22, request.appendPartResize(1, 0, new long[6], new long[5]));
        assertEquals(0, request.count());

        response.wrap(buffer, 0, 4096).begin(1);
        assertEquals(-22, response.appendPartQueryEx(0, -1));
        assertEquals(-90, response.appendPartQueryEx(0, 20));
        assertEquals(0, response.count());
    }

    @Test
    void aWholeMessageErrorHasNoTransactions()
    {
        response.wrap(buffer, 0, 4096).begin(9);
        final int length = response.finish(Errno.ETIMEDOUT.status());

        assertEquals(16, length);
        assertEquals(Hex.normalize("10 00 00 00  00 00 00 00  09 00 00 00  92 ff ff ff"), Hex.of(buffer, 0, 16));
    }

    @Test
    void aResponseIsLimitedTo128Kib()
    {
        response.wrap(buffer, 0, 1 << 18).begin(1);

        assertEquals(ManageResponseWriter.INSUFFICIENT_CAPACITY,
            response.appendPassthrough(0, buffer, 0, 131072 - 16 - 16 + 8));
        assertTrue(response.appendPassthrough(0, buffer, 0, 131072 - 16 - 16) > 0);
        assertEquals(131072, response.finish(0));
    }

    @Test
    void writersRefuseMalformedArguments()
    {
        request.wrap(buffer, 0, 4096);
        assertEquals(-22, request.appendStatus());
        request.begin(1);
        assertEquals(-22, request.finish());
        assertEquals(-22, request.appendPassthrough(buffer, 0, 7));
        assertEquals(-22, request.appendDmaXfer(0, 0, buffer, 0, -1));
        assertEquals(-22, request.appendPartCreate("x".repeat(33), new long[5]));
        assertEquals(-22, request.appendPartCreate("x", new long[6]));
        assertEquals(-22, request.reserve(NodeTypes.STATUS, 4));
        assertEquals(-90, request.appendExecute(0, buffer, 0, 4096));
        assertEquals(-22, request.appendExecute(0, new WireBuffer(new byte[4]), 0, 5));
        assertEquals(-22, request.appendPassthrough(new WireBuffer(new byte[8]), 8, 8));
        assertEquals(0, request.count());

        response.wrap(buffer, 0, 4096);
        assertEquals(-22, response.appendEmpty(NodeTypes.STATUS, 0));
        response.begin(1);
        assertEquals(-22, response.reserve(NodeTypes.STATUS, 0, 8));
        assertEquals(-22, response.appendPassthrough(0, buffer, 0, 9));
        assertEquals(-22, response.appendPartQuery(0, -1));
        assertEquals(-22, response.appendExecute(0, 1, new WireBuffer(new byte[4]), 1, 4));
        assertEquals(-22, response.appendPoolQuery(0, new long[5], new long[4]));
        assertEquals(-90, response.appendPartQuery(0, 40));
        assertEquals(0, response.count());
    }

    @Test
    void aRequestIsLimitedTo64Kib()
    {
        request.wrap(buffer, 0, 1 << 18).begin(1);

        assertEquals(ManageMessageWriter.INSUFFICIENT_CAPACITY, request.appendPassthrough(buffer, 0, 65536 - 16));
        assertTrue(request.appendPassthrough(buffer, 0, 65536 - 16 - 8) > 0);
        final int length = request.finish();
        assertEquals(65536, length);
        assertEquals(0, validator.validate(buffer, 0, length, error));
    }
}

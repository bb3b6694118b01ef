package dev.shadowdev.driver.it;

import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.PcapRecords;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.driver.testing.WireCapture;
import dev.shadowdev.wire.WireTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How node transactions map onto wire messages: batched where they fit, split where not, and traced. */
class BatchingTest
{
    @Test
    void controlTransactionsOfOneWriteShareOneWireMessage()
    {
        try (Rig rig = new Rig().up(); Client base = rig.base())
        {
            rig.wire.clear();
            final Rsp rsp = base.transact(Msg.tag(1).status().poolQuery().passthrough(new byte[16])
                .passthrough(new byte[24]).partCreate("x", 1, 1L << 30, 1, 1, 1));
            assertEquals(List.of("STATUS:0", "POOL_QUERY:0", "PASSTHROUGH:0", "PASSTHROUGH:0", "PART_CREATE:0"),
                rsp.statuses());
            final List<WireCapture.Control> sent = rig.wire.sent();
            assertEquals(1, sent.size());
            assertEquals(List.of(WireTypes.STATUS_TO_DEV, WireTypes.POOL_QUERY_TO_DEV, WireTypes.PASSTHROUGH_TO_DEV,
                WireTypes.PASSTHROUGH_TO_DEV, WireTypes.PART_CREATE_TO_DEV), sent.get(0).types());
        }
    }

    @Test
    void executeRefusalsAndPartQueryEndABatch()
    {
        try (Rig rig = new Rig().up(); Client base = rig.base())
        {
            final int dbc = base.load(1, Rig.echoImage());
            rig.wire.clear();
            final Rsp rsp = base.transact(Msg.tag(1).status().execute(dbc, new byte[8]).status().status()
                .deactivate(15).poolQuery().partQuery().status());
            assertEquals(List.of("STATUS:0", "EXECUTE:0", "STATUS:0", "STATUS:0", "DEACTIVATE:-13", "POOL_QUERY:0",
                "PART_QUERY:0", "STATUS:0"), rsp.statuses());
            assertEquals(List.of(List.of(WireTypes.STATUS_TO_DEV), List.of(WireTypes.STATUS_TO_DEV,
                WireTypes.STATUS_TO_DEV), List.of(WireTypes.POOL_QUERY_TO_DEV), List.of(WireTypes.PART_QUERY_TO_DEV),
                List.of(WireTypes.STATUS_TO_DEV)), rig.wire.sent().stream().map(WireCapture.Control::types).toList());
            assertEquals(1, rig.wire.dbcRequests());
            assertEquals(1, rig.wire.dbcResponses());
        }
    }

    @Test
    void transactionsAreSplitOverMessagesWhereTheyDoNotFit()
    {
        try (Rig rig = new Rig(b -> b.maxWireMessageBytes(4096)).up(); Client base = rig.base())
        {
            rig.wire.clear();
            final byte[] data = new byte[2000];
            data[1999] = 3;
            final Rsp rsp = base.transact(Msg.tag(1).passthrough(data).passthrough(data).passthrough(new byte[5000])
                .passthrough(data));
            assertEquals(List.of("PASSTHROUGH:0", "PASSTHROUGH:0", "PASSTHROUGH:-90", "PASSTHROUGH:0"), rsp.statuses());
            assertArrayEquals(data, rsp.txn(3).body());
            assertEquals(List.of(2, 1), rig.wire.sent().stream().map(WireCapture.Control::count).toList());
        }
    }

    @Test
    void aLongDmaTransferContinuesOverSeveralMessages()
    {
        try (Rig rig = new Rig(b -> b.maxWireMessageBytes(512).dmaSegmentBytes(64)).up(); Client base = rig.base())
        {
            final byte[] image = Rig.image(dev.shadowdev.image.WorkloadOp.ECHO, 0, 4000);
            rig.wire.clear();
            final Rsp rsp = base.transact(Msg.tag(1).dmaXfer(7, 0, image, 0, image.length).activate(7));
            assertEquals(List.of("DMA_XFER:0", "ACTIVATE:0"), rsp.statuses());
            final List<WireCapture.Control> sent = rig.wire.sent();
            final List<WireCapture.Control> received = rig.wire.received();
            final int pieces = (int)sent.stream().filter(c -> c.types().equals(List.of(WireTypes.DMA_XFER_TO_DEV)))
                .count();
            assertTrue(pieces >= 3, "pieces=" + pieces);
            assertEquals(pieces - 1, received.stream().filter(c -> c.types().equals(List.of(WireTypes.DMA_XFER_CONT)))
                .count());
            final int dbc = rsp.txn(1).i32(0);
            assertEquals(42, base.execute(dbc, new byte[] { 42 })[0]);
            final Rsp next = base.transact(Msg.tag(2).dmaXfer(7, image.length, new byte[64], 0, 64));
            assertEquals(List.of("DMA_XFER:0"), next.statuses());
        }
    }

    @Test
    void theTraceRecordsControlAndDbcTrafficBothWays(@TempDir final Path dir) throws Exception
    {
        final Path trace = dir.resolve("trace.pcap");
        try (Rig rig = new Rig(b -> b.tracePath(trace)).up(); Client base = rig.base())
        {
            final int dbc = base.load(1, Rig.echoImage());
            base.execute(dbc, new byte[] { 1, 2, 3 });
        }
        final List<PcapRecords.Record> records = PcapRecords.read(trace);
        final List<PcapRecords.Record> control = records.stream().filter(r -> r.kind() == 0).toList();
        assertTrue(control.stream().anyMatch(r -> r.direction() == 0 && r.channel() == 10));
        assertTrue(control.stream().anyMatch(r -> r.direction() == 1 && r.channel() == 11));
        assertEquals(control.stream().filter(r -> r.direction() == 0).count(),
            control.stream().filter(r -> r.direction() == 1).count());
        final List<PcapRecords.Record> requests = records.stream().filter(r -> r.kind() == 1).toList();
        final List<PcapRecords.Record> responses = records.stream().filter(r -> r.kind() == 2).toList();
        assertEquals(1, requests.size());
        assertEquals(1, responses.size());
        assertEquals(64, requests.get(0).message().remaining());
        assertEquals(4, responses.get(0).message().remaining());
        assertEquals(requests.get(0).message().getShort(0), responses.get(0).message().getShort(0));
        assertEquals(0, responses.get(0).message().getShort(2));
    }
}

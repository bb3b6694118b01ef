package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManageResponseTest
{
    @Test
    void shouldParseEveryResponseBody() throws Exception
    {
        final byte[] bytes = new ResponseBytes(42, 0)
            .add(0x0001, 0, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })
            .add(0x0005, 0, new byte[0])
            .add(0x0007, 0, new Le().u32(3, 0).u64(0b1100).toBytes())
            .add(0x000C, 0, new Le().u16(5, 0).u32(0).u64(1).toBytes())
            .add(0x0101, 0, new Le().u32(3, 4).u32(0xDEADBEEFL).toBytes())
            .add(0x0102, 0, new Le().u32(9, 0).toBytes())
            .add(0x0104, 0, new Le().u32(2, 0)
                .u32(9, 1).name("infer-a").u64(4, 8L << 30, 8, 16, 4).u64(1, 4096, 0, 0, 1)
                .u32(10, 0).name("b").u64(1, 1, 0, 0, 1).u64(0, 0, 0, 0, 0).toBytes())
            .add(0x0105, 0, new Le().u64(16, 32L << 30, 32, 64, 16).u64(8, 16L << 30, 16, 32, 8).toBytes())
            .toBytes();

        final ManageResponse r = ManageResponse.parse(ByteBuffer.wrap(bytes), bytes.length).requireOk();

        assertEquals(42, r.tag());
        assertEquals(8, r.count());
        assertArrayEquals(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, r.passthrough(0));
        assertEquals(0x0005, r.type(1));
        assertEquals(0, r.body(1).remaining());
        assertEquals(new ActivateResult(3, 0, 0b1100), r.activate(2));
        assertEquals(new FirmwareStatus(5, 0, 0, 1), r.firmwareStatus(3));
        final ExecuteResult execute = r.execute(4);
        assertEquals(3, execute.dbcId());
        assertArrayEquals(new byte[] { (byte)0xEF, (byte)0xBE, (byte)0xAD, (byte)0xDE }, execute.data());
        assertEquals(9, r.partCreate(5));
        assertEquals(List.of(
            new PartitionEntry(9, 1, "infer-a", Resources.of(4, 8L << 30, 8, 16, 4), Resources.of(1, 4096, 0, 0, 1)),
            new PartitionEntry(10, 0, "b", Resources.of(1, 1, 0, 0, 1), Resources.ZERO)), r.partQuery(6));
        assertEquals(new PoolInfo(Resources.of(16, 32L << 30, 32, 64, 16), Resources.of(8, 16L << 30, 16, 32, 8)),
            r.poolQuery(7));
    }

    @Test
    void shouldReportFailedTransactionsWithTheirShortResources() throws Exception
    {
        final byte[] bytes = new ResponseBytes(1, 0)
            .add(0x0007, Errno.ENOSPC.status(), new Le().u32(0, 0b10001).u64(0).toBytes())
            .add(0x0103, Errno.EBUSY.status(), new byte[0])
            .toBytes();
        final ManageResponse r = ManageResponse.parse(ByteBuffer.wrap(bytes), bytes.length);

        assertFailure(() -> r.activate(0), Errno.ENOSPC, "ACTIVATE: status=ENOSPC index=0 short=cores,dma_channels");
        assertFailure(() -> r.requireOk(1), Errno.EBUSY, "PART_DESTROY: status=EBUSY index=1");
        assertFailure(r::requireOk, Errno.ENOSPC, "ACTIVATE: status=ENOSPC index=0 short=cores,dma_channels");

        final byte[] whole = new ResponseBytes(7, Errno.ETIMEDOUT.status()).toBytes();
        assertFailure(() -> ManageResponse.parse(ByteBuffer.wrap(whole), whole.length).requireOk(), Errno.ETIMEDOUT,
            "manage: status=ETIMEDOUT tag=7");
    }

    @Test
    void shouldRejectMalformedResponses()
    {
        final byte[] good = new ResponseBytes(1, 0).add(0x000C, 0, new Le().u16(5, 0).u32(0).u64(0).toBytes())
            .toBytes();

        assertBad(good, 8, "bad response: short: len=8");
        assertBad(good, good.length - 8, "bad response: len does not match the bytes read: len=48 read=40");
        final byte[] count = good.clone();
        count[4] = 2;
        assertBad(count, count.length, "bad response: transaction header past the end: index=1 offset=48");
        final byte[] len = good.clone();
        len[20] = 8;
        assertBad(len, len.length, "bad response: transaction len out of range: index=0 len=8");
        final byte[] hugeCount = good.clone();
        hugeCount[7] = (byte)0x80;
        assertBad(hugeCount, hugeCount.length, "bad response: count out of range: count=2147483649");
    }

    @Test
    void shouldRejectBodiesOfTheWrongTypeOrLength() throws Exception
    {
        final byte[] bytes = new ResponseBytes(1, 0)
            .add(0x000C, 0, new byte[8])
            .add(0x0104, 0, new Le().u32(5, 0).toBytes())
            .add(0x0101, 0, new Le().u32(1, 100).toBytes())
            .toBytes();
        final ManageResponse r = ManageResponse.parse(ByteBuffer.wrap(bytes), bytes.length);

        assertFailure(() -> r.activate(0), Errno.EBADMSG,
            "bad response: unexpected transaction type: index=0 type=STATUS expected=ACTIVATE");
        assertFailure(() -> r.firmwareStatus(0), Errno.EBADMSG, "bad response: STATUS body too short: index=0 len=24");
        assertFailure(() -> r.partQuery(1), Errno.EBADMSG,
            "bad response: PART_QUERY entries past its transaction: index=1 n=5");
        assertFailure(() -> r.execute(2), Errno.EBADMSG,
            "bad response: EXECUTE data_len past its transaction: index=2 data_len=100");
    }

    private static void assertBad(final byte[] bytes, final int length, final String message)
    {
        assertFailure(() -> ManageResponse.parse(ByteBuffer.wrap(bytes), length), Errno.EBADMSG, message);
    }

    static void assertFailure(final Action action, final Errno errno, final String message)
    {
        final NodeException ex = assertThrows(NodeException.class, action::run);
        assertEquals(message, ex.getMessage());
        assertEquals(errno, ex.errno());
    }

    @FunctionalInterface
    interface Action
    {
        void run() throws Exception;
    }

    @Test
    void shouldParseTheElasticAnswers() throws Exception
    {
        final byte[] entry = new Le().u32(4, 2).name("batch").u32(1, 1)
            .u64(1, 1L << 30, 0, 0, 1).u64(6, 8L << 30, 4, 8, 4).u64(3, 2L << 30, 1, 1, 2).u64(2, 1L << 30, 1, 1, 1)
            .toBytes();
        final byte[] bytes = new ResponseBytes(5, 0)
            .add(0x0106, 0, new Le().u32(0, 2).toBytes())
            .add(0x0107, 0, new Le().u32(3, 0).toBytes())
            .add(0x0108, 0, new Le().u32(1, 0).bytes(entry).toBytes())
            .toBytes();

        final ManageResponse response = ManageResponse.parse(java.nio.ByteBuffer.wrap(bytes), bytes.length);

        assertEquals(new ResizeResult(0, 2), response.partResize(0));
        assertEquals(3, response.partDrain(1));
        final PartitionEntryEx e = response.partQueryEx(2).get(0);
        assertEquals(new PartitionEntryEx(4, 2, "batch", 1, 1, Resources.of(1, 1L << 30, 0, 0, 1),
            Resources.of(6, 8L << 30, 4, 8, 4), Resources.of(3, 2L << 30, 1, 1, 2), Resources.of(2, 1L << 30, 1, 1, 1)),
            e);
        assertEquals("draining", e.stateName());
        assertTrue(e.lends());
    }

    @Test
    void shouldNameTheShortMaskOfARefusedResize() throws Exception
    {
        final byte[] bytes = new ResponseBytes(6, 0)
            .add(0x0106, Errno.EBUSY.status(), new Le().u32(0x11, 0).toBytes())
            .toBytes();

        final ManageResponse response = ManageResponse.parse(java.nio.ByteBuffer.wrap(bytes), bytes.length);

        assertFailure(() -> response.requireOk(0), Errno.EBUSY, "PART_RESIZE: status=EBUSY index=0 short=cores,dma_channels");
    }
}

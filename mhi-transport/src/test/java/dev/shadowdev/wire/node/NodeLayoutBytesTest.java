package dev.shadowdev.wire.node;

import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.wire.Hex;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartCreateFlyweight;
import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.PartitionEntryExFlyweight;
import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.WireBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.shadowdev.wire.Hex.zeros;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every node ABI layout (ABI.md 1.1 to 1.4) against bytes written by hand.
 */
class NodeLayoutBytesTest
{
    private final WireBuffer buffer = new WireBuffer(new byte[8192]);
    private final ManageMessageWriter request = new ManageMessageWriter();
    private final ManageResponseWriter response = new ManageResponseWriter();

    @BeforeEach
    void begin()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        request.wrap(buffer, 0, 4096).begin(0xDEADBEEF);
        response.wrap(buffer, 4096, 4096).begin(0xDEADBEEF);
    }

    @Test
    void manageMessageHeader()
    {
        request.appendStatus();
        request.appendPartQuery();
        final int length = request.finish();

        assertEquals(32, length);
        assertBytes(
            "20 00 00 00  02 00 00 00  ef be ad de  00 00 00 00" +
            "0c 00 00 00  08 00 00 00  04 01 00 00  08 00 00 00",
            0, length);
        final ManageMessageFlyweight header = new ManageMessageFlyweight().wrap(buffer, 0);
        assertEquals(32, header.len());
        assertEquals(2, header.count());
        assertEquals(0xDEADBEEF, header.tag());
        assertEquals(0, header.reserved());
    }

    @Test
    void responseHeader()
    {
        response.appendEmpty(NodeTypes.DMA_XFER, 0);
        response.appendEmpty(NodeTypes.DEACTIVATE, -16);
        final int length = response.finish(-110);

        assertBytes(
            "30 00 00 00  02 00 00 00  ef be ad de  92 ff ff ff" +
            "05 00 00 00  10 00 00 00  00 00 00 00  00 00 00 00" +
            "0a 00 00 00  10 00 00 00  f0 ff ff ff  00 00 00 00",
            4096, length);
        final ManageResponseFlyweight header = new ManageResponseFlyweight().wrap(buffer, 4096);
        assertEquals(-110, header.status());
        assertEquals(2, header.count());
    }

    @Test
    void headerOffsets()
    {
        assertArrayEquals(new int[]{0, 4, 8, 12, 16}, new int[]{ManageMessageFlyweight.LEN_OFFSET,
            ManageMessageFlyweight.COUNT_OFFSET, ManageMessageFlyweight.TAG_OFFSET,
            ManageMessageFlyweight.RESERVED_OFFSET, ManageMessageFlyweight.LENGTH});
        assertArrayEquals(new int[]{0, 4, 8, 12, 16}, new int[]{ManageResponseFlyweight.LEN_OFFSET,
            ManageResponseFlyweight.COUNT_OFFSET, ManageResponseFlyweight.TAG_OFFSET,
            ManageResponseFlyweight.STATUS_OFFSET, ManageResponseFlyweight.LENGTH});
        assertArrayEquals(new int[]{0, 4, 8}, new int[]{ManageTransactionHeaderFlyweight.TYPE_OFFSET,
            ManageTransactionHeaderFlyweight.LEN_OFFSET, ManageTransactionHeaderFlyweight.HEADER_LENGTH});
        assertArrayEquals(new int[]{0, 4, 8, 12, 16}, new int[]{ManageResponseTransactionHeaderFlyweight.TYPE_OFFSET,
            ManageResponseTransactionHeaderFlyweight.LEN_OFFSET, ManageResponseTransactionHeaderFlyweight.STATUS_OFFSET,
            ManageResponseTransactionHeaderFlyweight.RESERVED_OFFSET,
            ManageResponseTransactionHeaderFlyweight.HEADER_LENGTH});
    }

    @Test
    void passthroughRequestAndEcho()
    {
        final WireBuffer data = new WireBuffer(Hex.bytes("01 02 03 04 05 06 07 08"));
        final int to = request.appendPassthrough(data, 0, 8);
        final int from = response.appendPassthrough(0, data, 0, 8);

        assertBytes("01 00 00 00  10 00 00 00  01 02 03 04 05 06 07 08", to, 16);
        assertBytes("01 00 00 00  18 00 00 00  00 00 00 00  00 00 00 00  01 02 03 04 05 06 07 08", from, 24);
        assertEquals(8, new PassthroughFlyweight().wrap(buffer, to).dataLength());
        assertEquals(8, new PassthroughResponseFlyweight().wrap(buffer, from).dataLength());
    }

    @Test
    void dmaXferRequestPadsTheData()
    {
        final int offset = request.appendDmaXfer(2, 0x1000, new WireBuffer("hello".getBytes()), 0, 5);

        assertBytes(
            "05 00 00 00  20 00 00 00  02 00 00 00  05 00 00 00  00 10 00 00 00 00 00 00" +
            "68 65 6c 6c 6f 00 00 00",
            offset, 32);
        final DmaXferRequestFlyweight dma = new DmaXferRequestFlyweight().wrap(buffer, offset);
        assertEquals(2, dma.slot());
        assertEquals(5, dma.dataLen());
        assertEquals(0x1000, dma.slotOffset());
        assertEquals(offset + 24, dma.dataIndex());
    }

    @Test
    void activateRequestAndResponses()
    {
        final int to = request.appendActivate(2);
        final int shortOf = response.appendActivate(-28, 0, 0x11, 0);
        final int ok = response.appendActivate(0, 5, 0, 0x0F00);

        assertBytes("07 00 00 00  10 00 00 00  02 00 00 00  00 00 00 00", to, 16);
        assertBytes(
            "07 00 00 00  20 00 00 00  e4 ff ff ff  00 00 00 00  00 00 00 00  11 00 00 00  00 00 00 00 00 00 00 00",
            shortOf, 32);
        assertBytes(
            "07 00 00 00  20 00 00 00  00 00 00 00  00 00 00 00  05 00 00 00  00 00 00 00  00 0f 00 00 00 00 00 00",
            ok, 32);
    }

    @Test
    void deactivateRequest()
    {
        final int offset = request.appendDeactivate(3);

        assertBytes("0a 00 00 00  10 00 00 00  03 00 00 00  00 00 00 00", offset, 16);
        assertEquals(3, new DeactivateRequestFlyweight().wrap(buffer, offset).dbcId());
    }

    @Test
    void statusRequestAndResponse()
    {
        final int to = request.appendStatus();
        final int from = response.appendStatus(0, 5, 0, 0, 1);

        assertBytes("0c 00 00 00  08 00 00 00", to, 8);
        assertBytes(
            "0c 00 00 00  20 00 00 00  00 00 00 00  00 00 00 00  05 00 00 00  00 00 00 00  01 00 00 00 00 00 00 00",
            from, 32);
        final StatusResponseFlyweight status = new StatusResponseFlyweight().wrap(buffer, from);
        assertEquals(5, status.major());
        assertEquals(0, status.minor());
        assertEquals(0, status.fwStatus());
        assertEquals(1, status.flags());
    }

    @Test
    void executeRequestAndResponse()
    {
        final int to = request.appendExecute(1, new WireBuffer(Hex.bytes("01 02 03 04 05 06 07 08 09")), 0, 9);
        final int from = response.appendExecute(0, 1, new WireBuffer(Hex.bytes("aa bb cc dd")), 0, 4);

        assertBytes(
            "01 01 00 00  20 00 00 00  01 00 00 00  09 00 00 00  01 02 03 04 05 06 07 08  09 00 00 00 00 00 00 00",
            to, 32);
        assertBytes(
            "01 01 00 00  20 00 00 00  00 00 00 00  00 00 00 00  01 00 00 00  04 00 00 00  aa bb cc dd 00 00 00 00",
            from, 32);
        assertEquals(4, new ExecuteResponseFlyweight().wrap(buffer, from).dataLen());
        assertEquals(9, new ExecuteRequestFlyweight().wrap(buffer, to).dataLen());
    }

    @Test
    void payloadTransactionsZeroAroundTheirDataInDirtyDirectMemory()
    {
        // The payload is written once (not zeroed first); the header words and the padding must still be zero.
        final WireBuffer direct = new WireBuffer(java.nio.ByteBuffer.allocateDirect(256));
        direct.setMemory(0, 256, (byte)0x5A);
        final ManageMessageWriter directRequest = new ManageMessageWriter().wrap(direct, 0, 128);
        final ManageResponseWriter directResponse = new ManageResponseWriter().wrap(direct, 128, 128);
        directRequest.begin(1);
        directResponse.begin(1);
        final int to = directRequest.appendExecute(1, new WireBuffer(Hex.bytes("01 02 03 04 05 06 07 08 09")), 0, 9);
        final int from = directResponse.appendExecute(-5, 1, new WireBuffer(Hex.bytes("aa bb cc dd")), 0, 4);

        assertEquals(Hex.normalize(
            "01 01 00 00  20 00 00 00  01 00 00 00  09 00 00 00  01 02 03 04 05 06 07 08  09 00 00 00 00 00 00 00"),
            Hex.of(direct, to, 32));
        assertEquals(Hex.normalize(
            "01 01 00 00  20 00 00 00  fb ff ff ff  00 00 00 00  01 00 00 00  04 00 00 00  aa bb cc dd 00 00 00 00"),
            Hex.of(direct, from, 32));
    }

    @Test
    void partCreateRequestIsExactly72BytesOfBody()
    {
        final int to = request.appendPartCreate("db", new long[]{4, 0x2_0000_0000L, 8, 16, 4});
        final int from = response.appendPartCreate(0, 7, 0);

        assertBytes(
            "02 01 00 00  50 00 00 00" +
            "64 62" + zeros(30) +
            "04 00 00 00 00 00 00 00  00 00 00 00 02 00 00 00  08 00 00 00 00 00 00 00" +
            "10 00 00 00 00 00 00 00  04 00 00 00 00 00 00 00",
            to, 80);
        assertBytes("02 01 00 00  18 00 00 00  00 00 00 00  00 00 00 00  07 00 00 00  00 00 00 00", from, 24);
        final PartCreateFlyweight create = new PartCreateFlyweight().wrap(buffer, to);
        assertEquals("db", create.name());
        assertEquals(0x2_0000_0000L, create.res(1));
        assertEquals(72, PartCreateFlyweight.LENGTH - ManageTransactionHeaderFlyweight.HEADER_LENGTH);
    }

    @Test
    void partCreateV11RequestIs120BytesOfBody()
    {
        final int to = request.appendPartCreateEx("db", new long[]{1, 0x4000_0000L, 2, 3, 1},
            new long[]{4, 0x2_0000_0000L, 8, 16, 4}, PartCreateExFlyweight.FLAG_LEND);

        assertBytes(
            "02 01 00 00  80 00 00 00" +
            "64 62" + zeros(30) +
            "01 00 00 00 00 00 00 00  00 00 00 40 00 00 00 00  02 00 00 00 00 00 00 00" +
            "03 00 00 00 00 00 00 00  01 00 00 00 00 00 00 00" +
            "04 00 00 00 00 00 00 00  00 00 00 00 02 00 00 00  08 00 00 00 00 00 00 00" +
            "10 00 00 00 00 00 00 00  04 00 00 00 00 00 00 00" +
            "01 00 00 00  00 00 00 00",
            to, 128);
        assertArrayEquals(new int[]{8, 40, 80, 120, 124, 128}, new int[]{PartCreateExFlyweight.NAME_OFFSET,
            PartCreateExFlyweight.MIN_OFFSET, PartCreateExFlyweight.MAX_OFFSET, PartCreateExFlyweight.FLAGS_OFFSET,
            PartCreateExFlyweight.RESERVED_OFFSET, PartCreateExFlyweight.LENGTH});
    }

    @Test
    void partResizeRequestAndResponse()
    {
        final int to = request.appendPartResize(3, PartResizeFlyweight.FLAG_FORCE | PartResizeFlyweight.FLAG_SET_LEND,
            new long[]{1, 2, 3, 4, 5}, new long[]{6, 7, 8, 9, 0x10_0000_0000L});
        final int from = response.appendPartResize(-28, 0x11, 2);

        assertBytes(
            "06 01 00 00  60 00 00 00  03 00 00 00  03 00 00 00" +
            "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00  03 00 00 00 00 00 00 00" +
            "04 00 00 00 00 00 00 00  05 00 00 00 00 00 00 00" +
            "06 00 00 00 00 00 00 00  07 00 00 00 00 00 00 00  08 00 00 00 00 00 00 00" +
            "09 00 00 00 00 00 00 00  00 00 00 00 10 00 00 00",
            to, 96);
        assertBytes("06 01 00 00  18 00 00 00  e4 ff ff ff  00 00 00 00  11 00 00 00  02 00 00 00", from, 24);
        assertArrayEquals(new int[]{8, 12, 16, 56, 96}, new int[]{PartResizeFlyweight.PARTITION_ID_OFFSET,
            PartResizeFlyweight.FLAGS_OFFSET, PartResizeFlyweight.MIN_OFFSET, PartResizeFlyweight.MAX_OFFSET,
            PartResizeFlyweight.LENGTH});
        assertArrayEquals(new int[]{1, 2, 4}, new int[]{PartResizeFlyweight.FLAG_FORCE,
            PartResizeFlyweight.FLAG_SET_LEND, PartResizeFlyweight.FLAG_CLEAR_LEND});
    }

    @Test
    void partDrainRequestAndResponse()
    {
        final int to = request.appendPartDrain(5, PartDrainFlyweight.FLAG_UNDO, 30_000);
        final int never = request.appendPartDrain(5, 0, PartDrainFlyweight.GRACE_NEVER);
        final int from = response.appendPartDrain(0, 3);

        assertBytes("07 01 00 00  18 00 00 00  05 00 00 00  01 00 00 00  30 75 00 00  00 00 00 00", to, 24);
        assertBytes("07 01 00 00  18 00 00 00  05 00 00 00  00 00 00 00  ff ff ff ff  00 00 00 00", never, 24);
        assertBytes("07 01 00 00  18 00 00 00  00 00 00 00  00 00 00 00  03 00 00 00  00 00 00 00", from, 24);
    }

    @Test
    void partQueryExRequestResponseAndEntry()
    {
        final int to = request.appendPartQueryEx();
        final int from = response.appendPartQueryEx(0, 1);
        final PartQueryExResponseFlyweight query = new PartQueryExResponseFlyweight().wrap(buffer, from);
        final PartitionEntryExFlyweight entry = new PartitionEntryExFlyweight().wrap(buffer, query.entryIndex(0));
        entry.id(2).activeWorkloads(3).state(PartitionEntryExFlyweight.STATE_DRAINING).flags(1);
        assertEquals(0, entry.name("ab"));
        for (int i = 0; i < 5; i++)
        {
            entry.min(i, 0x10 + i).max(i, 0x20 + i).used(i, 0x30 + i).borrowed(i, 0x40 + i);
        }

        assertBytes("08 01 00 00  08 00 00 00", to, 8);
        final StringBuilder vectors = new StringBuilder();
        for (final int base : new int[]{0x10, 0x20, 0x30, 0x40})
        {
            for (int i = 0; i < 5; i++)
            {
                vectors.append(String.format("%02x 00 00 00 00 00 00 00 ", base + i));
            }
        }
        assertBytes(
            "08 01 00 00  e8 00 00 00  00 00 00 00  00 00 00 00  01 00 00 00  00 00 00 00" +
            "02 00 00 00  03 00 00 00" +
            "61 62" + zeros(30) +
            "01 00 00 00  01 00 00 00" +
            vectors,
            from, 24 + 208);
        assertArrayEquals(new int[]{0, 4, 8, 40, 44, 48, 88, 128, 168, 208}, new int[]{
            PartitionEntryExFlyweight.ID_OFFSET, PartitionEntryExFlyweight.ACTIVE_WORKLOADS_OFFSET,
            PartitionEntryExFlyweight.NAME_OFFSET, PartitionEntryExFlyweight.STATE_OFFSET,
            PartitionEntryExFlyweight.FLAGS_OFFSET, PartitionEntryExFlyweight.MIN_OFFSET,
            PartitionEntryExFlyweight.MAX_OFFSET, PartitionEntryExFlyweight.USED_OFFSET,
            PartitionEntryExFlyweight.BORROWED_OFFSET, PartitionEntryExFlyweight.LENGTH});
        assertEquals(1, query.n());
    }

    @Test
    void partDestroyRequest()
    {
        final int offset = request.appendPartDestroy(3, PartDestroyRequestFlyweight.FLAG_FORCE);

        assertBytes("03 01 00 00  10 00 00 00  03 00 00 00  01 00 00 00", offset, 16);
    }

    @Test
    void partQueryRequestResponseAndEntry()
    {
        final int to = request.appendPartQuery();
        final int from = response.appendPartQuery(0, 1);
        final PartQueryResponseFlyweight query = new PartQueryResponseFlyweight().wrap(buffer, from);
        final PartitionEntryFlyweight entry = new PartitionEntryFlyweight().wrap(buffer, query.entryIndex(0));
        entry.id(-1).activeWorkloads(0x10);
        assertEquals(0, entry.name("base"));
        for (int i = 0; i < 5; i++)
        {
            entry.reserved(i, i + 1).used(i, 0x100L << i);
        }

        assertBytes("04 01 00 00  08 00 00 00", to, 8);
        assertBytes(
            "04 01 00 00  90 00 00 00  00 00 00 00  00 00 00 00  01 00 00 00  00 00 00 00" +
            "ff ff ff ff  10 00 00 00" +
            "62 61 73 65" + zeros(28) +
            "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00  03 00 00 00 00 00 00 00" +
            "04 00 00 00 00 00 00 00  05 00 00 00 00 00 00 00" +
            "00 01 00 00 00 00 00 00  00 02 00 00 00 00 00 00  00 04 00 00 00 00 00 00" +
            "00 08 00 00 00 00 00 00  00 10 00 00 00 00 00 00",
            from, 144);
        assertEquals(120, PartitionEntryFlyweight.LENGTH);
        assertEquals(1, query.n());
    }

    @Test
    void poolQueryRequestAndResponse()
    {
        final int to = request.appendPoolQuery();
        final int from = response.appendPoolQuery(
            0, new long[]{16, 0x8_0000_0000L, 32, 64, 16}, new long[]{14, 0x7_C000_0000L, 30, 60, 15});

        assertBytes("05 01 00 00  08 00 00 00", to, 8);
        assertBytes(
            "05 01 00 00  60 00 00 00  00 00 00 00  00 00 00 00" +
            "10 00 00 00 00 00 00 00  00 00 00 00 08 00 00 00  20 00 00 00 00 00 00 00" +
            "40 00 00 00 00 00 00 00  10 00 00 00 00 00 00 00" +
            "0e 00 00 00 00 00 00 00  00 00 00 c0 07 00 00 00  1e 00 00 00 00 00 00 00" +
            "3c 00 00 00 00 00 00 00  0f 00 00 00 00 00 00 00",
            from, 96);
        final PoolQueryResponseFlyweight pool = new PoolQueryResponseFlyweight().wrap(buffer, from);
        assertEquals(0x7_C000_0000L, pool.free(1));
    }

    @Test
    void sdIocInfo()
    {
        final SdInfoFlyweight info = new SdInfoFlyweight().wrap(buffer, 256);
        info.partitionId(7).minor(3).major(261).flags(SdInfoFlyweight.FLAG_SHADOW | SdInfoFlyweight.FLAG_ONLINE);
        assertEquals(0, info.name("web"));
        final long[] total = {2, 0x4000_0000L, 4, 8, 2};
        final long[] free = {1, 0x2000_0000L, 4, 7, 1};
        for (int i = 0; i < 5; i++)
        {
            info.total(i, total[i]).free(i, free[i]);
        }

        assertEquals(128, SdInfoFlyweight.LENGTH);
        assertBytes(
            "07 00 00 00  03 00 00 00  05 01 00 00  06 00 00 00" +
            "77 65 62" + zeros(29) +
            "02 00 00 00 00 00 00 00  00 00 00 40 00 00 00 00  04 00 00 00 00 00 00 00" +
            "08 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00" +
            "01 00 00 00 00 00 00 00  00 00 00 20 00 00 00 00  04 00 00 00 00 00 00 00" +
            "07 00 00 00 00 00 00 00  01 00 00 00 00 00 00 00",
            256, 128);
        assertEquals("web", info.name());
    }

    @Test
    void sdIocPartDev()
    {
        final SdPartDevFlyweight partDev = new SdPartDevFlyweight().wrap(buffer, 512);
        partDev.partitionId(7).flags(SdPartDevFlyweight.FLAG_REMOVE).minor(3);
        buffer.putInt(512 + SdPartDevFlyweight.RESERVED_OFFSET, 0);

        assertEquals(16, SdPartDevFlyweight.LENGTH);
        assertBytes("07 00 00 00  01 00 00 00  03 00 00 00  00 00 00 00", 512, 16);
    }

    @Test
    void aThirtyTwoByteNameHasNoTerminator()
    {
        final SdInfoFlyweight info = new SdInfoFlyweight().wrap(buffer, 0);

        assertEquals(0, info.name("0123456789abcdef0123456789abcdef"));
        assertEquals("0123456789abcdef0123456789abcdef", info.name());
        assertEquals(-22, info.name("0123456789abcdef0123456789abcdef!"));
        assertEquals("0123456789abcdef0123456789abcdef", info.name());
        assertEquals(0, info.name("é"));
        assertBytes("c3 a9" + zeros(30), SdInfoFlyweight.NAME_OFFSET, 32);
    }

    private void assertBytes(final String expected, final int offset, final int length)
    {
        assertEquals(Hex.normalize(expected), Hex.of(buffer, offset, length));
    }
}

package dev.shadowdev.wire;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.shadowdev.wire.Hex.zeros;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every wire layout against bytes written by hand from the qaic struct definitions (ABI.md section 3).
 */
class WireLayoutBytesTest
{
    private final WireBuffer buffer = new WireBuffer(new byte[8192]);
    private final WireRequestWriter request = new WireRequestWriter();
    private final WireResponseWriter response = new WireResponseWriter();

    @BeforeEach
    void begin()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        request.wrap(buffer, 0, 4096).begin(0x01020304, 7, -1);
        response.wrap(buffer, 4096, 4096).begin(0x01020304, 7, -1);
    }

    @Test
    void messageHeaderWithoutCrc()
    {
        request.appendStatus();
        final int length = request.finish(false);

        assertEquals(40, length);
        assertBytes(
            "00 00 00 00  51 41 49 43  04 03 02 01  28 00 00 00" +
            "01 00 00 00  07 00 00 00  ff ff ff ff  00 00 00 00" +
            "0f 00 00 00  08 00 00 00",
            0, length);
    }

    @Test
    void messageHeaderWithCrc()
    {
        request.appendStatus();
        final int length = request.finish(true);

        assertBytes(
            "43 3f 19 6f  51 41 49 43  04 03 02 01  28 00 00 00" +
            "01 00 00 00  07 00 00 00  ff ff ff ff  00 00 00 00" +
            "0f 00 00 00  08 00 00 00",
            0, length);
    }

    @Test
    void messageHeaderFlyweightOffsets()
    {
        assertArrayEquals(
            new int[]{0, 4, 8, 12, 16, 20, 24, 28, 32},
            new int[]{
                WireMessageHeaderFlyweight.CRC32_OFFSET, WireMessageHeaderFlyweight.MAGIC_OFFSET,
                WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET, WireMessageHeaderFlyweight.LEN_OFFSET,
                WireMessageHeaderFlyweight.COUNT_OFFSET, WireMessageHeaderFlyweight.HANDLE_OFFSET,
                WireMessageHeaderFlyweight.PARTITION_ID_OFFSET, WireMessageHeaderFlyweight.PADDING_OFFSET,
                WireMessageHeaderFlyweight.LENGTH});

        final WireMessageHeaderFlyweight header = new WireMessageHeaderFlyweight().wrap(buffer, 100);
        header.crc32(0xCAFEBABE).magic(WireMessageHeaderFlyweight.MAGIC).sequenceNumber(9).len(0x48).count(2)
            .handle(0x11).partitionId(3).padding(0);
        assertBytes(
            "be ba fe ca  51 41 49 43  09 00 00 00  48 00 00 00" +
            "02 00 00 00  11 00 00 00  03 00 00 00  00 00 00 00",
            100, 32);
    }

    @Test
    void passthroughBothWays()
    {
        final WireBuffer data = new WireBuffer(Hex.bytes("01 02 03 04 05 06 07 08"));
        final int to = request.appendPassthrough(data, 0, 8);
        final int from = response.appendPassthrough(data, 0, 8);

        assertBytes("04 00 00 00  10 00 00 00  01 02 03 04 05 06 07 08", to, 16);
        assertBytes("03 00 00 00  10 00 00 00  01 02 03 04 05 06 07 08", from, 16);
    }

    @Test
    void dmaXferToDev()
    {
        final int offset = request.appendDmaXfer(
            3, 0, 0, new long[]{0x1000, 0x0000_0001_0000_2000L}, new long[]{0x200, 0x10}, 0, 2);

        assertBytes(
            "06 00 00 00  38 00 00 00" +
            "03 00 00 00  02 00 00 00  00 00 00 00  00 00 00 00" +
            "00 10 00 00 00 00 00 00   00 02 00 00 00 00 00 00" +
            "00 20 00 00 01 00 00 00   10 00 00 00 00 00 00 00",
            offset, 56);
    }

    @Test
    void dmaXferToDevPieceWithChunkIdAndMore()
    {
        final int offset = request.appendDmaXfer(
            9, 0x77, DmaXferFlyweight.FLAG_MORE, new long[]{0xAA00}, new long[]{0x100}, 0, 1);

        assertBytes(
            "06 00 00 00  28 00 00 00" +
            "09 00 00 00  01 00 00 00  77 00 00 00  01 00 00 00" +
            "00 aa 00 00 00 00 00 00   00 01 00 00 00 00 00 00",
            offset, 40);
    }

    @Test
    void dmaXferToDevRestartingTheSlot()
    {
        final int offset = request.appendDmaXfer(
            2, 0, DmaXferFlyweight.FLAG_RESTART, new long[]{0x5000}, new long[]{0x80}, 0, 1);

        assertBytes(
            "06 00 00 00  28 00 00 00" +
            "02 00 00 00  01 00 00 00  00 00 00 00  02 00 00 00" +
            "00 50 00 00 00 00 00 00   80 00 00 00 00 00 00 00",
            offset, 40);
    }

    @Test
    void dmaAbortIsAnEmptyPieceOfTheChunk()
    {
        final int offset = request.appendDmaAbort(0x77);

        assertBytes("06 00 00 00  18 00 00 00  00 00 00 00  00 00 00 00  77 00 00 00  00 00 00 00", offset, 24);
    }

    @Test
    void dmaXferCont()
    {
        final int offset = response.appendDmaXferCont(5, 0x12345);

        assertBytes("12 00 00 00  18 00 00 00  05 00 00 00  00 00 00 00  45 23 01 00 00 00 00 00", offset, 24);
    }

    @Test
    void activateToDev()
    {
        final int offset = request.appendActivate(0x1122334455667788L, 0xABCDEF, 64, 64, 0x1000, 2);

        assertBytes(
            "09 00 00 00  28 00 00 00" +
            "88 77 66 55 44 33 22 11   ef cd ab 00 00 00 00 00" +
            "40 00 00 00  40 00 00 00  00 10 00 00  02 00 00 00",
            offset, 40);
        assertEquals(2, new ActivateToDevFlyweight().wrap(buffer, offset).slot());
    }

    @Test
    void activateFromDev()
    {
        final int ok = response.appendActivate(0, 3, 0x0F00);
        final int shortOf = response.appendActivate(-28, 0, 0x13);

        assertBytes("08 00 00 00  18 00 00 00  00 00 00 00  03 00 00 00  00 0f 00 00 00 00 00 00", ok, 24);
        assertBytes("08 00 00 00  18 00 00 00  e4 ff ff ff  00 00 00 00  13 00 00 00 00 00 00 00", shortOf, 24);
    }

    @Test
    void deactivateBothWays()
    {
        final int to = request.appendDeactivate(4);
        final int from = response.appendDeactivate(0, 4);

        assertBytes("00 01 00 00  10 00 00 00  04 00 00 00  00 00 00 00", to, 16);
        assertBytes("0b 00 00 00  10 00 00 00  00 00 00 00  04 00 00 00", from, 16);
    }

    @Test
    void statusBothWays()
    {
        final int to = request.appendStatus();
        final int from = response.appendStatus(5, 0, 0, StatusFromDevFlyweight.FLAG_CRC_REQUIRED);

        assertBytes("0f 00 00 00  08 00 00 00", to, 8);
        assertBytes("0e 00 00 00  18 00 00 00  05 00 00 00  00 00 00 00  01 00 00 00 00 00 00 00", from, 24);
        final StatusFromDevFlyweight status = new StatusFromDevFlyweight().wrap(buffer, from);
        assertEquals(5, status.major());
        assertTrue(status.crcRequired());
    }

    @Test
    void statusFromDevVersionHalves()
    {
        final int from = response.appendStatus(0xFFFE, 0x0102, -5, 0);

        assertBytes("0e 00 00 00  18 00 00 00  fe ff 02 01  fb ff ff ff  00 00 00 00 00 00 00 00", from, 24);
    }

    @Test
    void terminateBothWays()
    {
        final int to = request.appendTerminate(0x2A);
        final int from = response.appendTerminate(-5);

        assertBytes("11 00 00 00  10 00 00 00  2a 00 00 00  00 00 00 00", to, 16);
        assertBytes("10 00 00 00  10 00 00 00  fb ff ff ff  00 00 00 00", from, 16);
    }

    @Test
    void validatePartitionBothWays()
    {
        final int to = request.appendValidatePartition(7);
        final int from = response.appendValidatePartition(-2);

        assertBytes("14 00 00 00  10 00 00 00  07 00 00 00  00 00 00 00", to, 16);
        assertBytes("13 00 00 00  10 00 00 00  fe ff ff ff  00 00 00 00", from, 16);
    }

    @Test
    void partCreateToDev()
    {
        final int offset = request.appendPartCreate("web", new long[]{2, 0x4000_0000L, 4, 8, 2});

        assertBytes(
            "02 01 00 00  50 00 00 00" +
            "77 65 62" + zeros(29) +
            "02 00 00 00 00 00 00 00" +
            "00 00 00 40 00 00 00 00" +
            "04 00 00 00 00 00 00 00" +
            "08 00 00 00 00 00 00 00" +
            "02 00 00 00 00 00 00 00",
            offset, 80);
    }

    @Test
    void partCreateFromDev()
    {
        final int ok = response.appendPartCreate(0, 7, 0);
        final int shortOf = response.appendPartCreate(-28, -1, 0x11);

        assertBytes("03 01 00 00  18 00 00 00  00 00 00 00  00 00 00 00  07 00 00 00  00 00 00 00", ok, 24);
        assertBytes("03 01 00 00  18 00 00 00  e4 ff ff ff  00 00 00 00  ff ff ff ff  11 00 00 00", shortOf, 24);
    }

    @Test
    void partDestroyBothWays()
    {
        final int to = request.appendPartDestroy(7, PartDestroyToDevFlyweight.FLAG_FORCE);
        final int from = response.appendPartDestroy(-16);

        assertBytes("04 01 00 00  10 00 00 00  07 00 00 00  01 00 00 00", to, 16);
        assertBytes("05 01 00 00  10 00 00 00  f0 ff ff ff  00 00 00 00", from, 16);
    }

    @Test
    void partQueryBothWays()
    {
        final int to = request.appendPartQuery();
        final int from = response.appendPartQuery(0, 1);
        final PartQueryFromDevFlyweight query = new PartQueryFromDevFlyweight().wrap(buffer, from);
        final PartitionEntryFlyweight entry = new PartitionEntryFlyweight().wrap(buffer, query.entryIndex(0));
        entry.id(7).activeWorkloads(2).name("web");
        final long[] reserved = {2, 0x4000_0000L, 4, 8, 2};
        final long[] used = {1, 0x10_0000L, 0, 1, 1};
        for (int i = 0; i < reserved.length; i++)
        {
            entry.reserved(i, reserved[i]).used(i, used[i]);
        }

        assertBytes("06 01 00 00  08 00 00 00", to, 8);
        assertBytes(
            "07 01 00 00  90 00 00 00  00 00 00 00  00 00 00 00  01 00 00 00  00 00 00 00" +
            "07 00 00 00  02 00 00 00" +
            "77 65 62" + zeros(29) +
            "02 00 00 00 00 00 00 00  00 00 00 40 00 00 00 00  04 00 00 00 00 00 00 00" +
            "08 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00" +
            "01 00 00 00 00 00 00 00  00 00 10 00 00 00 00 00  00 00 00 00 00 00 00 00" +
            "01 00 00 00 00 00 00 00  01 00 00 00 00 00 00 00",
            from, 144);
    }

    @Test
    void poolQueryBothWays()
    {
        final int to = request.appendPoolQuery();
        final int from = response.appendPoolQuery(
            0, new long[]{16, 0x8_0000_0000L, 32, 64, 16}, new long[]{14, 0x7_C000_0000L, 30, 60, 15});

        assertBytes("08 01 00 00  08 00 00 00", to, 8);
        assertBytes(
            "09 01 00 00  60 00 00 00  00 00 00 00  00 00 00 00" +
            "10 00 00 00 00 00 00 00  00 00 00 00 08 00 00 00  20 00 00 00 00 00 00 00" +
            "40 00 00 00 00 00 00 00  10 00 00 00 00 00 00 00" +
            "0e 00 00 00 00 00 00 00  00 00 00 c0 07 00 00 00  1e 00 00 00 00 00 00 00" +
            "3c 00 00 00 00 00 00 00  0f 00 00 00 00 00 00 00",
            from, 96);
    }

    @Test
    void resultFromDev()
    {
        final int offset = response.appendResult(WireTypes.DMA_XFER_TO_DEV, -22);

        assertBytes("0b 01 00 00  10 00 00 00  ea ff ff ff  06 00 00 00", offset, 16);
    }

    @Test
    void fixedLengthsMatchTheStructs()
    {
        assertEquals(8, WireTransactionHeaderFlyweight.HEADER_LENGTH);
        assertEquals(24, DmaXferFlyweight.LENGTH);
        assertEquals(16, DmaXferFlyweight.PAIR_LENGTH);
        assertEquals(24, DmaXferContFlyweight.LENGTH);
        assertEquals(40, ActivateToDevFlyweight.LENGTH);
        assertEquals(24, ActivateFromDevFlyweight.LENGTH);
        assertEquals(16, DeactivateToDevFlyweight.LENGTH);
        assertEquals(16, DeactivateFromDevFlyweight.LENGTH);
        assertEquals(24, StatusFromDevFlyweight.LENGTH);
        assertEquals(16, TerminateToDevFlyweight.LENGTH);
        assertEquals(16, TerminateFromDevFlyweight.LENGTH);
        assertEquals(16, ValidatePartitionToDevFlyweight.LENGTH);
        assertEquals(16, ValidatePartitionFromDevFlyweight.LENGTH);
        assertEquals(80, PartCreateFlyweight.LENGTH);
        assertEquals(24, PartCreateFromDevFlyweight.LENGTH);
        assertEquals(16, PartDestroyToDevFlyweight.LENGTH);
        assertEquals(16, PartDestroyFromDevFlyweight.LENGTH);
        assertEquals(24, PartQueryFromDevFlyweight.LENGTH);
        assertEquals((65536 - 32 - 24) / 120, PartQueryFromDevFlyweight.MAX_ENTRIES);
        assertEquals(96, PoolQueryFromDevFlyweight.LENGTH);
        assertEquals(16, ResultFromDevFlyweight.LENGTH);
    }

    private void assertBytes(final String expected, final int offset, final int length)
    {
        assertEquals(Hex.normalize(expected), Hex.of(buffer, offset, length));
    }
}

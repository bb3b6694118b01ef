package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.shadowdev.wire.Hex.zeros;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The elastic extension pairs (ABI.md 6.1, 0x10C-0x111) and the v1.1 PART_CREATE_TO_DEV body: bytes written by
 * hand, what the validator accepts and refuses, the error answers and the writers' refusals.
 */
class WireElasticTest
{
    private final WireBuffer buffer = new WireBuffer(new byte[16384]);
    private final WireRequestWriter request = new WireRequestWriter();
    private final WireResponseWriter response = new WireResponseWriter();
    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();

    @BeforeEach
    void begin()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        request.wrap(buffer, 0, 4096).begin(1, 7, -1);
        response.wrap(buffer, 8192, 8192).begin(1, 7, -1);
    }

    @Test
    void partCreateToDevCarriesEitherBody()
    {
        final int v1 = request.appendPartCreate("a", new long[]{1, 2, 3, 4, 5});
        final int v11 = request.appendPartCreateEx(
            "ab", new long[]{1, 2, 3, 4, 5}, new long[]{6, 7, 8, 9, 10}, PartCreateExFlyweight.FLAG_LEND);
        final int length = request.finish(true);

        assertEquals(0, validator.verify(buffer, 0, length, WireDirection.TO_DEV, true, error), error.message());
        assertEquals(80, buffer.getInt(v1 + 4));
        assertBytes(
            "02 01 00 00  80 00 00 00" +
            "61 62" + zeros(30) +
            "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00  03 00 00 00 00 00 00 00" +
            "04 00 00 00 00 00 00 00  05 00 00 00 00 00 00 00" +
            "06 00 00 00 00 00 00 00  07 00 00 00 00 00 00 00  08 00 00 00 00 00 00 00" +
            "09 00 00 00 00 00 00 00  0a 00 00 00 00 00 00 00" +
            "01 00 00 00  00 00 00 00",
            v11, 128);
    }

    @Test
    void partCreateToDevOfAnotherLengthIsRefused()
    {
        final int offset = request.appendPassthrough(new WireBuffer(new byte[112]), 0, 112);
        final int length = request.finish(false);
        buffer.putInt(offset, WireTypes.PART_CREATE_TO_DEV);

        assertRejected("bad transaction len: index=0 type=0x102 len=120 expected=80",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
        buffer.putInt(offset + 4, 136);
        assertRejected("bad transaction len: index=0 type=0x102 len=136 expected=128",
            validator.verifyTransaction(buffer, offset, 0, WireDirection.TO_DEV, error));
    }

    @Test
    void resizeDrainAndQueryExToDev()
    {
        final int resize = request.appendPartResize(
            4, PartResizeFlyweight.FLAG_SET_LEND, new long[]{1, 2, 3, 4, 5}, new long[]{6, 7, 8, 9, 10});
        final int drain = request.appendPartDrain(4, 0, PartDrainFlyweight.GRACE_NEVER);
        final int query = request.appendPartQueryEx();
        final int length = request.finish(true);

        assertEquals(0, validator.verify(buffer, 0, length, WireDirection.TO_DEV, true, error), error.message());
        assertBytes(
            "0c 01 00 00  60 00 00 00  04 00 00 00  02 00 00 00" +
            "01 00 00 00 00 00 00 00  02 00 00 00 00 00 00 00  03 00 00 00 00 00 00 00" +
            "04 00 00 00 00 00 00 00  05 00 00 00 00 00 00 00" +
            "06 00 00 00 00 00 00 00  07 00 00 00 00 00 00 00  08 00 00 00 00 00 00 00" +
            "09 00 00 00 00 00 00 00  0a 00 00 00 00 00 00 00",
            resize, 96);
        assertBytes("0e 01 00 00  18 00 00 00  04 00 00 00  00 00 00 00  ff ff ff ff  00 00 00 00", drain, 24);
        assertBytes("10 01 00 00  08 00 00 00", query, 8);
    }

    @Test
    void resizeDrainAndQueryExFromDev()
    {
        final int resize = response.appendPartResize(-16, 0x01, 0);
        final int drain = response.appendPartDrain(0, 3);
        final int query = response.appendPartQueryEx(0, 1);
        final int entryIndex = new PartQueryExFromDevFlyweight().wrap(buffer, query).entryIndex(0);
        new PartitionEntryExFlyweight().wrap(buffer, entryIndex)
            .id(5).activeWorkloads(1).state(PartitionEntryExFlyweight.STATE_DRAINING).flags(1).borrowed(0, 2);
        buffer.putLong(new PartQueryExFromDevFlyweight().wrap(buffer, query).peakIndex(1, 0), 3);
        final int length = response.finish(true);

        assertEquals(0, validator.verify(buffer, 8192, length, WireDirection.FROM_DEV, true, error), error.message());
        assertBytes("0d 01 00 00  18 00 00 00  f0 ff ff ff  00 00 00 00  01 00 00 00  00 00 00 00", resize, 24);
        assertBytes("0f 01 00 00  18 00 00 00  00 00 00 00  00 00 00 00  03 00 00 00  00 00 00 00", drain, 24);
        assertBytes("11 01 00 00  10 01 00 00  00 00 00 00  00 00 00 00  01 00 00 00  00 00 00 00" +
            "05 00 00 00  01 00 00 00" + zeros(32) + "01 00 00 00  01 00 00 00" + zeros(120) +
            "02 00 00 00 00 00 00 00" + zeros(32) + "03 00 00 00 00 00 00 00" + zeros(32), query, 24 + 208 + 40);
    }

    @Test
    void aQueryExAnswerWhoseEntriesDoNotFitIsRefused()
    {
        final int offset = response.appendPartQueryEx(0, 1);
        final int length = response.finish(false);
        buffer.putInt(offset + PartQueryExFromDevFlyweight.N_OFFSET, 2);

        assertRejected("bad transaction len: index=0 type=0x111 len=272 expected=520",
            validator.verify(buffer, 8192, length, WireDirection.FROM_DEV, false, error));
        buffer.putInt(offset + PartQueryExFromDevFlyweight.N_OFFSET, -1);
        assertRejected("bad transaction len: index=0 type=0x111 len=272 expected=1065151889184",
            validator.verify(buffer, 8192, length, WireDirection.FROM_DEV, false, error));
    }

    @Test
    void fixedElasticTypesOfTheWrongSizeAreRefused()
    {
        final int offset = request.appendPassthrough(new WireBuffer(new byte[24]), 0, 24);
        final int length = request.finish(false);
        for (final int[] row : new int[][]{
            {WireTypes.PART_RESIZE_TO_DEV, 96}, {WireTypes.PART_DRAIN_TO_DEV, 24}, {WireTypes.PART_QUERY_EX_TO_DEV, 8}})
        {
            buffer.putInt(offset, row[0]);
            assertRejected(String.format("bad transaction len: index=0 type=0x%x len=32 expected=%d", row[0], row[1]),
                validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
        }
        buffer.putInt(offset, WireTypes.PART_DRAIN_TO_DEV);
        assertEquals(-22, validator.verify(buffer, 0, length, WireDirection.FROM_DEV, false, error));
        assertEquals("unknown transaction type: index=0 type=0x10e", error.message());
    }

    @Test
    void errorAnswersUseTheElasticResponseTypes()
    {
        final int resize = response.appendError(WireTypes.PART_RESIZE_TO_DEV, Errno.EDQUOT.status());
        final int drain = response.appendError(WireTypes.PART_DRAIN_TO_DEV, Errno.ESHUTDOWN.status());
        final int query = response.appendError(WireTypes.PART_QUERY_EX_TO_DEV, Errno.EIO.status());
        final int length = response.finish(true);

        assertEquals(0, validator.verify(buffer, 8192, length, WireDirection.FROM_DEV, true, error), error.message());
        assertBytes("0d 01 00 00  18 00 00 00  86 ff ff ff" + zeros(12), resize, 24);
        assertBytes("0f 01 00 00  18 00 00 00  94 ff ff ff" + zeros(12), drain, 24);
        assertBytes("11 01 00 00  18 00 00 00  fb ff ff ff" + zeros(12), query, 24);
    }

    @Test
    void copiesTheNodeBodiesVerbatim()
    {
        final WireBuffer node = new WireBuffer(new byte[128]);
        for (int i = 0; i < 128; i++)
        {
            node.putByte(i, (byte)(i + 1));
        }
        final int create = request.appendPartCreateEx(node, 8);
        final int resize = request.appendPartResize(node, 8);

        assertEquals(128, buffer.getInt(create + 4));
        assertEquals(Hex.of(node, 8, 120), Hex.of(buffer, create + 8, 120));
        assertEquals(96, buffer.getInt(resize + 4));
        assertEquals(Hex.of(node, 8, 88), Hex.of(buffer, resize + 8, 88));
    }

    @Test
    void malformedArgumentsAreRefused()
    {
        assertEquals(-22, request.appendPartCreateEx("x".repeat(33), new long[5], new long[5], 0));
        assertEquals(-22, request.appendPartCreateEx("x", new long[5], new long[4], 0));
        assertEquals(-22, request.appendPartCreateEx(new WireBuffer(new byte[128]), 9));
        assertEquals(-22, request.appendPartResize(1, 0, new long[4], new long[5]));
        assertEquals(-22, request.appendPartResize(new WireBuffer(new byte[96]), 9));
        assertEquals(0, request.count());
        assertEquals(-22, response.appendPartQueryEx(0, -1));
        assertEquals(WireMessageWriter.INSUFFICIENT_CAPACITY, response.appendPartQueryEx(0, 40));
        assertEquals(0, response.count());
    }

    private void assertBytes(final String expected, final int offset, final int length)
    {
        assertEquals(Hex.normalize(expected), Hex.of(buffer, offset, length));
    }

    private void assertRejected(final String message, final int result)
    {
        assertEquals(Errno.EINVAL.status(), result);
        assertEquals(Errno.EINVAL, error.errno());
        assertEquals(message, error.message());
    }
}

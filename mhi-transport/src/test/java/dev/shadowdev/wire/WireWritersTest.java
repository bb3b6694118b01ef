package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The writers' sentinels and the error answer for every request type.
 */
class WireWritersTest
{
    private final WireBuffer buffer = new WireBuffer(new byte[70_000]);
    private final WireRequestWriter request = new WireRequestWriter();
    private final WireResponseWriter response = new WireResponseWriter();
    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();

    @Test
    void errorAnswerUsesTheResponseTypeWhenItHasAStatus()
    {
        final int[][] expected = {
            {WireTypes.ACTIVATE_TO_DEV, WireTypes.ACTIVATE_FROM_DEV, 24, 8},
            {WireTypes.STATUS_TO_DEV, WireTypes.STATUS_FROM_DEV, 24, 12},
            {WireTypes.TERMINATE_TO_DEV, WireTypes.TERMINATE_FROM_DEV, 16, 8},
            {WireTypes.VALIDATE_PARTITION_TO_DEV, WireTypes.VALIDATE_PARTITION_FROM_DEV, 16, 8},
            {WireTypes.DEACTIVATE_TO_DEV, WireTypes.DEACTIVATE_FROM_DEV, 16, 8},
            {WireTypes.PART_CREATE_TO_DEV, WireTypes.PART_CREATE_FROM_DEV, 24, 8},
            {WireTypes.PART_DESTROY_TO_DEV, WireTypes.PART_DESTROY_FROM_DEV, 16, 8},
            {WireTypes.PART_QUERY_TO_DEV, WireTypes.PART_QUERY_FROM_DEV, 24, 8},
            {WireTypes.POOL_QUERY_TO_DEV, WireTypes.POOL_QUERY_FROM_DEV, 96, 8},
        };
        for (final int[] row : expected)
        {
            response.wrap(buffer, 0, 4096).begin(1, 2, 3);
            final int offset = response.appendError(row[0], Errno.EACCES.status());
            final int length = response.finish(true);

            assertEquals(0, validator.verify(buffer, 0, length, WireDirection.FROM_DEV, true, error),
                WireTypes.name(row[0]) + ": " + error.message());
            assertEquals(row[1], buffer.getInt(offset), WireTypes.name(row[0]));
            assertEquals(row[2], buffer.getInt(offset + 4), WireTypes.name(row[0]));
            assertEquals(-13, buffer.getInt(offset + row[3]), WireTypes.name(row[0]));
        }
    }

    @Test
    void errorAnswerIsAResultOtherwise()
    {
        for (final int requestType : new int[]{
            WireTypes.PASSTHROUGH_TO_DEV, WireTypes.DMA_XFER_TO_DEV, 0x999, WireTypes.STATUS_FROM_DEV})
        {
            response.wrap(buffer, 0, 4096).begin(1, 2, 3);
            final int offset = response.appendError(requestType, Errno.EMSGSIZE.status());
            response.finish(false);

            final ResultFromDevFlyweight result = new ResultFromDevFlyweight().wrap(buffer, offset);
            assertEquals(WireTypes.RESULT_FROM_DEV, result.type());
            assertEquals(16, result.len());
            assertEquals(-90, result.status());
            assertEquals(requestType, result.requestType());
        }
    }

    @Test
    void replyEchoesTheRequestIdentity()
    {
        request.wrap(buffer, 0, 4096).begin(0xABCD, 17, 4);
        request.appendStatus();
        request.finish(true);
        response.wrap(buffer, 4096, 4096);

        assertEquals(0, response.beginReplyTo(buffer, 0));
        response.appendStatus(5, 0, 0, 0);
        response.finish(true);
        final WireMessageHeaderFlyweight header = new WireMessageHeaderFlyweight().wrap(buffer, 4096);
        assertEquals(0xABCD, header.sequenceNumber());
        assertEquals(17, header.handle());
        assertEquals(4, header.partitionId());
        assertEquals(Errno.EINVAL.status(), response.beginReplyTo(buffer, 70_000 - 31));
    }

    @Test
    void aResponseIsLimitedTo64Kib()
    {
        response.wrap(buffer, 0, 70000).begin(1, 2, 3);

        assertEquals(65536, response.limit());
        assertEquals(WireMessageWriter.INSUFFICIENT_CAPACITY,
            response.appendPartQuery(0, PartQueryFromDevFlyweight.MAX_ENTRIES + 1));
        assertTrue(response.appendPartQuery(0, PartQueryFromDevFlyweight.MAX_ENTRIES) > 0);
        assertEquals(65536 - 32 - 24 - PartQueryFromDevFlyweight.MAX_ENTRIES * 120, response.remaining());
    }

    @Test
    void aFullAppendWritesNothing()
    {
        request.wrap(buffer, 0, 32 + 16 + 8).begin(1, 2, 3);
        assertTrue(request.appendTerminate(1) > 0);
        buffer.setMemory(48, 8, (byte)0x5A);

        assertEquals(WireMessageWriter.INSUFFICIENT_CAPACITY, request.appendTerminate(2));
        assertEquals(WireMessageWriter.INSUFFICIENT_CAPACITY,
            request.appendPassthrough(new WireBuffer(new byte[16]), 0, 16));
        assertEquals(1, request.count());
        assertEquals(48, request.length());
        assertEquals("5a 5a 5a 5a 5a 5a 5a 5a", Hex.of(buffer, 48, 8));
        assertTrue(request.appendStatus() > 0);
        assertEquals(0, request.remaining());
    }

    @Test
    void malformedArgumentsAreRefused()
    {
        request.wrap(buffer, 0, 4096);
        assertEquals(Errno.EINVAL.status(), request.appendStatus());
        assertEquals(Errno.EINVAL.status(), request.finish(false));
        request.begin(1, 2, 3);

        assertEquals(Errno.EINVAL.status(), request.finish(false));
        assertEquals(Errno.EINVAL.status(), request.appendPassthrough(new WireBuffer(new byte[12]), 0, 12));
        assertEquals(Errno.EINVAL.status(), request.reserve(WireTypes.STATUS_TO_DEV, 4));
        assertEquals(Errno.EINVAL.status(), request.reserve(WireTypes.STATUS_TO_DEV, 12));
        assertEquals(Errno.EINVAL.status(),
            request.appendDmaXfer(1, 0, 0, new long[1], new long[1], 0, 2));
        assertEquals(Errno.EINVAL.status(), request.appendPartCreate("x".repeat(33), new long[5]));
        assertEquals(Errno.EINVAL.status(), request.appendPartCreate("a\0b", new long[5]));
        assertEquals(Errno.EINVAL.status(), request.appendPartCreate("ok", new long[4]));
        assertEquals(Errno.EINVAL.status(), request.appendPassthrough(new WireBuffer(new byte[8]), 4, 8));
        assertEquals(Errno.EINVAL.status(), request.appendPartCreate(new WireBuffer(new byte[80]), 9));
        assertEquals(Errno.EINVAL.status(),
            request.appendDmaXfer(1, 0, 0, new long[2], new long[2], Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals(0, request.count());
        assertTrue(request.appendPartCreate("x".repeat(32), new long[5]) > 0);
    }

    @Test
    void aBufferTooSmallForAHeader()
    {
        request.wrap(buffer, 70_000 - 16, 4096);

        assertEquals(16, request.limit());
        assertEquals(WireMessageWriter.INSUFFICIENT_CAPACITY, request.begin(1, 2, 3));
        assertEquals(Errno.EINVAL.status(), request.appendStatus());
    }

    @Test
    void copiesAPartCreateBodyVerbatim()
    {
        final WireBuffer node = new WireBuffer(new byte[80]);
        for (int i = 0; i < 80; i++)
        {
            node.putByte(i, (byte)i);
        }
        request.wrap(buffer, 0, 4096).begin(1, 2, 3);
        final int offset = request.appendPartCreate(node, 8);

        assertEquals(Hex.of(node, 8, 72), Hex.of(buffer, offset + 8, 72));
    }
}

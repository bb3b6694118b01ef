package dev.shadowdev.wire;

import dev.shadowdev.abi.Errno;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every rejection of {@link WireMessageValidator}: exact errno and exact reason.
 */
class WireMessageValidatorTest
{
    private final WireBuffer buffer = new WireBuffer(new byte[70_000]);
    private final WireRequestWriter request = new WireRequestWriter();
    private final WireResponseWriter response = new WireResponseWriter();
    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();

    @Test
    void acceptsAWellFormedRequestAndClearsThePreviousError()
    {
        error.set(Errno.EIO, "stale");
        final int length = statusRequest();

        assertEquals(0, validator.verify(buffer, 0, length, WireDirection.TO_DEV, true, error));
        assertTrue(error.isOk());
        assertEquals("", error.message());
    }

    @Test
    void rejectsAMessageOutsideTheBuffer()
    {
        final WireBuffer small = new WireBuffer(new byte[64]);

        assertRejected(Errno.EINVAL, "message outside buffer: offset=40 length=32 capacity=64",
            validator.verify(small, 40, 32, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsFewerBytesThanAHeader()
    {
        statusRequest();

        assertRejected(Errno.EINVAL, "message shorter than header: length=31",
            validator.verify(buffer, 0, 31, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsBadMagic()
    {
        final int length = statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.MAGIC_OFFSET, 0x12345678);

        assertRejected(Errno.EBADMSG, "bad magic: magic=0x12345678",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsLenBelowHeader()
    {
        final int length = statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, 16);

        assertRejected(Errno.EINVAL, "message len below header: len=16",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsLenAboveTheRequestLimit()
    {
        statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, 65544);

        assertRejected(Errno.EMSGSIZE, "message too long: len=65544 max=65536",
            validator.verify(buffer, 0, 65544, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsLenAboveTheResponseLimit()
    {
        statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, 65544);

        assertRejected(Errno.EMSGSIZE, "message too long: len=65544 max=65536",
            validator.verify(buffer, 0, 65544, WireDirection.FROM_DEV, false, error));
    }

    @Test
    void readsLenAsUnsigned()
    {
        final int length = statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, -1);

        assertRejected(Errno.EMSGSIZE, "message too long: len=4294967295 max=65536",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsLenBeyondTheBytesReceived()
    {
        statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, 48);

        assertRejected(Errno.EINVAL, "message len beyond data: len=48 length=40",
            validator.verify(buffer, 0, 40, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsNonZeroPadding()
    {
        final int length = statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.PADDING_OFFSET, 1);

        assertRejected(Errno.EINVAL, "bad padding: padding=1",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsZeroCount()
    {
        final int length = statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, 0);

        assertRejected(Errno.EINVAL, "bad count: count=0",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsCountAboveTheLimit()
    {
        request.wrap(buffer, 0, 65536).begin(1, 2, -1);
        for (int i = 0; i < 512; i++)
        {
            assertTrue(request.appendStatus() > 0);
        }
        assertEquals(WireMessageWriter.INSUFFICIENT_CAPACITY, request.appendStatus());
        final int length = request.finish(false);
        assertEquals(0, validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
        buffer.putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, 513);

        assertRejected(Errno.EINVAL, "count too large: count=513 max=512",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsCountThatCannotFit()
    {
        final int length = statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, 2);

        assertRejected(Errno.EINVAL, "count exceeds message: count=2 len=40",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsBadCrc()
    {
        final int length = statusRequest();
        buffer.putInt(WireMessageHeaderFlyweight.CRC32_OFFSET, 0xDEADBEEF);

        assertRejected(Errno.EBADMSG, "bad crc: crc=0xdeadbeef expected=0x6f193f43",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, true, error));
        assertEquals(0, validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsTransactionLenBelowItsHeader()
    {
        final int length = statusRequest();
        buffer.putInt(32 + WireTransactionHeaderFlyweight.LEN_OFFSET, 4);

        assertRejected(Errno.EINVAL, "transaction len below header: index=0 len=4",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsTransactionLenNotAMultipleOfEight()
    {
        request.wrap(buffer, 0, 4096).begin(1, 2, -1);
        request.appendStatus();
        request.appendStatus();
        final int length = request.finish(false);
        buffer.putInt(32 + WireTransactionHeaderFlyweight.LEN_OFFSET, 12);

        assertRejected(Errno.EINVAL, "transaction len not multiple of 8: index=0 len=12",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsTransactionRunningPastTheMessage()
    {
        final int length = statusRequest();
        buffer.putInt(32 + WireTransactionHeaderFlyweight.LEN_OFFSET, 16);

        assertRejected(Errno.EINVAL, "transaction runs past message: index=0 len=16 remaining=8",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsTransactionHeaderPastTheMessage()
    {
        request.wrap(buffer, 0, 4096).begin(1, 2, -1);
        request.appendTerminate(5);
        final int length = request.finish(false);
        buffer.putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, 2);

        assertRejected(Errno.EINVAL, "transaction header runs past message: index=1 remaining=0",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsTransactionsThatDoNotFillTheMessage()
    {
        request.wrap(buffer, 0, 4096).begin(1, 2, -1);
        request.appendStatus();
        request.appendStatus();
        final int length = request.finish(false);
        buffer.putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, 1);

        assertRejected(Errno.EINVAL, "transactions do not fill message: len=48 used=40",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsAnUnknownType()
    {
        final int length = statusRequest();
        buffer.putInt(32, 0x999);

        assertEquals(0, validator.verifyFraming(buffer, 0, length, WireDirection.TO_DEV, false, error));
        assertRejected(Errno.EINVAL, "unknown transaction type: index=0 type=0x999",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsAResponseTypeInARequest()
    {
        final int length = statusRequest();
        buffer.putInt(32, WireTypes.PASSTHROUGH_FROM_DEV);

        assertRejected(Errno.EINVAL, "unknown transaction type: index=0 type=0x3",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsARequestTypeInAResponse()
    {
        final int length = statusRequest();

        assertRejected(Errno.EINVAL, "unknown transaction type: index=0 type=0xf",
            validator.verify(buffer, 0, length, WireDirection.FROM_DEV, false, error));
    }

    @Test
    void rejectsAFixedTypeOfTheWrongSize()
    {
        request.wrap(buffer, 0, 4096).begin(1, 2, -1);
        request.appendStatus();
        final int offset = request.appendPassthrough(new WireBuffer(new byte[16]), 0, 16);
        final int length = request.finish(false);
        buffer.putInt(offset, WireTypes.TERMINATE_TO_DEV);

        assertRejected(Errno.EINVAL, "bad transaction len: index=1 type=0x11 len=24 expected=16",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsADmaXferShorterThanItsFixedPart()
    {
        request.wrap(buffer, 0, 4096).begin(1, 2, -1);
        final int offset = request.appendPassthrough(new WireBuffer(new byte[8]), 0, 8);
        final int length = request.finish(false);
        buffer.putInt(offset, WireTypes.DMA_XFER_TO_DEV);

        assertRejected(Errno.EINVAL, "bad transaction len: index=0 type=0x6 len=16 expected=24",
            validator.verify(buffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsADmaXferWhosePairsDoNotFit()
    {
        final int offset = dmaRequest(0, 0, 2);
        buffer.putInt(offset + DmaXferFlyweight.COUNT_OFFSET, 3);

        assertRejected(Errno.EINVAL, "bad transaction len: index=0 type=0x6 len=56 expected=72",
            validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));
        buffer.putInt(offset + DmaXferFlyweight.COUNT_OFFSET, -1);
        assertRejected(Errno.EINVAL, "bad transaction len: index=0 type=0x6 len=56 expected=68719476744",
            validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsUnknownDmaFlags()
    {
        dmaRequest(5, 4, 1);

        assertRejected(Errno.EINVAL, "bad dma flags: index=0 flags=0x4",
            validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));
    }

    @Test
    void acceptsRestartOnAPlainOrSplitTransfer()
    {
        dmaRequest(0, DmaXferFlyweight.FLAG_RESTART, 1);
        assertEquals(0, validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));

        dmaRequest(5, DmaXferFlyweight.FLAG_RESTART | DmaXferFlyweight.FLAG_MORE, 2);
        assertEquals(0, validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsAnAbortFlaggedRestart()
    {
        dmaRequest(5, DmaXferFlyweight.FLAG_RESTART, 0);

        assertRejected(Errno.EINVAL, "bad dma flags: index=0 flags=0x2",
            validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsAnAbortFlaggedMore()
    {
        dmaRequest(5, DmaXferFlyweight.FLAG_MORE, 0);

        assertRejected(Errno.EINVAL, "bad dma flags: index=0 flags=0x1",
            validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsAnEmptyDmaXferOutsideAChunk()
    {
        dmaRequest(0, 0, 0);

        assertRejected(Errno.EINVAL, "bad dma count: index=0 count=0",
            validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsMoreWithoutAChunkId()
    {
        dmaRequest(0, DmaXferFlyweight.FLAG_MORE, 1);

        assertRejected(Errno.EINVAL, "bad dma_chunk_id: index=0 dma_chunk_id=0",
            validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));
    }

    @Test
    void acceptsAnAbort()
    {
        dmaRequest(5, 0, 0);

        assertEquals(0, validator.verify(buffer, 0, request.length(), WireDirection.TO_DEV, false, error));
    }

    @Test
    void rejectsAPartQueryAnswerWhoseEntriesDoNotFit()
    {
        response.wrap(buffer, 0, 4096).begin(1, 2, -1);
        final int offset = response.appendPartQuery(0, 1);
        final int length = response.finish(false);
        buffer.putInt(offset + PartQueryFromDevFlyweight.N_OFFSET, 2);

        assertRejected(Errno.EINVAL, "bad transaction len: index=0 type=0x107 len=144 expected=264",
            validator.verify(buffer, 0, length, WireDirection.FROM_DEV, false, error));
    }

    @Test
    void validatesAtAnOffset()
    {
        request.wrap(buffer, 1000, 4096).begin(1, 2, -1);
        request.appendStatus();
        final int length = request.finish(true);

        assertEquals(0, validator.verify(buffer, 1000, length, WireDirection.TO_DEV, true, error));
        buffer.putInt(1000 + WireMessageHeaderFlyweight.COUNT_OFFSET, 2);
        assertRejected(Errno.EINVAL, "count exceeds message: count=2 len=40",
            validator.verify(buffer, 1000, length, WireDirection.TO_DEV, false, error));
    }

    private int statusRequest()
    {
        request.wrap(buffer, 0, 4096).begin(0x01020304, 7, -1);
        request.appendStatus();
        return request.finish(true);
    }

    private int dmaRequest(final int chunkId, final int flags, final int pairs)
    {
        request.wrap(buffer, 0, 4096).begin(1, 2, -1);
        final int offset = request.appendDmaXfer(
            1, chunkId, flags, new long[]{0x1000, 0x2000}, new long[]{0x100, 0x100}, 0, pairs);
        request.finish(false);
        return offset;
    }

    private void assertRejected(final Errno errno, final String message, final int result)
    {
        assertEquals(errno.status(), result);
        assertEquals(errno, error.errno());
        assertEquals(message, error.message());
    }
}

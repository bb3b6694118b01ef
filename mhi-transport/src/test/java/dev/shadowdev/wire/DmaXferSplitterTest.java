package dev.shadowdev.wire;

import java.util.ArrayList;
import java.util.List;

import dev.shadowdev.abi.Errno;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * qaic's DMA_XFER_CONT protocol on the TO_DEV side: splitting, continuation checks, abort.
 */
class DmaXferSplitterTest
{
    private final WireBuffer requestBuffer = new WireBuffer(new byte[65536]);
    private final WireBuffer responseBuffer = new WireBuffer(new byte[4096]);
    private final WireRequestWriter request = new WireRequestWriter();
    private final WireResponseWriter response = new WireResponseWriter();
    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();
    private final DmaXferSplitter splitter = new DmaXferSplitter();
    private final DmaXferFlyweight dma = new DmaXferFlyweight();

    @Test
    void aListThatFitsIsOnePlainQaicTransaction()
    {
        splitter.reset(3, 9, false, new long[]{0x1000, 0x2000, 0x3000}, new long[]{0x100, 0x200, 0x300}, 3);
        request.wrap(requestBuffer, 0, 65536).begin(1, 2, 3);

        assertEquals(3, splitter.appendNext(request, DmaXferSplitter.QAIC_FOLLOW_UP_RESERVE));
        assertEquals(Errno.EINVAL.status(), splitter.appendNext(request, 0));
        assertTrue(splitter.isDone());
        assertEquals(0x600, splitter.xferredSize());
        dma.wrap(requestBuffer, WireMessageHeaderFlyweight.LENGTH);
        assertEquals(0, dma.dmaChunkId());
        assertEquals(0, dma.flags());
        assertEquals(3, dma.count());
        assertEquals(3, dma.tag());
    }

    @Test
    void splitsLikeQaicKeepingOneKibFreeInTheFirstMessage()
    {
        final int count = 5000;
        final long[] addrs = new long[count];
        final long[] sizes = new long[count];
        for (int i = 0; i < count; i++)
        {
            addrs[i] = 0x10_0000L + i * 4096L;
            sizes[i] = 4096;
        }
        splitter.reset(1, 42, false, addrs, sizes, count);

        request.wrap(requestBuffer, 0, 65536).begin(1, 2, 3);
        assertEquals(4028, splitter.appendNext(request, DmaXferSplitter.QAIC_FOLLOW_UP_RESERVE));
        assertEquals(1032, request.remaining());
        dma.wrap(requestBuffer, WireMessageHeaderFlyweight.LENGTH);
        assertEquals(42, dma.dmaChunkId());
        assertEquals(DmaXferFlyweight.FLAG_MORE, dma.flags());
        assertEquals(4028L * 4096, splitter.xferredSize());

        request.wrap(requestBuffer, 0, 65536).begin(2, 2, 3);
        assertEquals(972, splitter.appendNext(request, 0));
        assertEquals(42, dma.dmaChunkId());
        assertEquals(0, dma.flags());
        assertEquals(addrs[4028], dma.addr(0));
        assertTrue(splitter.isDone());
    }

    @Test
    void aDeviceReassemblesTheWholeListOverContinuations()
    {
        final int count = 7;
        final long[] addrs = new long[count];
        final long[] sizes = new long[count];
        for (int i = 0; i < count; i++)
        {
            addrs[i] = 0xA000 + i;
            sizes[i] = 10 + i;
        }
        splitter.reset(6, 5, true, addrs, sizes, count);
        final List<Long> deviceAddrs = new ArrayList<>();
        long deviceBytes = 0;
        int messages = 0;
        while (true)
        {
            // host: at most two pairs fit each message
            request.wrap(requestBuffer, 0, 32 + 24 + 2 * 16).begin(messages, 2, 3);
            assertTrue(splitter.appendNext(request, 0) > 0);
            final int length = request.finish(true);
            messages++;

            // device
            assertEquals(0, validator.verify(requestBuffer, 0, length, WireDirection.TO_DEV, true, error),
                error.message());
            dma.wrap(requestBuffer, WireMessageHeaderFlyweight.LENGTH);
            assertEquals(5, dma.dmaChunkId());
            assertEquals(messages == 1, (dma.flags() & DmaXferFlyweight.FLAG_RESTART) != 0, "RESTART on the first");
            for (int i = 0; i < dma.count(); i++)
            {
                deviceAddrs.add(dma.addr(i));
                deviceBytes += dma.size(i);
            }
            response.wrap(responseBuffer, 0, 4096).beginReplyTo(requestBuffer, 0);
            final boolean more = (dma.flags() & DmaXferFlyweight.FLAG_MORE) != 0;
            if (more)
            {
                response.appendDmaXferCont(dma.dmaChunkId(), deviceBytes);
            }
            else
            {
                response.appendResult(WireTypes.DMA_XFER_TO_DEV, 0);
            }
            final int answer = response.finish(true);

            // host
            assertEquals(0, validator.verify(responseBuffer, 0, answer, WireDirection.FROM_DEV, true, error));
            if (!more)
            {
                break;
            }
            assertEquals(0, splitter.checkContinue(responseBuffer, WireMessageHeaderFlyweight.LENGTH, error));
        }
        assertEquals(4, messages);
        assertEquals(List.of(0xA000L, 0xA001L, 0xA002L, 0xA003L, 0xA004L, 0xA005L, 0xA006L), deviceAddrs);
        assertEquals(10 + 11 + 12 + 13 + 14 + 15 + 16, deviceBytes);
        assertTrue(splitter.isDone());
    }

    @Test
    void rejectsAContinuationForAnotherChunkOrSize()
    {
        splitter.reset(1, 9, false, new long[]{1, 2, 3}, new long[]{256, 256, 256}, 3);
        request.wrap(requestBuffer, 0, 32 + 24 + 2 * 16).begin(1, 2, 3);
        assertEquals(2, splitter.appendNext(request, 0));

        assertContinue(8, 512, Errno.EINVAL, "bad dma continuation: dma_chunk_id=8 expected=9");
        assertContinue(9, 100, Errno.EINVAL, "bad dma continuation: xferred_size=100 expected=512");
        assertContinue(9, 512, Errno.OK, "");
    }

    @Test
    void rejectsAContinuationOnceEverythingWasSentOrBeforeAnything()
    {
        splitter.reset(1, 9, false, new long[]{1}, new long[]{256}, 1);
        assertContinue(9, 0, Errno.EINVAL, "unexpected dma continuation: dma_chunk_id=9");

        request.wrap(requestBuffer, 0, 4096).begin(1, 2, 3);
        assertEquals(1, splitter.appendNext(request, 0));
        assertContinue(9, 256, Errno.EINVAL, "unexpected dma continuation: dma_chunk_id=9");
    }

    @Test
    void refusesToSplitWithoutAChunkIdAndWritesNothing()
    {
        splitter.reset(1, 0, false, new long[]{1, 2, 3}, new long[]{1, 1, 1}, 3);
        request.wrap(requestBuffer, 0, 32 + 24 + 2 * 16).begin(1, 2, 3);

        assertEquals(Errno.EINVAL.status(), splitter.appendNext(request, 0));
        assertEquals(0, request.count());
        assertEquals(0, splitter.sent());
    }

    @Test
    void reportsWhenNotEvenOnePairFits()
    {
        splitter.reset(1, 9, false, new long[]{1}, new long[]{1}, 1);
        request.wrap(requestBuffer, 0, 32 + 24 + 15).begin(1, 2, 3);

        assertEquals(WireMessageWriter.INSUFFICIENT_CAPACITY, splitter.appendNext(request, 0));
        request.wrap(requestBuffer, 0, 4096).begin(1, 2, 3);
        assertEquals(WireMessageWriter.INSUFFICIENT_CAPACITY, splitter.appendNext(request, 4096));
    }

    @Test
    void refusesAnEmptyOrFinishedList()
    {
        request.wrap(requestBuffer, 0, 4096).begin(1, 2, 3);
        splitter.reset(1, 9, false, new long[0], new long[0], 0);
        assertEquals(Errno.EINVAL.status(), splitter.appendNext(request, 0));
        splitter.reset(1, 9, false, new long[1], new long[1], 2);
        assertEquals(Errno.EINVAL.status(), splitter.appendNext(request, 0));

        splitter.reset(1, 9, false, new long[]{1}, new long[]{1}, 1);
        assertEquals(1, splitter.appendNext(request, 0));
        assertEquals(Errno.EINVAL.status(), splitter.appendNext(request, 0));
    }

    @Test
    void abortsTheChunk()
    {
        splitter.reset(1, 0x77, false, new long[]{1, 2}, new long[]{1, 1}, 2);
        request.wrap(requestBuffer, 0, 4096).begin(1, 2, 3);
        final int offset = splitter.appendAbort(request);
        final int length = request.finish(false);

        assertEquals(
            Hex.normalize("06 00 00 00  18 00 00 00  00 00 00 00  00 00 00 00  77 00 00 00  00 00 00 00"),
            Hex.of(requestBuffer, offset, 24));
        assertEquals(0, validator.verify(requestBuffer, 0, length, WireDirection.TO_DEV, false, error));
    }

    private void assertContinue(final int chunkId, final long size, final Errno errno, final String message)
    {
        response.wrap(responseBuffer, 0, 4096).begin(1, 2, 3);
        final int offset = response.appendDmaXferCont(chunkId, size);

        assertEquals(errno.status(), splitter.checkContinue(responseBuffer, offset, error));
        assertEquals(message, error.message());
    }
}

package dev.shadowdev.firmware.card;

import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.DbcQueue;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.DmaXferFlyweight;
import dev.shadowdev.wire.DmaXferSplitter;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container's path end to end on the device side: a real image uploaded by DMA_XFER in several pieces (MORE /
 * DMA_XFER_CONT, with the ACTIVATE riding in the first message), then EXECUTE through the DBC queues for ECHO,
 * CRC32C and XOR8 with exact output bytes. Once driven by hand, once with the card's device thread.
 */
class ExecuteFlowTest
{
    private static final int BASE = -1;
    private static final int H = 3;
    private static final int PAIR = 64;
    private static final int CHUNK_ID = 41;

    @Test
    void uploadActivateAndExecuteByHand()
    {
        try (TestHost test = TestHost.manual(CardOptions.defaults()))
        {
            flow(test);
        }
    }

    @Test
    void uploadActivateAndExecuteOnTheDeviceThread()
    {
        try (TestHost test = TestHost.threaded(CardOptions.defaults().withThreadName("flow-card")))
        {
            flow(test);
            assertTrue(test.card.isDeviceThreadAlive());
        }
    }

    @Test
    void anAbortCutsTheSlotBackAndDropsTheDeferredTransactions()
    {
        try (TestHost test = TestHost.manual(CardOptions.defaults()))
        {
            final byte[] first = new WorkloadImageWriter().name("a").needs(1, 4096, 0, 0, 1).toBytes();
            final long at = test.put(first);
            test.begin(H, BASE).appendDmaXfer(4, 0, 0, new long[]{ at }, new long[]{ first.length }, 0, 1);
            assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0"), test.call().describe());

            final DmaXferSplitter splitter = split(test, 4, false, new byte[300_000]);
            final WireRequestWriter writer = test.begin(H, BASE);
            splitter.appendNext(writer, DmaXferSplitter.QAIC_FOLLOW_UP_RESERVE);
            new DbcQueue(test, 4, 64).appendActivate(writer, 4, 64);
            assertEquals(List.of("DMA_XFER_CONT"), test.call().describe());
            assertEquals(1, test.card.control().continuationsInProgress());
            assertTrue(test.card.firmware().slotLength(BASE, H, 4) > first.length);

            splitter.appendAbort(test.begin(H, BASE));
            assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0"), test.call().describe());

            assertEquals(first.length, test.card.firmware().slotLength(BASE, H, 4));
            assertEquals(0, test.card.control().continuationsInProgress());
            test.settle();
            assertEquals(0, test.pendingAnswers());
        }
    }

    @Test
    void aFailingPieceEndsTheTransferWithTheFirstMessagesAnswer() throws Exception
    {
        try (TestHost test = TestHost.manual(CardOptions.defaults()))
        {
            final byte[] image = image(WorkloadOp.ECHO, 0, new byte[400_000]);
            final long[] addrs = new long[(image.length + PAIR - 1) / PAIR];
            final long[] sizes = new long[addrs.length];
            final long at = test.put(image);
            pairs(at, image.length, addrs, sizes);
            final DmaXferSplitter splitter = new DmaXferSplitter().reset(2, CHUNK_ID, true, addrs, sizes, addrs.length);

            WireRequestWriter writer = test.begin(H, BASE);
            writer.appendStatus();
            splitter.appendNext(writer, DmaXferSplitter.QAIC_FOLLOW_UP_RESERVE);
            writer.appendPoolQuery();
            assertEquals(List.of("DMA_XFER_CONT"), test.call().describe());

            addrs[addrs.length - 1] = test.region.end();
            writer = test.begin(H, BASE);
            splitter.appendNext(writer, 0);
            final Answer last = test.call();

            assertEquals(List.of("STATUS_FROM_DEV 0", "RESULT_FROM_DEV(DMA_XFER_TO_DEV) -22", "POOL_QUERY_FROM_DEV 0"),
                last.describe());
            assertEquals(test.sequence(), last.sequenceNumber());
            assertEquals(0, test.card.firmware().slotLength(BASE, H, 2));
            assertEquals(0, test.card.control().continuationsInProgress());
        }
    }

    private static void flow(final TestHost test)
    {
        final Random random = new Random(42);
        final byte[] payload = new byte[600_000];
        random.nextBytes(payload);
        final byte[] echoImage = image(WorkloadOp.ECHO, 0, payload);
        final DmaXferSplitter splitter = split(test, 1, true, payload);
        final DbcQueue echo = new DbcQueue(test, 16, 4096);

        WireRequestWriter writer = test.begin(H, BASE);
        splitter.appendNext(writer, DmaXferSplitter.QAIC_FOLLOW_UP_RESERVE);
        echo.appendActivate(writer, 1, 4096);
        Answer answer = test.call();
        int messages = 1;
        final WireError error = new WireError();
        while (!splitter.isDone())
        {
            assertEquals(List.of("DMA_XFER_CONT"), answer.describe());
            assertEquals(0, splitter.checkContinue(answer.buffer, answer.offset(0), error), error.toString());
            writer = test.begin(H, BASE);
            splitter.appendNext(writer, 0);
            answer = test.call();
            messages++;
        }
        assertEquals(3, messages);
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), answer.describe());
        assertEquals(test.sequence(), answer.sequenceNumber());
        assertEquals(echoImage.length, test.card.firmware().slotLength(BASE, H, 1));
        echo.dbc(answer.getInt(1, ActivateFromDevFlyweight.DBC_ID_OFFSET));

        final byte[] crcImage = image(WorkloadOp.CRC32C, 0, new byte[100]);
        final byte[] xorImage = image(WorkloadOp.XOR8, 0x15A, new byte[8]);
        final long crcAt = test.put(crcImage);
        final long xorAt = test.put(xorImage);
        final DbcQueue crc = new DbcQueue(test, 4, 4096);
        final DbcQueue xor = new DbcQueue(test, 4, 4096);
        writer = test.begin(H, BASE);
        writer.appendDmaXfer(2, 0, DmaXferFlyweight.FLAG_RESTART, new long[]{ crcAt }, new long[]{ crcImage.length },
            0, 1);
        crc.appendActivate(writer, 2, 4096);
        writer.appendDmaXfer(3, 0, 0, new long[]{ xorAt }, new long[]{ xorImage.length }, 0, 1);
        xor.appendActivate(writer, 3, 4096);
        answer = test.call();
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0",
            "RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), answer.describe());
        crc.dbc(answer.getInt(1, ActivateFromDevFlyweight.DBC_ID_OFFSET));
        xor.dbc(answer.getInt(3, ActivateFromDevFlyweight.DBC_ID_OFFSET));
        assertEquals(List.of(0, 1, 2), List.of(echo.dbc(), crc.dbc(), xor.dbc()));

        final byte[] input = new byte[3000];
        random.nextBytes(input);
        final int e = echo.put(11, input, 4096);
        final int c = crc.put(12, input, 4096);
        final int x = xor.put(13, input, 4096);
        echo.ring();
        crc.ring();
        xor.ring();

        assertEquals(List.of("11:0"), echo.awaitResponses(1));
        assertEquals(List.of("12:0"), crc.awaitResponses(1));
        assertEquals(List.of("13:0"), xor.awaitResponses(1));
        assertArrayEquals(input, echo.output(e));
        final CRC32C expected = new CRC32C();
        expected.update(input);
        final int value = (int)expected.getValue();
        assertArrayEquals(new byte[]{ (byte)value, (byte)(value >>> 8), (byte)(value >>> 16), (byte)(value >>> 24) },
            crc.output(c));
        final byte[] xored = new byte[input.length];
        for (int i = 0; i < input.length; i++)
        {
            xored[i] = (byte)(input[i] ^ 0x5A);
        }
        assertArrayEquals(xored, xor.output(x));
        assertTrue(test.dbcInterrupts.get(1) >= 1);
        assertTrue(test.dbcInterrupts.get(2) >= 1);
        assertTrue(test.dbcInterrupts.get(3) >= 1);
        assertEquals(3, test.card.dbcEngine().served());
        assertEquals(List.of(), test.transferErrors);
    }

    private static byte[] image(final int op, final int opArg, final byte[] payload)
    {
        return new WorkloadImageWriter().name(WorkloadOp.name(op)).needs(1, 1 << 20, 0, 0, 1)
            .op(op).opArg(opArg).payload(payload).toBytes();
    }

    /** An echo image around {@code payload}, in host memory, cut into 64-byte pairs. */
    private static DmaXferSplitter split(
        final TestHost test, final int slot, final boolean restart, final byte[] payload)
    {
        final byte[] image = image(WorkloadOp.ECHO, 0, payload);
        final long at = test.put(image);
        final long[] addrs = new long[(image.length + PAIR - 1) / PAIR];
        final long[] sizes = new long[addrs.length];
        pairs(at, image.length, addrs, sizes);
        return new DmaXferSplitter().reset(slot, CHUNK_ID, restart, addrs, sizes, addrs.length);
    }

    private static void pairs(final long at, final int length, final long[] addrs, final long[] sizes)
    {
        for (int i = 0; i < addrs.length; i++)
        {
            addrs[i] = at + (long)i * PAIR;
            sizes[i] = Math.min(PAIR, length - i * PAIR);
        }
    }
}

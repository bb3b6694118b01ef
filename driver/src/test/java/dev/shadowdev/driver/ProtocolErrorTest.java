package dev.shadowdev.driver;

import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.driver.testing.ScriptedCard;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.wire.DmaXferFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireResponseWriter;
import dev.shadowdev.wire.WireTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Answers that are well formed but do not answer their request: EIO, counted, never misattributed. */
class ProtocolErrorTest
{
    private final ScriptedCard card = new ScriptedCard();
    private AccelDriver driver;
    private Client base;

    @AfterEach
    void close()
    {
        base.close();
        driver.close();
        card.close();
    }

    @Test
    void anAnswerOfTheWrongTypeIsEio() throws Exception
    {
        up(b -> {});
        card.responder = (c, request) -> answer(request, w -> w.appendStatus(5, 0, 0, 1));
        final Rsp rsp = base.transact(Msg.tag(1).poolQuery());
        assertEquals(List.of("POOL_QUERY:-5"), rsp.statuses());
        assertEquals(1, driver.counters().get(Counter.CONTROL_PROTOCOL_ERRORS));
    }

    @Test
    void missingAnswersAreEio() throws Exception
    {
        up(b -> {});
        card.responder = (c, request) -> answer(request, w -> w.appendStatus(5, 0, 0, 1));
        final Rsp rsp = base.transact(Msg.tag(1).status().status().status());
        assertEquals(List.of("STATUS:0", "STATUS:-5", "STATUS:-5"), rsp.statuses());
        assertEquals(Errno.EIO.status(), rsp.status());
    }

    @Test
    void aWholeMessageRefusalAnswersEveryTransaction() throws Exception
    {
        up(b -> {});
        card.responder = (c, request) -> answer(request, w -> w.appendResult(WireTypes.UNDEFINED,
            Errno.EBADMSG.status()));
        final Rsp rsp = base.transact(Msg.tag(1).status().passthrough(new byte[8]));
        assertEquals(List.of("STATUS:-74", "PASSTHROUGH:-74"), rsp.statuses());
        assertEquals(Errno.EBADMSG.status(), rsp.status());
    }

    @Test
    void aContinuationThatDisagreesAbortsTheTransfer() throws Exception
    {
        up(b -> b.maxWireMessageBytes(512).dmaSegmentBytes(64));
        dev.shadowdev.driver.testing.Rig.await(() -> driver.controlInFlight() == 0, "transport quiet");
        final long freeBefore = driver.allocator().freeBytes();
        card.responder = (c, request) ->
        {
            final WireBuffer in = new WireBuffer(request);
            final TransactionCursor cursor = new TransactionCursor().wrapWireMessage(in, 0);
            cursor.next();
            if (cursor.type() != WireTypes.DMA_XFER_TO_DEV)
            {
                return c.standard(request);
            }
            final int chunk = in.getInt(cursor.offset() + DmaXferFlyweight.DMA_CHUNK_ID_OFFSET);
            final int count = in.getInt(cursor.offset() + DmaXferFlyweight.COUNT_OFFSET);
            if (count == 0)
            {
                return answer(request, w -> w.appendResult(WireTypes.DMA_XFER_TO_DEV, 0));
            }
            return answer(request, w -> w.appendDmaXferCont(chunk, 12345));
        };
        final byte[] data = new byte[3000];
        final Rsp rsp = base.transact(Msg.tag(1).dmaXfer(2, 0, data, 0, data.length));
        assertEquals(List.of("DMA_XFER:-5"), rsp.statuses());
        assertEquals(1, driver.counters().get(Counter.CONTROL_PROTOCOL_ERRORS));
        dev.shadowdev.driver.testing.Rig.await(() -> isAbort(last(card.requests())), "abort sent");
        dev.shadowdev.driver.testing.Rig.await(() -> driver.allocator().freeBytes() == freeBefore, "dma freed");
        assertEquals(List.of("DMA_XFER:-22"), base.transact(Msg.tag(2).dmaXfer(2, 3000, data, 0, 8)).statuses());
    }

    private static byte[] last(final List<byte[]> requests)
    {
        return requests.get(requests.size() - 1);
    }

    private static boolean isAbort(final byte[] request)
    {
        final WireBuffer message = new WireBuffer(request);
        final TransactionCursor cursor = new TransactionCursor().wrapWireMessage(message, 0);
        return cursor.next() && cursor.type() == WireTypes.DMA_XFER_TO_DEV &&
            message.getInt(cursor.offset() + DmaXferFlyweight.COUNT_OFFSET) == 0;
    }

    private void up(final Consumer<DriverOptions.Builder> tweak) throws Exception
    {
        final DriverOptions.Builder builder = DriverOptions.builder().controlTimeout(Duration.ofSeconds(2))
            .timerTick(Duration.ofMillis(5));
        tweak.accept(builder);
        driver = new AccelDriver(new DmaAllocator(card.region), card.registers, builder.build());
        assertEquals(ProbeResult.OK, driver.probe());
        base = new Client(driver.open(0).session());
    }

    private static byte[] answer(final byte[] request, final Consumer<WireResponseWriter> body)
    {
        final WireBuffer out = new WireBuffer(ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN));
        final WireResponseWriter writer = new WireResponseWriter();
        writer.wrap(out, 0, out.capacity());
        writer.beginReplyTo(new WireBuffer(request), 0);
        body.accept(writer);
        final int length = writer.finish(true);
        final byte[] bytes = new byte[length];
        out.getBytes(0, bytes, 0, length);
        return bytes;
    }
}

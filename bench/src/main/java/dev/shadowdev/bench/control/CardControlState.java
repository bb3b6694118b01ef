package dev.shadowdev.bench.control;

import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.firmware.card.FirmwareCard;
import dev.shadowdev.firmware.model.DeviceProfile;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.QaicChannels;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;
import dev.shadowdev.mhi.host.HostOptions;
import dev.shadowdev.mhi.host.HostResult;
import dev.shadowdev.mhi.host.MhiHost;
import dev.shadowdev.mhi.host.TransferListener;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireMessageValidator;
import dev.shadowdev.wire.WireRequestWriter;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * A {@link FirmwareCard} on its own device thread and a host built from {@link MhiHost} on the benchmark thread,
 * sharing one region and one register block: the QSM control path end to end. The host polls its events
 * ({@link MhiHost#doWork()}) and checks every answer as a driver does (framing and CRC), then queues the receive
 * buffer again.
 */
@State(Scope.Benchmark)
public class CardControlState implements TransferListener
{
    static final int TX = QaicChannels.CONTROL;
    static final int RX = QaicChannels.CONTROL + 1;
    private static final int RX_BUFFERS = 16;
    private static final int RX_SIZE = 4096;
    private static final int TX_SLOTS = 64;
    private static final int TX_SLOT_SIZE = 256;
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(5);

    SharedRegion region;
    MhiRegisters registers;
    FirmwareCard card;
    MhiHost host;
    private WireBuffer memory;
    private final WireRequestWriter writer = new WireRequestWriter();
    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();
    private long tx;
    private int slot;
    private int sequence;
    private int answered;
    private int answerLength;
    private long badAnswers;

    @Setup(Level.Trial)
    public void setUp()
    {
        region = new SharedRegion(4 << 20);
        registers = new MhiRegisters();
        card = new FirmwareCard(DeviceProfile.aic100(), region, registers,
            CardOptions.defaults().withThreadName("bench-card")).start();
        final DmaAllocator allocator = new DmaAllocator(region);
        host = new MhiHost(region, allocator, registers, MhiConfig.qaic(),
            new HostOptions(Thread::onSpinWait, System::nanoTime, false));
        memory = new WireBuffer(region.buffer());
        check(host.powerUp(TIMEOUT), "power up");
        check(host.startChannel(TX, this, TIMEOUT), "start tx");
        check(host.startChannel(RX, this, TIMEOUT), "start rx");
        tx = allocator.alloc(TX_SLOTS * TX_SLOT_SIZE, 64);
        final long rx = allocator.alloc(RX_BUFFERS * RX_SIZE, 64);
        for (int i = 0; i < RX_BUFFERS; i++)
        {
            check(host.queue(RX, rx + (long)i * RX_SIZE, RX_SIZE, TransferTreFlyweight.FLAG_IEOT), "queue rx");
        }
        check(host.doorbell(RX), "doorbell rx");
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        card.close();
        if (badAnswers != 0)
        {
            throw new IllegalStateException("bad answers: count=" + badAnswers + " last=" + error);
        }
    }

    /**
     * One request and its answer.
     *
     * @return the answer's length.
     */
    int roundTrip(final int kind)
    {
        final long at = tx + (long)slot * TX_SLOT_SIZE;
        slot = slot + 1 == TX_SLOTS ? 0 : slot + 1;
        writer.wrap(memory, region.offset(at, TX_SLOT_SIZE), TX_SLOT_SIZE);
        final int expected = ++sequence;
        final int length = ControlMessages.build(writer, kind, expected);
        while (host.queue(TX, at, length, TransferTreFlyweight.FLAG_IEOT) != 0)
        {
            host.doWork();
        }
        host.doorbell(TX);
        int idle = 0;
        while (answered != expected)
        {
            if (host.doWork() == 0)
            {
                ControlMessages.idle(++idle);
            }
        }
        return answerLength;
    }

    @Override
    public void onTransfer(final int channel, final long tre, final long buffer, final int length, final int code)
    {
        if (channel != RX)
        {
            return;
        }
        final int offset = region.offset(buffer, length);
        if (code != CompletionCode.EOT ||
            validator.verify(memory, offset, length, WireDirection.FROM_DEV, true, error) != 0)
        {
            badAnswers++;
        }
        answerLength = length;
        answered = memory.getInt(offset + WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET);
        host.queue(RX, buffer, RX_SIZE, TransferTreFlyweight.FLAG_IEOT);
        host.doorbell(RX);
    }

    @Override
    public void onAbort(final int channel, final long tre, final long buffer, final int length)
    {
    }

    private void check(final int result, final String what)
    {
        check(new HostResult(result, result == 0 ? "" : host.lastError()), what);
    }

    private static void check(final HostResult result, final String what)
    {
        if (!result.ok())
        {
            throw new IllegalStateException(what + ": result=" + result.status() + " error=" + result.reason());
        }
    }
}

package dev.shadowdev.firmware.testkit;

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
import dev.shadowdev.testkit.Problems;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireRequestWriter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A host built straight from {@link MhiHost} and the wire writers (not the driver), wired to a {@link FirmwareCard}
 * through a region and a register block only. Manual mode drives the card by hand on the test thread
 * (deterministic); threaded mode starts the card's device thread. Host events are processed by the test thread.
 */
public final class TestHost implements AutoCloseable
{
    public static final long TIMEOUT = TimeUnit.SECONDS.toNanos(5);
    public static final int TX = QaicChannels.CONTROL;
    public static final int RX = QaicChannels.CONTROL + 1;
    public static final int RX_BUFFERS = 24;
    public static final int RX_SIZE = 4096;
    public static final int REGION_SIZE = 8 << 20;

    public final SharedRegion region = new SharedRegion(REGION_SIZE);
    public final DmaAllocator allocator = new DmaAllocator(region);
    public final MhiRegisters registers = new MhiRegisters();
    public final FirmwareCard card;
    public final MhiHost host;
    /** What the card's MHI device, QSM control service and DMA bridge engine told their problem listeners. */
    public final Problems deviceProblems = new Problems();
    public final Problems controlProblems = new Problems();
    public final Problems dbcProblems = new Problems();
    public final WireBuffer memory = new WireBuffer(region.buffer());
    public final WireRequestWriter writer = new WireRequestWriter();
    public final boolean crc;
    public final AtomicIntegerArray dbcInterrupts = new AtomicIntegerArray(20);
    public final List<String> transferErrors = Collections.synchronizedList(new ArrayList<>());

    private final boolean threaded;
    private final int rxBuffers;
    private final long tx;
    private final long rx;
    private final ConcurrentLinkedQueue<byte[]> answers = new ConcurrentLinkedQueue<>();
    /** Messages the card sent unasked (PARTITION_NOTICE_FROM_DEV), kept apart from the answers. */
    private final ConcurrentLinkedQueue<byte[]> notices = new ConcurrentLinkedQueue<>();
    private final ByteArrayOutputStream assembling = new ByteArrayOutputStream();
    private int sequence = 100;

    private TestHost(final DeviceProfile profile, final CardOptions options, final boolean threaded)
    {
        this(profile, options, threaded, RX_BUFFERS);
    }

    private TestHost(
        final DeviceProfile profile, final CardOptions options, final boolean threaded, final int rxBuffers)
    {
        this(profile, options, threaded, rxBuffers, System::nanoTime);
    }

    private TestHost(
        final DeviceProfile profile,
        final CardOptions options,
        final boolean threaded,
        final int rxBuffers,
        final LongSupplier nanoClock)
    {
        this.threaded = threaded;
        this.rxBuffers = rxBuffers;
        this.crc = options.crcRequired();
        this.card = new FirmwareCard(profile, region, registers, options, nanoClock);
        card.device().setProblemListener(deviceProblems::add);
        card.control().setProblemListener(controlProblems::add);
        card.dbcEngine().setProblemListener(dbcProblems::add);
        final HostOptions hostOptions = threaded ?
            new HostOptions(() -> LockSupport.parkNanos(20_000), System::nanoTime, false) :
            HostOptions.polling(card::doWork);
        this.host = new MhiHost(region, allocator, registers, MhiConfig.qaic(), hostOptions);
        host.setDbcInterruptHandler(vector -> dbcInterrupts.incrementAndGet(vector));
        this.tx = alloc(WireDirection.TO_DEV.maxLength());
        this.rx = alloc(rxBuffers * RX_SIZE);
        if (threaded)
        {
            card.start();
        }
        else
        {
            card.powerOn();
        }
        bringUp();
    }

    /** @return a host with the card driven by hand on the test thread. */
    public static TestHost manual(final CardOptions options)
    {
        return new TestHost(DeviceProfile.aic100(), options, false);
    }

    /** @return a host with the card driven by hand, on a given profile. */
    public static TestHost manual(final DeviceProfile profile, final CardOptions options)
    {
        return new TestHost(profile, options, false);
    }

    /** @return a host with the card driven by hand, on a given profile, its firmware on a clock the test moves. */
    public static TestHost manual(final DeviceProfile profile, final CardOptions options, final LongSupplier nanoClock)
    {
        return new TestHost(profile, options, false, RX_BUFFERS, nanoClock);
    }

    /** @return a host with the card driven by hand and only {@code rxBuffers} receive buffers of 4 KiB. */
    public static TestHost manual(final CardOptions options, final int rxBuffers)
    {
        return new TestHost(DeviceProfile.aic100(), options, false, rxBuffers);
    }

    /** @return a host with the card on its own device thread. */
    public static TestHost threaded(final CardOptions options)
    {
        return new TestHost(DeviceProfile.aic100(), options, true);
    }

    /** Power up the transport and start the control channels with every receive buffer queued. */
    public void bringUp()
    {
        check(host.powerUp(TIMEOUT), "power up");
        check(host.startChannel(TX, new TransferListener()
        {
            @Override
            public void onTransfer(final int channel, final long tre, final long buffer, final int length,
                final int code)
            {
                if (code != CompletionCode.EOT)
                {
                    transferErrors.add("tx " + CompletionCode.name(code));
                }
            }

            @Override
            public void onAbort(final int channel, final long tre, final long buffer, final int length)
            {
            }
        }, TIMEOUT), "start tx");
        check(host.startChannel(RX, new TransferListener()
        {
            @Override
            public void onTransfer(final int channel, final long tre, final long buffer, final int length,
                final int code)
            {
                final byte[] part = new byte[length];
                region.read(buffer, part, 0, length);
                assembling.write(part, 0, length);
                if (code == CompletionCode.EOT)
                {
                    final byte[] message = assembling.toByteArray();
                    (isNotice(message) ? notices : answers).add(message);
                    assembling.reset();
                }
                else if (code != CompletionCode.OVERFLOW)
                {
                    transferErrors.add("rx " + CompletionCode.name(code));
                }
                if (host.queue(RX, buffer, RX_SIZE, TransferTreFlyweight.FLAG_IEOT) != 0 || host.doorbell(RX) != 0)
                {
                    transferErrors.add("rx requeue: " + host.lastError());
                }
            }

            @Override
            public void onAbort(final int channel, final long tre, final long buffer, final int length)
            {
            }
        }, TIMEOUT), "start rx");
        assembling.reset();
        for (int i = 0; i < rxBuffers; i++)
        {
            check(host.queue(RX, rx + (long)RX_SIZE * i, RX_SIZE, TransferTreFlyweight.FLAG_IEOT), "queue rx");
        }
        check(host.doorbell(RX), "doorbell rx");
    }

    /** Reset the transport (MHICTRL RESET), which reboots the card, and bring it up again. */
    public void resetAndBringUp()
    {
        check(host.reset(TIMEOUT), "reset");
        answers.clear();
        bringUp();
    }

    /**
     * Start a request message in the transmit buffer.
     *
     * @return the writer, positioned after the header.
     */
    public WireRequestWriter begin(final int handle, final int partitionId)
    {
        writer.wrap(memory, region.offset(tx, 1), WireDirection.TO_DEV.maxLength());
        writer.begin(++sequence, handle, partitionId);
        return writer;
    }

    /**
     * Start a request message at another host address (to have several messages in flight).
     *
     * @return the writer, positioned after the header.
     */
    public WireRequestWriter beginAt(final long address, final int capacity, final int handle, final int partitionId)
    {
        writer.wrap(memory, region.offset(address, capacity), capacity);
        writer.begin(++sequence, handle, partitionId);
        return writer;
    }

    /** Send {@code length} bytes at {@code address} as one message; no wait. */
    public void sendAt(final long address, final int length)
    {
        int queued;
        final long deadline = System.nanoTime() + TIMEOUT;
        while ((queued = host.queueMessage(TX, address, length, TransferTreFlyweight.FLAG_IEOT)) == -11)
        {
            pump();
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("tx ring full");
            }
        }
        if (queued < 0)
        {
            throw new AssertionError("queue: " + queued + " " + host.lastError());
        }
        check(host.doorbell(TX), "doorbell tx");
    }

    /** @return the address of a copy of {@code bytes} in host memory. */
    public long put(final byte[] bytes)
    {
        final long address = alloc(Math.max(1, bytes.length));
        region.write(address, bytes, 0, bytes.length);
        return address;
    }

    /** @return the sequence number of the last message begun. */
    public int sequence()
    {
        return sequence;
    }

    /** Finish the message begun (CRC as the card wants) and wait for its answer. */
    public Answer call()
    {
        return new Answer(transmit(writer.finish(crc)), crc);
    }

    /** Finish the message begun with the given CRC choice and send it; no wait. */
    public int finishAndSend(final boolean withCrc)
    {
        final int length = writer.finish(withCrc);
        sendFromTx(length);
        return length;
    }

    /** Send raw bytes as one message and wait for one answer. */
    public byte[] transmit(final byte[] message)
    {
        region.write(tx, message, 0, message.length);
        return transmit(message.length);
    }

    /** Send the first {@code length} bytes of the transmit buffer as one message and wait for one answer. */
    public byte[] transmit(final int length)
    {
        sendFromTx(length);
        return await();
    }

    /** Send raw bytes as one message; no wait. */
    public void send(final byte[] message)
    {
        region.write(tx, message, 0, message.length);
        sendFromTx(message.length);
    }

    /** @return the next answer, waiting up to {@link #TIMEOUT}. */
    public byte[] await()
    {
        final byte[] answer = poll(TIMEOUT);
        if (answer == null)
        {
            throw new AssertionError("no answer: " + controlProblems.last() + " / " + host.lastError());
        }
        return answer;
    }

    /** @return the next answer within {@code timeoutNanos}, or null. */
    public byte[] poll(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true)
        {
            pump();
            final byte[] answer = answers.poll();
            if (answer != null)
            {
                return answer;
            }
            if (System.nanoTime() - deadline > 0)
            {
                return null;
            }
            if (threaded)
            {
                LockSupport.parkNanos(10_000);
            }
        }
    }

    /** Let both sides run (one card cycle in manual mode) and process host events. */
    public void pump()
    {
        if (!threaded)
        {
            card.doWork();
        }
        host.doWork();
    }

    /** Drive both sides until quiet (manual mode). */
    public void settle()
    {
        for (int i = 0; i < 50; i++)
        {
            pump();
        }
    }

    /** @return answers received and not yet taken. */
    public int pendingNotices()
    {
        pump();
        return notices.size();
    }

    /** @return the next notice the card sent unasked, waiting up to {@link #TIMEOUT}. */
    public byte[] awaitNotice()
    {
        final long deadline = System.nanoTime() + TIMEOUT;
        while (true)
        {
            pump();
            final byte[] notice = notices.poll();
            if (notice != null)
            {
                return notice;
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("no notice: " + controlProblems.last() + " / " + host.lastError());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000);
        }
    }

    /** @return the next notice within {@code timeoutNanos}, or null. */
    public byte[] pollNotice(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true)
        {
            pump();
            final byte[] notice = notices.poll();
            if (notice != null || System.nanoTime() - deadline > 0)
            {
                return notice;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000);
        }
    }

    private static boolean isNotice(final byte[] message)
    {
        final int at = dev.shadowdev.wire.WireMessageHeaderFlyweight.LENGTH;
        return message.length >= at + 4 && java.nio.ByteBuffer.wrap(message).order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .getInt(at) == dev.shadowdev.wire.WireTypes.PARTITION_NOTICE_FROM_DEV;
    }

    public int pendingAnswers()
    {
        pump();
        return answers.size();
    }

    /** @return a bus address of {@code size} bytes of host memory. */
    public long alloc(final int size)
    {
        final long address = allocator.alloc(size, 64);
        if (address <= 0)
        {
            throw new AssertionError("host memory: " + address);
        }
        return address;
    }

    @Override
    public void close()
    {
        card.close();
    }

    private void sendFromTx(final int length)
    {
        sendAt(tx, length);
    }

    private void check(final int result, final String what)
    {
        check(new HostResult(result, result == 0 ? "" : host.lastError()), what);
    }

    private static void check(final HostResult result, final String what)
    {
        if (!result.ok())
        {
            throw new AssertionError(what + ": " + result.status() + " " + result.reason());
        }
    }
}

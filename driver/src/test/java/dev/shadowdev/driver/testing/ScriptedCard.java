package dev.shadowdev.driver.testing;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.QaicChannels;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.device.DeviceChannelHandler;
import dev.shadowdev.mhi.device.MessageSegments;
import dev.shadowdev.mhi.device.MhiDevice;
import dev.shadowdev.mhi.device.MhiDeviceRunner;
import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireCrc;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireResponseWriter;
import dev.shadowdev.wire.WireTypes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device-side responder built from {@link MhiDevice} for client tests: records every control message, and
 * answers it with what its {@link Responder} returns (by default a well-behaved firmware: STATUS 5.0, PASSTHROUGH
 * echo, every other request answered with status 0). Tests also inject arbitrary messages with {@link #send}.
 */
public final class ScriptedCard implements AutoCloseable
{
    /** Decides the answer to one request: return the answer bytes, or null for none. */
    @FunctionalInterface
    public interface Responder
    {
        byte[] answer(ScriptedCard card, byte[] request);
    }

    public final SharedRegion region = new SharedRegion(16 << 20);
    public final MhiRegisters registers = new MhiRegisters();
    public final MhiDevice device = new MhiDevice(region, registers, MhiConfig.qaic());
    public final AtomicInteger resets = new AtomicInteger();
    public volatile int major = 5;
    public volatile int minor = 0;
    public volatile boolean crc = true;
    public volatile Responder responder = (card, request) -> card.standard(request);
    private final List<byte[]> requests = new ArrayList<>();
    private final MhiDeviceRunner runner;

    public ScriptedCard()
    {
        device.setHandler(QaicChannels.CONTROL, new DeviceChannelHandler()
        {
            @Override
            public void onMessage(final int channel, final SharedRegion r, final MessageSegments message)
            {
                final byte[] request = new byte[message.totalLength()];
                message.copyTo(request, 0);
                synchronized (requests)
                {
                    requests.add(request);
                }
                final byte[] answer = responder.answer(ScriptedCard.this, request);
                if (answer != null)
                {
                    send(answer);
                }
            }
        });
        device.setHandler(QaicChannels.CONTROL + 1, (channel, r, message) -> {});
        device.setStateListener(state ->
        {
            if (state == MhiState.RESET)
            {
                resets.incrementAndGet();
            }
        });
        device.powerOn();
        runner = new MhiDeviceRunner(device, null, "scripted-card").start();
    }

    /** @return the control messages received so far. */
    public List<byte[]> requests()
    {
        synchronized (requests)
        {
            return new ArrayList<>(requests);
        }
    }

    /** Send a message on the from-device control channel (retrying while the host has no buffer queued). */
    public void send(final byte[] message)
    {
        for (int i = 0; i < 10_000; i++)
        {
            final int sent = device.send(QaicChannels.CONTROL + 1, message, 0, message.length);
            if (sent != Errno.EAGAIN.status())
            {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** The well-behaved answer to {@code request}. */
    public byte[] standard(final byte[] request)
    {
        final WireBuffer in = new WireBuffer(request);
        final WireBuffer out = new WireBuffer(ByteBuffer.allocate(70_000).order(ByteOrder.LITTLE_ENDIAN));
        final WireResponseWriter writer = new WireResponseWriter();
        writer.wrap(out, 0, out.capacity());
        writer.beginReplyTo(in, 0);
        final TransactionCursor cursor = new TransactionCursor().wrapWireMessage(in, 0);
        while (cursor.next())
        {
            switch (cursor.type())
            {
                case WireTypes.STATUS_TO_DEV:
                    writer.appendStatus(major, minor, 0, crc ? 1 : 0);
                    break;
                case WireTypes.PASSTHROUGH_TO_DEV:
                    writer.appendPassthrough(in, cursor.offset() + PassthroughFlyweight.DATA_OFFSET,
                        cursor.length() - PassthroughFlyweight.DATA_OFFSET);
                    break;
                default:
                    writer.appendError(cursor.type(), 0);
                    break;
            }
        }
        final int length = writer.finish(crc);
        final byte[] answer = new byte[length];
        out.getBytes(0, answer, 0, length);
        return answer;
    }

    /** Set a header field of a message and re-stamp its CRC. */
    public static byte[] patch(final byte[] message, final int offset, final int value, final boolean stampCrc)
    {
        final byte[] copy = message.clone();
        final WireBuffer b = new WireBuffer(copy);
        b.putInt(offset, value);
        if (stampCrc)
        {
            new WireCrc().stamp(b, 0, copy.length);
        }
        return copy;
    }

    /** @return the sequence number of a message. */
    public static int sequence(final byte[] message)
    {
        return new WireBuffer(message).getInt(WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET);
    }

    @Override
    public void close()
    {
        runner.close();
    }
}

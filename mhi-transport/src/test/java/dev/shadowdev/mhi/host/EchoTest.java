package dev.shadowdev.mhi.host;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.QaicChannels;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.device.DeviceChannelHandler;
import dev.shadowdev.mhi.device.MessageSegments;
import dev.shadowdev.mhi.device.MhiDevice;
import dev.shadowdev.mhi.device.MhiDeviceRunner;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_IEOT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host and device on separate threads: the device on its runner, host events processed from the interrupt. */
class EchoTest
{
    private static final int MESSAGES = 3000;
    private static final int RX_BUFFERS = 24;
    private static final int RX_SIZE = 128;
    private static final int TX_SLOTS = 32;
    private static final int TX_SLOT_SIZE = 512;
    private static final int IN_FLIGHT = 12;
    private static final int TX = QaicChannels.CONTROL;
    private static final int RX = QaicChannels.CONTROL + 1;

    @Test
    void echoOverTheControlChannelPairWithARunnerThread() throws Exception
    {
        final SharedRegion region = new SharedRegion(4 << 20);
        final DmaAllocator allocator = new DmaAllocator(region);
        final MhiRegisters registers = new MhiRegisters();
        final MhiDevice device = new MhiDevice(region, registers, MhiConfig.qaic());
        final Echo echo = new Echo(device);
        device.setHandler(TX, echo);
        device.setHandler(RX, echo);
        device.powerOn();
        final MhiHost host = new MhiHost(region, allocator, registers, MhiConfig.qaic(), HostOptions.defaults());

        final List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch done = new CountDownLatch(MESSAGES);
        final Semaphore window = new Semaphore(IN_FLIGHT);
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final long rxBuffers = allocator.alloc(RX_BUFFERS * RX_SIZE, 64);
        final long txSlots = allocator.alloc(TX_SLOTS * TX_SLOT_SIZE, 64);

        final MhiDeviceRunner runner = new MhiDeviceRunner(device, null, "device").start();
        try
        {
            assertEquals(HostResult.OK, host.powerUp(TimeUnit.SECONDS.toNanos(5)));
            assertEquals(HostResult.OK, host.startChannel(TX, new TransferListener()
            {
                @Override
                public void onTransfer(final int channel, final long tre, final long buffer, final int length,
                    final int code)
                {
                    if (code != CompletionCode.EOT)
                    {
                        errors.add("tx code " + code);
                    }
                }

                @Override
                public void onAbort(final int channel, final long tre, final long buffer, final int length)
                {
                    errors.add("tx abort");
                }
            }, TimeUnit.SECONDS.toNanos(5)));
            final ByteArrayOutputStream assembling = new ByteArrayOutputStream();
            assertEquals(HostResult.OK, host.startChannel(RX, new TransferListener()
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
                        received.add(assembling.toByteArray());
                        assembling.reset();
                        window.release();
                        done.countDown();
                    }
                    else if (code != CompletionCode.OVERFLOW)
                    {
                        errors.add("rx code " + code);
                    }
                    if (host.queue(RX, buffer, RX_SIZE, FLAG_IEOT) != 0 || host.doorbell(RX) != 0)
                    {
                        errors.add("rx requeue failed: " + host.lastError());
                    }
                }

                @Override
                public void onAbort(final int channel, final long tre, final long buffer, final int length)
                {
                    errors.add("rx abort");
                }
            }, TimeUnit.SECONDS.toNanos(5)));
            for (int i = 0; i < RX_BUFFERS; i++)
            {
                assertEquals(0, host.queue(RX, rxBuffers + (long)RX_SIZE * i, RX_SIZE, FLAG_IEOT));
            }
            assertEquals(0, host.doorbell(RX));

            for (int i = 0; i < MESSAGES; i++)
            {
                assertTrue(window.tryAcquire(5, TimeUnit.SECONDS), "window stuck at message " + i);
                final byte[] message = message(i);
                final long slot = txSlots + (long)TX_SLOT_SIZE * (i % TX_SLOTS);
                region.write(slot, message, 0, message.length);
                int queued;
                while ((queued = host.queue(TX, slot, message.length, FLAG_IEOT)) == Errno.EAGAIN.status())
                {
                    Thread.onSpinWait();
                }
                assertEquals(0, queued);
                assertEquals(0, host.doorbell(TX));
            }
            assertTrue(done.await(10, TimeUnit.SECONDS), "echoes missing: " + done.getCount());
        }
        finally
        {
            runner.close();
        }

        assertEquals(List.of(), errors);
        assertEquals(MESSAGES, received.size());
        for (int i = 0; i < MESSAGES; i++)
        {
            assertArrayEquals(message(i), received.get(i), "message " + i);
        }
        assertEquals(0, host.badEvents());
        assertTrue(echo.maxPending >= 0);
    }

    private static byte[] message(final int i)
    {
        final byte[] message = new byte[1 + (i * 37) % 400];
        for (int j = 0; j < message.length; j++)
        {
            message[j] = (byte)(i + j * 3);
        }
        return message;
    }

    /** Echoes every message from TX back on RX; keeps what it cannot send yet and retries on onCanSend. */
    private static final class Echo implements DeviceChannelHandler
    {
        private final MhiDevice device;
        private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        int maxPending;

        Echo(final MhiDevice device)
        {
            this.device = device;
        }

        @Override
        public void onMessage(final int channel, final SharedRegion region, final MessageSegments message)
        {
            final byte[] copy = new byte[message.totalLength()];
            message.copyTo(copy, 0);
            pending.add(copy);
            maxPending = Math.max(maxPending, pending.size());
            drain();
        }

        @Override
        public void onCanSend(final int channel)
        {
            drain();
        }

        private void drain()
        {
            while (!pending.isEmpty())
            {
                final byte[] next = pending.peek();
                final int sent = device.send(RX, next, 0, next.length);
                if (sent == Errno.EAGAIN.status())
                {
                    return;
                }
                if (sent != next.length)
                {
                    throw new IllegalStateException("send failed: " + sent);
                }
                pending.poll();
            }
        }
    }
}

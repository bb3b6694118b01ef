package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.Hex;
import dev.shadowdev.mhi.PacketType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_IEOT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MhiDeviceSendTest
{
    private static final long RX0 = RawHost.DATA + 0x1000;
    private static final long RX1 = RawHost.DATA + 0x2000;

    private final RawHost host = new RawHost();
    private final MhiDevice device = host.device;
    private final List<Integer> canSend = new ArrayList<>();
    private final byte[] payload = Hex.bytes(
        "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f");

    @BeforeEach
    void running()
    {
        device.setHandler(5, new DeviceChannelHandler()
        {
            @Override
            public void onMessage(final int channel, final dev.shadowdev.mhi.SharedRegion region,
                final MessageSegments message)
            {
            }

            @Override
            public void onCanSend(final int channel)
            {
                canSend.add(channel);
            }
        });
        host.powerUpToM0();
        host.enable(5);
        host.command(PacketType.START_CHAN, 5);
        device.doWork();
        host.consumeEvents();
        host.interrupts.clear();
    }

    @Test
    void messageLargerThanOneBufferOverflowsIntoTheNext()
    {
        host.tre(5, RX0, 16, FLAG_IEOT);
        host.tre(5, RX1, 16, FLAG_IEOT);
        host.ring(5);
        assertEquals(1, device.doWork());
        assertEquals(List.of(5), canSend);

        assertEquals(24, device.send(5, payload, 0, 24));

        assertEquals("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f", Hex.of(host.region.buffer(), host.offset(RX0), 16));
        assertEquals("10 11 12 13 14 15 16 17 00 00", Hex.of(host.region.buffer(), host.offset(RX1), 10));
        assertEquals("00 50 01 00 01 00 00 00 10 00 00 03 00 00 22 05", host.event(3));
        assertEquals("10 50 01 00 01 00 00 00 08 00 00 02 00 00 22 05", host.event(4));
        assertEquals(RawHost.channelRing(5) + 32, host.channelContext(5).rpAcquire());
        assertEquals(List.of(0), host.interrupts);
    }

    @Test
    void messageThatFitsTakesOneBufferWithEot()
    {
        host.tre(5, RX0, 16, FLAG_IEOT);
        host.ring(5);
        device.doWork();

        assertEquals(5, device.send(5, ByteBuffer.wrap(payload), 3, 5));

        assertEquals("03 04 05 06 07 00", Hex.of(host.region.buffer(), host.offset(RX0), 6));
        assertEquals("00 50 01 00 01 00 00 00 05 00 00 02 00 00 22 05", host.event(3));
    }

    @Test
    void notEnoughBuffersIsEagainAndChangesNothing()
    {
        host.tre(5, RX0, 16, FLAG_IEOT);
        host.ring(5);
        device.doWork();

        assertEquals(-11, device.send(5, payload, 0, 17));

        assertEquals(3, host.deviceEventIndex());
        assertEquals(RawHost.channelRing(5), host.channelContext(5).rpAcquire());
        assertEquals("00 00 00 00", Hex.of(host.region.buffer(), host.offset(RX0), 4));
        assertEquals(List.of(), host.interrupts);

        host.tre(5, RX1, 16, FLAG_IEOT);
        host.ring(5);
        device.doWork();
        assertEquals(17, device.send(5, payload, 0, 17));
    }

    @Test
    void fullEventRingIsEagain()
    {
        for (int i = 0; i < 7; i++)
        {
            host.tre(5, RX0 + 16 * i, 16, FLAG_IEOT);
        }
        host.ring(5);
        device.doWork();
        for (int i = 0; i < 6; i++)
        {
            assertEquals(1, device.send(5, payload, i, 1));
        }
        assertEquals(-11, device.send(5, payload, 0, 1));
        host.consumeEvents();
        assertEquals(1, device.send(5, payload, 0, 1));
    }

    @Test
    void badBufferAtTheHeadIsSkippedWithBadTre()
    {
        host.tre(5, 0x7_0000_0000L, 16, FLAG_IEOT);
        host.tre(5, RX0, 16, FLAG_IEOT);
        host.ring(5);
        device.doWork();

        assertEquals(4, device.send(5, payload, 0, 4));

        assertEquals("00 50 01 00 01 00 00 00 00 00 00 11 00 00 22 05", host.event(3));
        assertEquals("10 50 01 00 01 00 00 00 04 00 00 02 00 00 22 05", host.event(4));
        assertEquals("bad TRE: channel=5, tre=0x100015000, ptr=0x700000000, len=16", host.problems.last());
    }

    @Test
    void badArgumentsAreRefused()
    {
        assertEquals(-22, device.send(4, payload, 0, 1));
        assertEquals("bad send channel: channel=4", host.problems.last());
        assertEquals(-22, device.send(9, payload, 0, 1));
        assertEquals("bad send channel: channel=9", host.problems.last());
        assertEquals(-22, device.send(5, payload, 0, 0));
        assertEquals("bad send range: channel=5, length=0", host.problems.last());
        assertEquals(-22, device.send(5, payload, 30, 3));
        assertEquals("bad send range: channel=5, length=3", host.problems.last());
        assertEquals(-19, device.send(3, payload, 0, 1));
    }
}

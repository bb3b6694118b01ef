package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.Hex;
import dev.shadowdev.mhi.PacketType;
import dev.shadowdev.mhi.SharedRegion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_BEI;
import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_CHAIN;
import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_IEOB;
import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_IEOT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MhiDeviceTransferTest
{
    private final RawHost host = new RawHost();
    private final MhiDevice device = host.device;
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void running()
    {
        final DeviceChannelHandler recorder = this::record;
        device.setHandler(0, recorder);
        device.setHandler(4, recorder);
        host.powerUpToM0();
        host.enable(0);
        host.enable(4);
        host.command(PacketType.START_CHAN, 0);
        host.command(PacketType.START_CHAN, 4);
        device.doWork();
        host.consumeEvents();
        host.interrupts.clear();
        host.region.write(RawHost.DATA, Hex.bytes("01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10"), 0, 16);
    }

    @Test
    void singleElementMessageIsDeliveredInPlaceAndCompletedWithEot()
    {
        host.tre(0, RawHost.DATA, 8, FLAG_IEOT);
        host.ring(0);

        assertEquals(1, device.doWork());

        assertEquals(List.of("ch0 [0x100080000+8@0x80000] 01 02 03 04 05 06 07 08"), messages);
        assertEquals("00 00 01 00 01 00 00 00 08 00 00 02 00 00 22 00", host.event(4));
        assertEquals(5, host.deviceEventIndex());
        assertEquals(RawHost.channelRing(0) + 16, host.channelContext(0).rpAcquire());
        assertEquals(List.of(0), host.interrupts);
    }

    @Test
    void chainIsOneMessageWithEobAndEotEvents()
    {
        host.region.write(RawHost.DATA + 0x100, Hex.bytes("aa bb cc dd"), 0, 4);
        host.region.write(RawHost.DATA + 0x200, Hex.bytes("ee ff"), 0, 2);
        host.tre(4, RawHost.DATA, 4, FLAG_CHAIN | FLAG_IEOB);
        host.tre(4, RawHost.DATA + 0x100, 4, FLAG_CHAIN);
        host.tre(4, RawHost.DATA + 0x200, 2, FLAG_IEOT);
        host.ring(4);

        assertEquals(1, device.doWork());

        assertEquals(List.of("ch4 [0x100080000+4@0x80000 0x100080100+4@0x80100 0x100080200+2@0x80200] " +
            "01 02 03 04 aa bb cc dd ee ff"), messages);
        assertEquals("00 40 01 00 01 00 00 00 04 00 00 04 00 00 22 04", host.event(4));
        assertEquals("20 40 01 00 01 00 00 00 02 00 00 02 00 00 22 04", host.event(5));
        assertEquals(6, host.deviceEventIndex());
    }

    @Test
    void incompleteChainWaitsForTheRest()
    {
        host.tre(4, RawHost.DATA, 2, FLAG_CHAIN);
        host.tre(4, RawHost.DATA + 2, 2, FLAG_CHAIN);
        host.ring(4);
        assertEquals(0, device.doWork());
        assertEquals(List.of(), messages);
        assertEquals(RawHost.channelRing(4), host.channelContext(4).rpAcquire());

        host.tre(4, RawHost.DATA + 4, 1, FLAG_IEOT);
        host.ring(4);
        assertEquals(1, device.doWork());
        assertEquals(1, messages.size());
        assertEquals("01 02 03 04 05", messages.get(0).substring(messages.get(0).indexOf("] ") + 2));
        assertEquals("20 40 01 00 01 00 00 00 01 00 00 02 00 00 22 04", host.event(4));
    }

    @Test
    void bufferOutsideHostMemoryIsBadTreAndTheNextMessageStillArrives()
    {
        host.tre(0, 0x2_0000_0000L, 8, FLAG_IEOT);
        host.tre(0, RawHost.DATA, 2, FLAG_IEOT);
        host.ring(0);

        assertEquals(2, device.doWork());

        assertEquals("00 00 01 00 01 00 00 00 00 00 00 11 00 00 22 00", host.event(4));
        assertEquals("10 00 01 00 01 00 00 00 02 00 00 02 00 00 22 00", host.event(5));
        assertEquals(List.of("ch0 [0x100080000+2@0x80000] 01 02"), messages);
        assertEquals("bad TRE: channel=0, tre=0x100010000, ptr=0x200000000, len=8", host.problems.last());
    }

    @Test
    void bufferStraddlingTheEndOfHostMemoryIsBadTre()
    {
        host.tre(0, SharedRegion.DEFAULT_BASE + (1 << 20) - 4, 8, FLAG_IEOT);
        host.ring(0);
        device.doWork();

        assertEquals("00 00 01 00 01 00 00 00 00 00 00 11 00 00 22 00", host.event(4));
        assertEquals("bad TRE: channel=0, tre=0x100010000, ptr=0x1000ffffc, len=8", host.problems.last());
    }

    @Test
    void wrongTypeAndZeroLengthAreBadTre()
    {
        host.rawElement(0, "00 00 08 00 01 00 00 00 08 00 00 00 00 02 05 00");
        host.rawElement(0, "00 00 08 00 01 00 00 00 00 00 00 00 00 02 02 00");
        host.ring(0);
        device.doWork();

        assertEquals("00 00 01 00 01 00 00 00 00 00 00 11 00 00 22 00", host.event(4));
        assertEquals("10 00 01 00 01 00 00 00 00 00 00 11 00 00 22 00", host.event(5));
        assertEquals("bad TRE: channel=0, tre=0x100010010, len=0", host.problems.last());
        assertEquals(List.of(), messages);
    }

    @Test
    void badElementInsideAChainDropsTheWholeChain()
    {
        host.tre(4, RawHost.DATA, 4, FLAG_CHAIN | FLAG_IEOB);
        host.tre(4, 0x9_0000_0000L, 4, FLAG_CHAIN);
        host.tre(4, RawHost.DATA, 4, FLAG_IEOT);
        host.ring(4);
        device.doWork();

        assertEquals(List.of(), messages);
        assertEquals("20 40 01 00 01 00 00 00 00 00 00 11 00 00 22 04", host.event(4));
        assertEquals(5, host.deviceEventIndex());
        assertEquals("bad TRE: channel=4, tre=0x100014010, ptr=0x900000000, len=4", host.problems.last());
    }

    @Test
    void uncompletedElementsAreCompletedBeforeABadTre()
    {
        host.tre(4, RawHost.DATA, 3, 0);
        host.tre(4, 0x9_0000_0000L, 4, FLAG_IEOT);
        host.ring(4);
        device.doWork();

        assertEquals(1, messages.size());
        assertEquals("00 40 01 00 01 00 00 00 03 00 00 02 00 00 22 04", host.event(4));
        assertEquals("10 40 01 00 01 00 00 00 00 00 00 11 00 00 22 04", host.event(5));
    }

    @Test
    void doorbellBeyondTheRingIsBadTreAndIgnored()
    {
        host.ringRaw(0, RawHost.channelRing(0) + 16 * 4);
        assertEquals(1, device.doWork());
        assertEquals("40 00 01 00 01 00 00 00 00 00 00 11 00 00 22 00", host.event(4));
        assertEquals("bad doorbell: channel=0, wp=0x100010040", host.problems.last());

        host.ringRaw(0, RawHost.channelRing(0) + 8);
        device.doWork();
        assertEquals("08 00 01 00 01 00 00 00 00 00 00 11 00 00 22 00", host.event(5));
        assertEquals("bad doorbell: channel=0, wp=0x100010008", host.problems.last());

        host.tre(0, RawHost.DATA, 1, FLAG_IEOT);
        host.ring(0);
        device.doWork();
        assertEquals(List.of("ch0 [0x100080000+1@0x80000] 01"), messages);
    }

    @Test
    void doorbellMovingBackwardsIsBadTre()
    {
        host.tre(4, RawHost.DATA, 4, FLAG_CHAIN);
        host.tre(4, RawHost.DATA, 4, FLAG_CHAIN);
        host.ring(4);
        device.doWork();
        host.ringRaw(4, RawHost.channelRing(4) + 16);
        device.doWork();

        assertEquals("10 40 01 00 01 00 00 00 00 00 00 11 00 00 22 04", host.event(4));
        assertEquals("bad doorbell: channel=4, wp=0x100014010", host.problems.last());
    }

    @Test
    void ringWrapsAround()
    {
        for (int lap = 0; lap < 5; lap++)
        {
            host.tre(0, RawHost.DATA + lap, 1, FLAG_IEOT);
            host.tre(0, RawHost.DATA + lap + 1, 1, FLAG_IEOT | FLAG_BEI);
            host.ring(0);
            assertEquals(2, device.doWork());
            host.consumeEvents();
        }

        assertEquals(10, messages.size());
        assertEquals("ch0 [0x100080004+1@0x80004] 05", messages.get(8));
        assertEquals("ch0 [0x100080005+1@0x80005] 06", messages.get(9));
        assertEquals(RawHost.channelRing(0) + 16 * (10 % 4), host.channelContext(0).rpAcquire());
        assertEquals("10 00 01 00 01 00 00 00 01 00 00 02 00 00 22 00", host.event((4 + 9) % 8));
        assertEquals("00 00 01 00 01 00 00 00 01 00 00 02 00 00 22 00", host.event((4 + 8) % 8));
    }

    @Test
    void noHandlerCompletesWithUndefinedError()
    {
        host.enable(2);
        host.command(PacketType.START_CHAN, 2);
        device.doWork();
        host.consumeEvents();
        host.tre(2, RawHost.DATA, 4, FLAG_IEOT);
        host.ring(2);
        device.doWork();

        assertEquals("00 20 01 00 01 00 00 00 00 00 00 10 00 00 22 02", host.event(5));
        assertEquals("no handler: channel=2", host.problems.last());
    }

    @Test
    void failingHandlerCompletesWithUndefinedErrorAndTheDeviceGoesOn()
    {
        device.setHandler(0, (channel, region, message) ->
        {
            throw new IllegalStateException("boom");
        });
        host.tre(0, RawHost.DATA, 4, FLAG_IEOT);
        host.ring(0);
        device.doWork();

        assertEquals("00 00 01 00 01 00 00 00 00 00 00 10 00 00 22 00", host.event(4));
        assertEquals("channel handler failed: channel=0, error=java.lang.IllegalStateException: boom",
            host.problems.last());
    }

    @Test
    void deviceStopsConsumingWhenTheEventRingIsFullAndResumesInOrder()
    {
        for (int i = 0; i < 7; i++)
        {
            host.tre(4, RawHost.DATA + i, 1, FLAG_IEOT);
        }
        host.ring(4);

        assertEquals(6, device.doWork());
        assertEquals(6, messages.size());
        assertEquals(0, device.doWork());
        assertEquals(RawHost.channelRing(4) + 16 * 6, host.channelContext(4).rpAcquire());

        host.consumeEvents();
        assertEquals(1, device.doWork());
        assertEquals(7, messages.size());
        for (int i = 0; i < 7; i++)
        {
            final String tre = RawHost.hex64(RawHost.channelRing(4) + 16L * i);
            assertEquals(tre + " 01 00 00 02 00 00 22 04", host.event((4 + i) % 8));
            assertEquals(String.format("%02x", i + 1), messages.get(i).substring(messages.get(i).length() - 2));
        }
    }

    @Test
    void doorbellWhileStoppedIsRefusedAndStartPicksUpTheQueue()
    {
        host.command(PacketType.STOP_CHAN, 0);
        device.doWork();
        host.tre(0, RawHost.DATA, 3, FLAG_IEOT);
        host.ring(0);
        assertEquals(0, device.doWork());
        assertEquals(1, device.refusedDoorbells());
        assertEquals(List.of(), messages);

        host.command(PacketType.START_CHAN, 0);
        device.doWork();
        assertEquals(List.of("ch0 [0x100080000+3@0x80000] 01 02 03"), messages);
    }

    @Test
    void segmentsCopyOutInOrder()
    {
        final byte[][] copied = new byte[1][];
        device.setHandler(4, (channel, region, message) ->
        {
            final byte[] out = new byte[message.totalLength() + 1];
            assertEquals(message.totalLength(), message.copyTo(out, 1));
            assertEquals(-90, message.copyTo(new byte[2], 0));
            copied[0] = out;
        });
        host.tre(4, RawHost.DATA + 8, 2, FLAG_CHAIN);
        host.tre(4, RawHost.DATA, 3, FLAG_IEOT);
        host.ring(4);
        device.doWork();

        assertEquals("00 09 0a 01 02 03", Hex.of(java.nio.ByteBuffer.wrap(copied[0]), 0, 6));
    }

    private void record(final int channel, final SharedRegion region, final MessageSegments message)
    {
        final StringBuilder sb = new StringBuilder("ch").append(channel).append(" [");
        for (int i = 0; i < message.count(); i++)
        {
            if (i > 0)
            {
                sb.append(' ');
            }
            sb.append("0x").append(Long.toHexString(message.address(i))).append('+').append(message.length(i))
                .append("@0x").append(Integer.toHexString(message.offset(i)));
        }
        sb.append("] ");
        final byte[] bytes = new byte[message.totalLength()];
        message.copyTo(bytes, 0);
        sb.append(Hex.of(java.nio.ByteBuffer.wrap(bytes), 0, bytes.length));
        messages.add(sb.toString());
    }
}

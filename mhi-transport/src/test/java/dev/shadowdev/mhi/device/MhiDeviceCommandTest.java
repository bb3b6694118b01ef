package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.ChannelType;
import dev.shadowdev.mhi.Hex;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.PacketType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MhiDeviceCommandTest
{
    private final RawHost host = new RawHost();
    private final MhiDevice device = host.device;

    @BeforeEach
    void m0()
    {
        host.powerUpToM0();
        host.interrupts.clear();
    }

    @Test
    void startChannelCompletesWithSuccess()
    {
        host.enable(0);
        final long command = host.command(PacketType.START_CHAN, 0);
        assertEquals(0x1_0000_4000L, command);

        assertEquals(1, device.doWork());

        assertEquals("00 40 00 00 01 00 00 00 00 00 00 01 00 00 21 00", host.event(2));
        assertEquals(ChannelState.RUNNING, device.channelState(0));
        assertEquals("02 00 00 00", Hex.of(host.region.buffer(), host.offset(RawHost.CCA), 4));
        assertEquals(List.of(0), host.interrupts);
    }

    @Test
    void commandsCompleteInOrderWithTheirPointers()
    {
        host.enable(0);
        host.enable(1);
        host.command(PacketType.START_CHAN, 0);
        host.command(PacketType.START_CHAN, 1);
        host.command(PacketType.STOP_CHAN, 0);
        host.command(PacketType.RESET_CHAN, 1);

        assertEquals(4, device.doWork());

        assertEquals("00 40 00 00 01 00 00 00 00 00 00 01 00 00 21 00", host.event(2));
        assertEquals("10 40 00 00 01 00 00 00 00 00 00 01 00 00 21 00", host.event(3));
        assertEquals("20 40 00 00 01 00 00 00 00 00 00 01 00 00 21 00", host.event(4));
        assertEquals("30 40 00 00 01 00 00 00 00 00 00 01 00 00 21 00", host.event(5));
        assertEquals(ChannelState.STOP, device.channelState(0));
        assertEquals(ChannelState.DISABLED, device.channelState(1));
        assertEquals(ChannelState.STOP, host.channelContext(0).chstate());
        assertEquals(ChannelState.DISABLED, host.channelContext(1).chstate());
        assertEquals(List.of(0), host.interrupts);
        assertEquals(0x1_0000_4040L, new dev.shadowdev.mhi.CommandContextFlyweight()
            .wrap(host.region.buffer(), host.offset(RawHost.CRC)).rpAcquire());
    }

    @Test
    void startOfRunningChannelIsRefused()
    {
        host.enable(0);
        host.command(PacketType.START_CHAN, 0);
        host.command(PacketType.START_CHAN, 0);
        device.doWork();

        assertEquals("10 40 00 00 01 00 00 00 00 00 00 10 00 00 21 00", host.event(3));
        assertEquals("channel already running: channel=0", host.problems.last());
    }

    @Test
    void commandForUnknownChannelIsRefused()
    {
        host.command(PacketType.START_CHAN, 9);
        device.doWork();

        assertEquals("00 40 00 00 01 00 00 00 00 00 00 10 00 00 21 00", host.event(2));
        assertEquals("bad command channel: channel=9", host.problems.last());
    }

    @Test
    void badCommandTypeIsRefused()
    {
        host.region.buffer().put(host.offset(RawHost.COMMAND_RING),
            Hex.bytes("00 00 00 00 00 00 00 00 00 00 00 00 00 00 13 00"));
        host.registers.write64(MhiRegisterLayout.CRDB, RawHost.COMMAND_RING + 16);
        device.doWork();

        assertEquals("00 40 00 00 01 00 00 00 00 00 00 10 00 00 21 00", host.event(2));
        assertEquals("bad command type: type=0x13", host.problems.last());
    }

    @Test
    void startWithContextNotEnabledIsRefused()
    {
        host.command(PacketType.START_CHAN, 2);
        device.doWork();

        assertEquals("00 40 00 00 01 00 00 00 00 00 00 10 00 00 21 00", host.event(2));
        assertEquals("bad channel context: channel=2, chstate=DISABLED", host.problems.last());
        assertEquals(ChannelState.DISABLED, device.channelState(2));
    }

    @Test
    void startWithWrongDirectionIsRefused()
    {
        host.enable(2);
        host.channelContext(2).chtype(ChannelType.INBOUND);
        host.command(PacketType.START_CHAN, 2);
        device.doWork();

        assertEquals("bad channel context: channel=2, chtype=2", host.problems.last());
    }

    @Test
    void startWithRingOutsideHostMemoryIsRefused()
    {
        host.enable(2);
        host.channelContext(2).rbase(0x2_0000_0000L);
        host.command(PacketType.START_CHAN, 2);
        device.doWork();

        assertEquals("bad channel context: channel=2, rbase=0x200000000", host.problems.last());
    }

    @Test
    void startWithWritePointerOutsideTheRingIsRefused()
    {
        host.enable(2);
        host.channelContext(2).wp(RawHost.channelRing(2) + 0x40);
        host.command(PacketType.START_CHAN, 2);
        device.doWork();

        assertEquals("bad channel context: channel=2, wp=0x100012040", host.problems.last());
        assertEquals(ChannelState.DISABLED, device.channelState(2));
    }

    @Test
    void startWithBadEventRingIsRefused()
    {
        host.enable(2);
        host.channelContext(2).erindex(3);
        host.command(PacketType.START_CHAN, 2);
        device.doWork();

        assertEquals("bad channel context: channel=2, erindex=3", host.problems.last());
    }

    @Test
    void stopOfStoppedChannelIsRefused()
    {
        host.enable(0);
        host.command(PacketType.START_CHAN, 0);
        host.command(PacketType.STOP_CHAN, 0);
        host.command(PacketType.STOP_CHAN, 0);
        device.doWork();

        assertEquals("20 40 00 00 01 00 00 00 00 00 00 10 00 00 21 00", host.event(4));
        assertEquals("channel not running: channel=0, state=STOP", host.problems.last());
    }

    @Test
    void commandDoorbellOutsideTheRingIsBadTre()
    {
        host.registers.write64(MhiRegisterLayout.CRDB, RawHost.COMMAND_RING + 16 * 16);
        device.doWork();

        assertEquals("00 41 00 00 01 00 00 00 00 00 00 11 00 00 21 00", host.event(2));
        assertEquals("bad command doorbell: wp=0x100004100", host.problems.last());
    }

    @Test
    void commandsWaitForEventSpace()
    {
        host.enable(0);
        host.enable(1);
        for (int i = 0; i < 4; i++)
        {
            host.command(PacketType.START_CHAN, 0);
            host.command(PacketType.START_CHAN, 9);
        }
        assertEquals(6, device.doWork());
        assertEquals(0, device.doWork());
        assertEquals(0, host.deviceEventIndex());

        host.consumeEvents();
        assertEquals(2, device.doWork());
        assertEquals(2, host.deviceEventIndex());
        assertEquals("70 40 00 00 01 00 00 00 00 00 00 10 00 00 21 00", host.event(1));
    }
}

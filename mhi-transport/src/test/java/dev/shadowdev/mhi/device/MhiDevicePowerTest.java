package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.EventContextFlyweight;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.PacketType;
import dev.shadowdev.mhi.TransferTreFlyweight;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MhiDevicePowerTest
{
    private final RawHost host = new RawHost();
    private final MhiDevice device = host.device;

    @Test
    void powerOnPublishesRegistersAndReady()
    {
        assertEquals(MhiState.READY, device.powerOn());

        assertEquals(0x1000, host.registers.read32(MhiRegisterLayout.MHIREGLEN));
        assertEquals(0x0100_0000, host.registers.read32(MhiRegisterLayout.MHIVER));
        assertEquals(0x0001_0006, host.registers.read32(MhiRegisterLayout.MHICFG));
        assertEquals(0x800, host.registers.read32(MhiRegisterLayout.CHDBOFF));
        assertEquals(0xC00, host.registers.read32(MhiRegisterLayout.ERDBOFF));
        assertEquals(0x100, host.registers.read32(MhiRegisterLayout.BHIOFF));
        assertEquals(2, host.registers.read32(0x100 + 0x28));
        assertEquals(0x0101, host.registers.read32(MhiRegisterLayout.MHISTATUS));
        assertEquals(List.of(MhiState.READY), host.states);
        assertEquals(MhiState.READY, device.powerOn());
    }

    @Test
    void m0PostsStateChangeAndExecEnvEvents()
    {
        device.powerOn();
        host.writeContexts();
        host.registers.write32(MhiRegisterLayout.MHICTRL, 0x0200);

        assertEquals(1, device.doWork());

        assertEquals(MhiState.M0, device.state());
        assertEquals(0x0201, host.registers.read32(MhiRegisterLayout.MHISTATUS));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 02 00 00 20 00", host.event(0));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 02 00 00 40 00", host.event(1));
        assertEquals(2, host.deviceEventIndex());
        assertEquals(List.of(0), host.interrupts);
        assertEquals(List.of(MhiState.READY, MhiState.M0), host.states);
        assertEquals(0, device.doWork());
    }

    @Test
    void m0BeforeReadyIsRefused()
    {
        host.registers.write32(MhiRegisterLayout.MHICTRL, 0x0200);
        device.doWork();

        assertEquals(MhiState.RESET, device.state());
        assertEquals("refused state request: state=M0, current=RESET", host.problems.last());
    }

    @Test
    void unsupportedStateRequestIsRefused()
    {
        device.powerOn();
        host.registers.write32(MhiRegisterLayout.MHICTRL, MhiRegisterLayout.stateField(MhiState.M3));
        device.doWork();

        assertEquals(MhiState.READY, device.state());
        assertEquals("refused state request: state=M3, current=READY", host.problems.last());
    }

    @Test
    void contextArrayOutsideHostMemoryIsSysErr()
    {
        device.powerOn();
        host.writeContexts();
        host.registers.write64(MhiRegisterLayout.ECABAP, 0x5000);
        host.registers.write32(MhiRegisterLayout.MHICTRL, 0x0200);
        device.doWork();

        assertEquals(MhiState.SYS_ERR, device.state());
        assertEquals(0xFF04, host.registers.read32(MhiRegisterLayout.MHISTATUS));
        assertEquals("device entered SYS_ERR: reason=bad context array: ecabap=0x5000", host.problems.last());
        assertEquals(List.of(0), host.interrupts);
    }

    @Test
    void badEventRingContextIsSysErr()
    {
        device.powerOn();
        host.writeContexts();
        new EventContextFlyweight().wrap(host.region.buffer(), host.offset(RawHost.ECA)).ertype(0);
        host.registers.write32(MhiRegisterLayout.MHICTRL, 0x0200);
        device.doWork();

        assertEquals(MhiState.SYS_ERR, device.state());
        assertEquals("device entered SYS_ERR: reason=bad event ring context: ring=0, ertype=0", host.problems.last());
    }

    @Test
    void badCommandRingContextIsSysErr()
    {
        device.powerOn();
        host.writeContexts();
        new EventContextFlyweight().wrap(host.region.buffer(), host.offset(RawHost.CRC)).rlen(24);
        host.registers.write32(MhiRegisterLayout.MHICTRL, 0x0200);
        device.doWork();

        assertEquals("device entered SYS_ERR: reason=bad command ring context: rlen=24", host.problems.last());
    }

    @Test
    void sysErrRefusesDoorbellsUntilResetThenRecovers()
    {
        final List<Integer> delivered = new ArrayList<>();
        device.setHandler(0, (channel, region, message) -> delivered.add(message.totalLength()));
        host.powerUpToM0();
        host.enable(0);
        host.command(PacketType.START_CHAN, 0);
        device.doWork();
        host.consumeEvents();
        host.interrupts.clear();

        assertEquals(MhiState.SYS_ERR, device.enterSysErr("watchdog"));

        assertEquals(0xFF04, host.registers.read32(MhiRegisterLayout.MHISTATUS));
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 ff 00 00 20 00", host.event(3));
        assertEquals(List.of(0), host.interrupts);
        assertEquals("device entered SYS_ERR: reason=watchdog", host.problems.last());
        assertEquals(MhiState.SYS_ERR, host.states.get(host.states.size() - 1));

        host.region.write(RawHost.DATA, new byte[] {1, 2, 3, 4}, 0, 4);
        host.tre(0, RawHost.DATA, 4, TransferTreFlyweight.FLAG_IEOT);
        host.ring(0);
        host.command(PacketType.STOP_CHAN, 0);
        assertEquals(0, device.doWork());
        assertEquals(2, device.refusedDoorbells());
        assertEquals(List.of(), delivered);
        assertEquals(4, host.deviceEventIndex());
        assertEquals(-5, device.send(1, new byte[] {1}, 0, 1));

        host.states.clear();
        host.registers.write32(MhiRegisterLayout.MHICTRL, MhiRegisterLayout.MHICTRL_RESET);
        assertEquals(1, device.doWork());

        assertEquals(0, host.registers.read32(MhiRegisterLayout.MHICTRL));
        assertEquals(0x0101, host.registers.read32(MhiRegisterLayout.MHISTATUS));
        assertEquals(0L, host.registers.read64(MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, 0)));
        assertEquals(List.of(MhiState.RESET, MhiState.READY), host.states);
        assertEquals(ChannelState.DISABLED, device.channelState(0));

        host.writeContexts();
        host.registers.write32(MhiRegisterLayout.MHICTRL, 0x0200);
        device.doWork();
        assertEquals(MhiState.M0, device.state());
        host.consumeEvents();
        host.enable(0);
        host.command(PacketType.START_CHAN, 0);
        host.tre(0, RawHost.DATA, 4, TransferTreFlyweight.FLAG_IEOT);
        host.ring(0);
        device.doWork();
        assertEquals(List.of(4), delivered);
    }
}

package dev.shadowdev.mhi.host;

import dev.shadowdev.mhi.ChannelConfig;
import dev.shadowdev.mhi.EventRingConfig;
import dev.shadowdev.mhi.ExecEnv;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MhiHostPowerTest
{
    @Test
    void powerUpReachesM0InMissionMode()
    {
        final Link link = new Link();
        link.device.powerOn();

        assertEquals(HostResult.OK, link.host.powerUp(Link.TIMEOUT));

        assertEquals(MhiState.M0, link.host.state());
        assertEquals(MhiState.M0, link.device.state());
        assertEquals(ExecEnv.AMSS, link.host.execEnv());
        assertEquals(List.of("state M0", "ee AMSS"), link.status.log);
        assertEquals(0x0201, link.registers.read32(MhiRegisterLayout.MHISTATUS));
        assertEquals(0, link.host.badEvents());
    }

    @Test
    void powerUpOfADeadDeviceTimesOut()
    {
        final Link link = new Link();

        assertEquals(new HostResult(-110, "device not ready: mhictrl=0x0, mhistatus=0x0"), link.host.powerUp(TimeUnit.MILLISECONDS.toNanos(1)));
        assertEquals(MhiState.RESET, link.host.state());
    }

    @Test
    void secondPowerUpIsBusy()
    {
        final Link link = new Link().up();

        assertEquals(new HostResult(-16, "already powered up: state=M0"),
            link.host.powerUp(Link.TIMEOUT));
    }

    @Test
    void noHostMemoryForTheRingsIsEnospcAndLeavesNothingAllocated()
    {
        final Link link = new Link(MhiConfig.qaic(), MhiConfig.qaic(), 4096);
        link.device.powerOn();

        assertEquals(new HostResult(-28, "no host memory for rings: free=4096"), link.host.powerUp(Link.TIMEOUT));
        assertEquals(0, link.allocator.allocatedBytes());
    }

    @Test
    void deviceExpectingMoreEventRingsFailsPowerUpWithSysErr()
    {
        final MhiConfig deviceConfig = new MhiConfig(
            List.of(new ChannelConfig(0, "A", 4, 0)), List.of(new EventRingConfig(4, 0), new EventRingConfig(4, 0)));
        final Link link = new Link(MhiConfig.qaic(), deviceConfig, 1 << 20);
        link.device.powerOn();

        assertEquals(new HostResult(-5, "device failed to enter M0: state=SYS_ERR"), link.host.powerUp(Link.TIMEOUT));
        assertEquals("device entered SYS_ERR: reason=bad event ring context: ring=1, ertype=0",
            link.deviceProblems.last());
        assertEquals(List.of("state SYS_ERR", "sys_err"), link.status.log);
    }

    @Test
    void closeGivesTheMemoryBack()
    {
        final Link link = new Link().up();
        final long used = link.allocator.allocatedBytes();
        assertEquals(true, used > 24 * 32 * 16);

        link.host.close(Link.TIMEOUT);

        assertEquals(0, link.allocator.allocatedBytes());
        assertEquals(MhiState.READY, link.device.state());
    }
}

package dev.shadowdev.mhi.host;

import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_IEOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MhiHostRecoveryTest
{
    private final Link link = new Link().up();
    private final MhiHost host = link.host;
    private final Link.Transfers tx = new Link.Transfers();
    private final Link.Transfers rx = new Link.Transfers();
    private final List<Integer> delivered = new ArrayList<>();

    @Test
    void sysErrIsReportedOnceAndResetGivesEveryPendingBufferBack()
    {
        link.device.setHandler(0, (channel, region, message) -> delivered.add(message.totalLength()));
        final long buffers = link.alloc(1024);
        assertEquals(HostResult.OK, host.startChannel(0, tx, Link.TIMEOUT));
        assertEquals(HostResult.OK, host.startChannel(1, rx, Link.TIMEOUT));
        for (int i = 0; i < 2; i++)
        {
            assertEquals(0, host.queue(1, buffers + 512 + 64L * i, 64, FLAG_IEOT));
        }
        host.doorbell(1);
        assertEquals(0, host.queue(0, buffers, 10, FLAG_IEOT));
        host.doorbell(0);
        link.settle();
        assertEquals(List.of(10), delivered);
        for (int i = 1; i <= 3; i++)
        {
            assertEquals(0, host.queue(0, buffers + 64L * i, 10 + i, FLAG_IEOT));
        }
        tx.log.clear();
        link.status.log.clear();

        link.device.enterSysErr("firmware crash");
        assertEquals(1, host.doWork());
        assertEquals(0, host.doWork());

        assertEquals(MhiState.SYS_ERR, host.state());
        assertEquals(List.of("state SYS_ERR", "sys_err"), link.status.log);
        assertEquals(-5, host.queue(0, buffers, 8, FLAG_IEOT));
        assertEquals(-5, host.doorbell(0));
        assertEquals(new HostResult(-5, "transport not in M0: state=SYS_ERR"),
            host.startChannel(2, tx, Link.TIMEOUT));

        assertEquals(HostResult.OK, host.reset(Link.TIMEOUT));

        assertEquals(MhiState.RESET, host.state());
        assertEquals(MhiState.READY, link.device.state());
        assertEquals(0x0101, link.registers.read32(MhiRegisterLayout.MHISTATUS));
        assertEquals(3, tx.log.size());
        assertTrue(tx.log.get(0).endsWith("len=11 ABORTED"));
        assertTrue(tx.log.get(2).endsWith("len=13 ABORTED"));
        assertEquals(2, rx.log.size());
        assertTrue(rx.log.get(1).endsWith("len=64 ABORTED"));
        assertEquals(ChannelState.DISABLED, host.channelState(0));

        assertEquals(HostResult.OK, host.powerUp(Link.TIMEOUT));
        assertEquals(HostResult.OK, host.startChannel(0, tx, Link.TIMEOUT));
        assertEquals(0, host.queue(0, buffers, 7, FLAG_IEOT));
        host.doorbell(0);
        link.settle();
        assertEquals(List.of(10, 7), delivered);
        assertTrue(tx.log.get(3).endsWith("len=7 EOT"));
    }

    @Test
    void powerUpAfterSysErrResetsFirst()
    {
        link.device.enterSysErr("boom");
        host.doWork();

        assertEquals(HostResult.OK, host.powerUp(Link.TIMEOUT));

        assertEquals(MhiState.M0, host.state());
        assertEquals(MhiState.M0, link.device.state());
    }

    @Test
    void sysErrSeenInTheStatusRegisterWithoutAnEvent()
    {
        link.status.log.clear();
        link.registers.store32(MhiRegisterLayout.MHISTATUS, MhiRegisterLayout.stateField(MhiState.SYS_ERR) | MhiRegisterLayout.MHISTATUS_SYSERR);

        assertEquals(0, host.doWork());

        assertEquals(List.of("state SYS_ERR", "sys_err"), link.status.log);
        assertEquals(MhiState.SYS_ERR, host.state());
        assertEquals("device in SYS_ERR: mhistatus=0xff04", host.lastError());
    }
}

package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.SharedRegion;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MhiDeviceRunnerTest
{
    @Test
    void parkedRunnerIsWokenByDoorbellsAndRunsTheExtraDuty() throws Exception
    {
        final MhiRegisters registers = new MhiRegisters();
        final MhiDevice device = new MhiDevice(new SharedRegion(1 << 16), registers, MhiConfig.qaic());
        device.powerOn();
        final CountDownLatch dbcSeen = new CountDownLatch(1);
        final AtomicInteger dbcBits = new AtomicInteger();
        final MhiDeviceRunner runner = new MhiDeviceRunner(device, () ->
        {
            final int bits = registers.takeDbcDoorbells();
            if (bits != 0)
            {
                dbcBits.set(bits);
                dbcSeen.countDown();
                return 1;
            }
            return 0;
        }, "device-test").start();
        try
        {
            Thread.sleep(50);
            assertEquals(0, registers.dbcWrite(5, DbcRegs.REQ_TAIL, 1));
            assertTrue(dbcSeen.await(2, TimeUnit.SECONDS));
            assertEquals(1 << 5, dbcBits.get());

            Thread.sleep(50);
            assertEquals(0, registers.write32(MhiRegisterLayout.MHICTRL, MhiRegisterLayout.MHICTRL_RESET));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (registers.read32(MhiRegisterLayout.MHICTRL) != 0 && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertEquals(0, registers.read32(MhiRegisterLayout.MHICTRL));
            assertEquals(MhiState.READY, device.state());
        }
        finally
        {
            runner.close();
        }
    }

    @Test
    void everyDoorbellWakesAParkedRunnerAtOnce() throws Exception
    {
        final MhiRegisters registers = new MhiRegisters();
        final MhiDevice device = new MhiDevice(new SharedRegion(1 << 16), registers, MhiConfig.qaic());
        device.powerOn();
        final AtomicInteger served = new AtomicInteger();
        final MhiDeviceRunner runner = new MhiDeviceRunner(device, () ->
        {
            final int bits = registers.takeDbcDoorbells();
            if (bits != 0)
            {
                served.incrementAndGet();
                return 1;
            }
            return 0;
        }, "device-test", 0).start();
        try
        {
            // No spin: the runner parks after each doorbell, and the next one must unpark it, never its 10 ms limit.
            long slowest = 0;
            for (int i = 1; i <= 200; i++)
            {
                final long start = System.nanoTime();
                assertEquals(0, registers.dbcWrite(i % 16, DbcRegs.REQ_TAIL, i));
                while (served.get() < i)
                {
                    Thread.onSpinWait();
                }
                slowest = Math.max(slowest, System.nanoTime() - start);
                Thread.sleep(0, 200_000);
            }
            assertEquals(0, runner.lateWakeups(), "a doorbell left the runner parked until its timeout");
            assertTrue(slowest < TimeUnit.SECONDS.toNanos(1), "slowest=" + slowest);
        }
        finally
        {
            runner.close();
        }
    }
}

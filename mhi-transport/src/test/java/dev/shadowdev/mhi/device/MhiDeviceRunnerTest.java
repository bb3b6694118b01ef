package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.SharedRegion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
        }, "device-test").start();
        try
        {
            // The runner parks after each doorbell, and the next one must unpark it, never its 10 ms limit.
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

    @Test
    void aLentThreadRunsAnIdleDeviceItselfAndItsDoorbellsWakeNobody()
    {
        final MhiRegisters registers = new MhiRegisters();
        final MhiDevice device = new MhiDevice(new SharedRegion(1 << 16), registers, MhiConfig.qaic());
        device.powerOn();
        final AtomicReference<Thread> ranOn = new AtomicReference<>();
        final MhiDeviceRunner runner = new MhiDeviceRunner(device, () ->
        {
            if (registers.takeDbcDoorbells() != 0)
            {
                ranOn.set(Thread.currentThread());
                return 1;
            }
            return 0;
        }, "device-test");
        // Not started: only a lent thread can run the device.
        registers.beginDoorbells();
        assertEquals(0, registers.dbcWrite(3, DbcRegs.REQ_TAIL, 1));
        assertNull(ranOn.get(), "the doorbell ran the device before the batch ended");
        registers.endDoorbells();
        assertSame(Thread.currentThread(), ranOn.get());
        assertEquals(1, runner.invokedCycles());
        assertFalse(device.hasPendingWork());
        runner.close();
    }

    @Test
    void aThreadThatFindsTheDeviceBusyLeavesItsDoorbellToTheOwner() throws Exception
    {
        final MhiRegisters registers = new MhiRegisters();
        final MhiDevice device = new MhiDevice(new SharedRegion(1 << 16), registers, MhiConfig.qaic());
        device.powerOn();
        final CountDownLatch ownerInside = new CountDownLatch(1);
        final CountDownLatch otherRang = new CountDownLatch(1);
        final List<String> served = new CopyOnWriteArrayList<>();
        final MhiDeviceRunner runner = new MhiDeviceRunner(device, () ->
        {
            final int bits = registers.takeDbcDoorbells();
            if (bits == 0)
            {
                return 0;
            }
            served.add(Thread.currentThread().getName() + ":" + Integer.numberOfTrailingZeros(bits));
            if (bits == 1 << 1)
            {
                ownerInside.countDown();
                await(otherRang);
            }
            return 1;
        }, "device-test");
        final Thread owner = new Thread(() ->
        {
            registers.beginDoorbells();
            registers.dbcWrite(1, DbcRegs.REQ_TAIL, 1);
            registers.endDoorbells();
        }, "owner");
        owner.start();
        assertTrue(ownerInside.await(5, TimeUnit.SECONDS));
        registers.beginDoorbells();
        registers.dbcWrite(2, DbcRegs.REQ_TAIL, 1);
        registers.endDoorbells();
        // The gate was taken: this thread ran nothing and returned at once.
        assertEquals(List.of("owner:1"), served);
        otherRang.countDown();
        owner.join(5000);
        assertEquals(List.of("owner:1", "owner:2"), served);
        assertFalse(device.hasPendingWork());
        runner.close();
    }

    @Test
    void aLongBurstGoesToTheDeviceThreadAfterTheInvokedPasses() throws Exception
    {
        final MhiRegisters registers = new MhiRegisters();
        final MhiDevice device = new MhiDevice(new SharedRegion(1 << 16), registers, MhiConfig.qaic());
        device.powerOn();
        final int burst = 3 * MhiDeviceRunner.INVOKED_PASSES;
        final AtomicInteger left = new AtomicInteger(burst);
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch drained = new CountDownLatch(1);
        final MhiDeviceRunner runner = new MhiDeviceRunner(device, () ->
        {
            if (registers.takeDbcDoorbells() == 0)
            {
                return 0;
            }
            threads.add(Thread.currentThread().getName());
            if (left.decrementAndGet() == 0)
            {
                drained.countDown();
            }
            else
            {
                registers.dbcWrite(0, DbcRegs.REQ_TAIL, left.get());
            }
            return 1;
        }, "device-test");
        try
        {
            // The device thread is not started yet, so the lent thread is the only one that can run the burst.
            registers.beginDoorbells();
            registers.dbcWrite(0, DbcRegs.REQ_TAIL, 0);
            registers.endDoorbells();
            assertEquals(MhiDeviceRunner.INVOKED_PASSES, threads.size(), "cycles run on the lent thread");
            assertTrue(threads.stream().allMatch(Thread.currentThread().getName()::equals));
            assertTrue(device.hasPendingWork(), "the lent thread stopped with the rest of the burst pending");
            runner.start();
            assertTrue(drained.await(5, TimeUnit.SECONDS), "the device thread did not finish the burst");
            assertEquals(burst - MhiDeviceRunner.INVOKED_PASSES,
                threads.stream().filter("device-test"::equals).count());
        }
        finally
        {
            runner.close();
        }
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

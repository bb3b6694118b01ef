package dev.shadowdev.mhi.device;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Runs a {@link MhiDevice} on its own thread: calls {@link MhiDevice#doWork()} (and an optional extra duty cycle,
 * e.g. the firmware's DMA bridge engine) while there is work, spins for a while after the last work, then parks
 * until a doorbell wakes it. The waker only unparks when the thread is (about to be) parked, so a busy device pays
 * nothing for doorbells.
 * <p>
 * The spin is measured in time, not in loops, and has no yield phase. On two CPUs the choice is between the
 * wake-up of a parked thread (a futex wake and a context switch, tens of microseconds, on every request) and the
 * CPU the spin takes from the host's threads; spinning for about one round trip ({@link #DEFAULT_SPIN_NANOS}) keeps
 * a device that is in use awake between requests and parks an idle one at once. {@code Thread.yield()} was the
 * worst of both there: it hands the CPU over for a whole time slice whenever another thread is runnable.
 */
public final class MhiDeviceRunner implements AutoCloseable
{
    /** Spin after the last work before parking: about one node round trip with a 60 KiB payload. */
    public static final long DEFAULT_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final MhiDevice device;
    private final IntSupplier extraWork;
    private final long spinNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sleeping;
    private volatile long lateWakeups;
    private volatile long unparks;

    /**
     * @param device    the device to run.
     * @param extraWork more work done on the same thread each cycle (returns work count); null for none.
     * @param name      thread name.
     */
    public MhiDeviceRunner(final MhiDevice device, final IntSupplier extraWork, final String name)
    {
        this(device, extraWork, name, DEFAULT_SPIN_NANOS);
    }

    /**
     * @param device    the device to run.
     * @param extraWork more work done on the same thread each cycle (returns work count); null for none.
     * @param name      thread name.
     * @param spinNanos how long to spin after the last work before parking (0: park at once).
     * @throws IllegalArgumentException when {@code spinNanos} is negative.
     */
    public MhiDeviceRunner(
        final MhiDevice device, final IntSupplier extraWork, final String name, final long spinNanos)
    {
        if (spinNanos < 0)
        {
            throw new IllegalArgumentException("bad device runner: spin_nanos=" + spinNanos);
        }
        this.spinNanos = spinNanos;
        this.device = device;
        this.extraWork = extraWork == null ? () -> 0 : extraWork;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        device.setWaker(this::wake);
    }

    /**
     * Start the thread.
     *
     * @return this.
     */
    public MhiDeviceRunner start()
    {
        thread.start();
        return this;
    }

    /**
     * @return parks that lasted their whole maximum with work pending at the end: a doorbell that did not wake the
     *     device (0 unless a waker is missing somewhere).
     */
    public long lateWakeups()
    {
        return lateWakeups;
    }

    /** Stop the thread and wait for it. */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        device.setWaker(null);
    }

    private void wake()
    {
        if (sleeping)
        {
            unparks++;
            LockSupport.unpark(thread);
        }
    }

    private void run()
    {
        long lastWork = System.nanoTime();
        while (running)
        {
            final int work = device.doWork() + extraWork.getAsInt();
            if (work > 0)
            {
                lastWork = System.nanoTime();
                continue;
            }
            if (System.nanoTime() - lastWork < spinNanos)
            {
                Thread.onSpinWait();
            }
            else
            {
                sleeping = true;
                if (running && !device.hasPendingWork())
                {
                    final long parkedAt = System.nanoTime();
                    final long unparksBefore = unparks;
                    LockSupport.parkNanos(this, MAX_PARK_NANOS);
                    if (System.nanoTime() - parkedAt >= MAX_PARK_NANOS && device.hasPendingWork() &&
                        unparks == unparksBefore)
                    {
                        lateWakeups++;
                    }
                }
                sleeping = false;
            }
        }
    }
}

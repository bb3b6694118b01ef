package dev.shadowdev.mhi.device;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Runs a {@link MhiDevice} on its own thread: calls {@link MhiDevice#doWork()} (and an optional extra duty cycle,
 * e.g. the firmware's DMA bridge engine) while there is work, spins briefly when idle, then parks until a doorbell
 * wakes it. The waker only unparks when the thread is (about to be) parked, so a busy device pays nothing for
 * doorbells.
 */
public final class MhiDeviceRunner implements AutoCloseable
{
    private static final int SPINS = 200;
    private static final int YIELDS = 20;
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final MhiDevice device;
    private final IntSupplier extraWork;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sleeping;

    /**
     * @param device    the device to run.
     * @param extraWork more work done on the same thread each cycle (returns work count); null for none.
     * @param name      thread name.
     */
    public MhiDeviceRunner(final MhiDevice device, final IntSupplier extraWork, final String name)
    {
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
            LockSupport.unpark(thread);
        }
    }

    private void run()
    {
        int idle = 0;
        while (running)
        {
            final int work = device.doWork() + extraWork.getAsInt();
            if (work > 0)
            {
                idle = 0;
                continue;
            }
            idle++;
            if (idle < SPINS)
            {
                Thread.onSpinWait();
            }
            else if (idle < SPINS + YIELDS)
            {
                Thread.yield();
            }
            else
            {
                sleeping = true;
                if (running && !device.hasPendingWork())
                {
                    LockSupport.parkNanos(this, MAX_PARK_NANOS);
                }
                sleeping = false;
            }
        }
    }
}

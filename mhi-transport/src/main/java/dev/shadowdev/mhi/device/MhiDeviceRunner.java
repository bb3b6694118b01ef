package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.DeviceInvoker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Runs a {@link MhiDevice}'s duty cycle ({@link MhiDevice#doWork()} plus an optional extra duty, e.g. the firmware's
 * DMA bridge engine): on the thread of a host that lends itself ({@link DeviceInvoker}, like Agrona's
 * {@code AgentInvoker}) when the device is idle, and on the device's own thread otherwise. Nothing spins: the
 * device thread parks as soon as it finds no work, and on two cores a spinning thread takes the core the host's
 * threads need.
 * <p>
 * One gate, {@link #owner}: whoever sets it from null runs the duty cycle until there is nothing left (at most
 * {@link #INVOKED_PASSES} cycles on a lent thread, then the device thread takes over), clears it, and looks for
 * pending doorbells again; a thread that finds the gate taken leaves its work to the owner, who sees the doorbell
 * in that last look. A doorbell rung by the owner itself (the host's completions run inside the device's interrupt)
 * or by a thread that will lend itself wakes nobody; any other doorbell unparks the device thread.
 * <p>
 * Which thread runs the device, so: the host thread that rang when the device was idle (the common case: a write
 * travels to the card and its answer comes back on the writer's thread), the owner of the moment when it was busy,
 * the device thread for doorbells from threads that do not lend themselves and for the rest of a long burst.
 */
public final class MhiDeviceRunner implements AutoCloseable, DeviceInvoker
{
    /** Most duty cycles a lent host thread runs before it hands the rest to the device thread. */
    public static final int INVOKED_PASSES = 16;
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final VarHandle OWNER;

    static
    {
        try
        {
            OWNER = MethodHandles.lookup().findVarHandle(MhiDeviceRunner.class, "owner", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final MhiDevice device;
    private final IntSupplier extraWork;
    private final Thread thread;
    private final ThreadLocal<int[]> lent = ThreadLocal.withInitial(() -> new int[1]);
    private volatile Thread owner;
    private volatile boolean running = true;
    private volatile boolean sleeping;
    private volatile long lateWakeups;
    private volatile long unparks;
    private volatile long invokedCycles;

    /**
     * @param device    the device to run.
     * @param extraWork more work done in the same duty cycle (returns work count); null for none.
     * @param name      the device thread's name.
     */
    public MhiDeviceRunner(final MhiDevice device, final IntSupplier extraWork, final String name)
    {
        this.device = device;
        this.extraWork = extraWork == null ? () -> 0 : extraWork;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        device.setWaker(this::wake);
        device.setInvoker(this);
    }

    /**
     * Start the device thread.
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

    /** @return true while the device thread is parked, waiting for a doorbell (for tests and diagnostics). */
    public boolean parked()
    {
        return sleeping && thread.getState() == Thread.State.TIMED_WAITING;
    }

    /** @return true while the device thread runs. */
    public boolean alive()
    {
        return thread.isAlive();
    }

    /** @return duty cycles run on lent host threads. */
    public long invokedCycles()
    {
        return invokedCycles;
    }

    /** Stop the device thread and wait for it; host threads no longer run the device. */
    @Override
    public void close()
    {
        running = false;
        device.setInvoker(null);
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

    @Override
    public void beginDoorbells()
    {
        lent.get()[0]++;
    }

    @Override
    public void endDoorbells()
    {
        final int[] depth = lent.get();
        if (--depth[0] > 0)
        {
            return;
        }
        depth[0] = 0;
        int passes = 0;
        while (running && device.hasPendingWork())
        {
            if (passes >= INVOKED_PASSES)
            {
                unparkIfSleeping();
                return;
            }
            final int ran = runCycles(INVOKED_PASSES - passes, true);
            if (ran < 0)
            {
                return;
            }
            passes += Math.max(1, ran);
        }
    }

    /** Doorbell side effect, on the ringing thread. */
    private void wake()
    {
        if (owner == Thread.currentThread() || lent.get()[0] > 0)
        {
            return;
        }
        unparkIfSleeping();
    }

    private void unparkIfSleeping()
    {
        if (sleeping)
        {
            unparks++;
            LockSupport.unpark(thread);
        }
    }

    /**
     * Take the gate and run duty cycles until one finds no work or {@code most} ran.
     *
     * @param invoked on a lent host thread (counted in {@link #invokedCycles()}, under the gate).
     * @return cycles that did work, or -1 when another thread holds the gate.
     */
    private int runCycles(final int most, final boolean invoked)
    {
        if (!OWNER.compareAndSet(this, null, Thread.currentThread()))
        {
            return -1;
        }
        int cycles = 0;
        try
        {
            while (cycles < most && device.doWork() + extraWork.getAsInt() > 0)
            {
                cycles++;
            }
        }
        finally
        {
            if (invoked)
            {
                invokedCycles += cycles;
            }
            owner = null;
        }
        return cycles;
    }

    private void run()
    {
        while (running)
        {
            if (runCycles(Integer.MAX_VALUE, false) > 0)
            {
                continue;
            }
            sleeping = true;
            // A lent thread that holds the gate looks for doorbells again after it lets go, and unparks this thread
            // when it stops with work left: read the gate after publishing sleeping, as it reads sleeping after
            // clearing the gate, so one of the two always sees the other.
            if (running && (owner != null || !device.hasPendingWork()))
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

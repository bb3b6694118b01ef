package dev.shadowdev.mhi.host;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * How a {@link MhiHost} waits and where it processes events.
 *
 * @param idle               run between polls while a blocking call waits (power up, channel commands). Tests
 *                           pass the device's {@code doWork} here to run both sides on one thread.
 * @param nanoClock          time source for timeouts.
 * @param processInInterrupt true: the MHI interrupt processes events on the raising thread, like a tasklet run
 *                           from the MSI handler; false: interrupts are only counted and the owner polls
 *                           {@link MhiHost#doWork()}.
 */
public record HostOptions(Runnable idle, LongSupplier nanoClock, boolean processInInterrupt)
{
    private static final long IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /**
     * @param idle               run between polls while a blocking call waits.
     * @param nanoClock          time source for timeouts.
     * @param processInInterrupt process events from the MHI interrupt.
     * @throws IllegalArgumentException when a field is null.
     */
    public HostOptions
    {
        if (idle == null || nanoClock == null)
        {
            throw new IllegalArgumentException("bad host options: idle=" + idle + ", nanoClock=" + nanoClock);
        }
    }

    /**
     * @return park 50 us between polls, {@link System#nanoTime()}, events processed in the interrupt.
     */
    public static HostOptions defaults()
    {
        return new HostOptions(() -> LockSupport.parkNanos(IDLE_PARK_NANOS), System::nanoTime, true);
    }

    /**
     * @param idle what to run between polls (e.g. {@code device::doWork}).
     * @return options for single-threaded, hand-driven use: events are processed only by {@code doWork()}.
     */
    public static HostOptions polling(final Runnable idle)
    {
        return new HostOptions(idle, System::nanoTime, false);
    }
}

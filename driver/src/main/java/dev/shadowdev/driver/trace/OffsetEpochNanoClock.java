package dev.shadowdev.driver.trace;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Nanoseconds since the epoch without allocating: the wall clock read once at construction plus the nanoseconds a
 * monotonic clock ({@link System#nanoTime()}, or the driver's {@code nanoClock}) counted since, so timestamps from one
 * instance are monotonic and microsecond-precise (as Agrona's {@code OffsetEpochNanoClock}).
 */
public final class OffsetEpochNanoClock implements LongSupplier
{
    private final LongSupplier nanoClock;
    private final long initialEpochNanos;
    private final long initialNanoTime;

    public OffsetEpochNanoClock()
    {
        this(System::nanoTime, Instant.now());
    }

    /**
     * @param nanoClock the monotonic clock that counts from now on.
     * @param now       the wall-clock time of the clock's current reading.
     */
    public OffsetEpochNanoClock(final LongSupplier nanoClock, final Instant now)
    {
        this.nanoClock = nanoClock;
        this.initialNanoTime = nanoClock.getAsLong();
        this.initialEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * @return nanoseconds since the epoch.
     */
    @Override
    public long getAsLong()
    {
        return initialEpochNanos + (nanoClock.getAsLong() - initialNanoTime);
    }
}

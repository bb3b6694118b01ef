package dev.shadowdev.driver.trace;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Nanoseconds since the epoch without allocating: the wall clock read once at construction plus the
 * {@link System#nanoTime()} elapsed since, so timestamps in one trace are monotonic and microsecond-precise
 * (as Agrona's {@code OffsetEpochNanoClock}).
 */
public final class OffsetEpochNanoClock implements LongSupplier
{
    private final long initialEpochNanos;
    private final long initialNanoTime;

    public OffsetEpochNanoClock()
    {
        final Instant now = Instant.now();
        this.initialNanoTime = System.nanoTime();
        this.initialEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * @return nanoseconds since the epoch.
     */
    @Override
    public long getAsLong()
    {
        return initialEpochNanos + (System.nanoTime() - initialNanoTime);
    }
}

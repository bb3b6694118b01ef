package dev.shadowdev.driver.counters;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The driver's {@link Counter}s: incremented from any thread without allocating, read one by one or as a snapshot.
 */
public final class DriverCounters
{
    private static final Counter[] COUNTERS = Counter.values();

    private final AtomicLongArray values = new AtomicLongArray(COUNTERS.length);

    /** Add one. */
    public void increment(final Counter counter)
    {
        values.incrementAndGet(counter.ordinal());
    }

    /** Add {@code delta}. */
    public void add(final Counter counter, final long delta)
    {
        values.addAndGet(counter.ordinal(), delta);
    }

    /** @return the current value. */
    public long get(final Counter counter)
    {
        return values.get(counter.ordinal());
    }

    /** @return every counter's value now (allocates). */
    public Map<Counter, Long> snapshot()
    {
        final Map<Counter, Long> snapshot = new EnumMap<>(Counter.class);
        for (final Counter counter : COUNTERS)
        {
            snapshot.put(counter, values.get(counter.ordinal()));
        }
        return snapshot;
    }

    @Override
    public String toString()
    {
        return snapshot().toString();
    }
}

package dev.shadowdev.bench.elastic;

import java.util.Arrays;

/**
 * Round-trip times of one round, in nanoseconds, and their percentiles in microseconds (nearest rank: the value
 * below which {@code p} of the samples lie, as the C load generator reports them).
 */
final class Latencies
{
    private final long[] nanos;
    private int count;

    Latencies(final int capacity)
    {
        nanos = new long[capacity];
    }

    void add(final long ns)
    {
        nanos[count++] = ns;
    }

    int count()
    {
        return count;
    }

    /**
     * @param p a fraction in (0, 1], e.g. 0.99.
     * @return the nearest-rank percentile in microseconds; 0 without samples.
     */
    double percentileUs(final double p)
    {
        return percentileUs(Arrays.copyOf(nanos, count), p);
    }

    double meanUs()
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += nanos[i];
        }
        return count == 0 ? 0 : sum / (double)count / 1e3;
    }

    /** @return the nearest-rank percentile of {@code values} (ns) in microseconds; 0 for none. */
    static double percentileUs(final long[] values, final double p)
    {
        if (p <= 0 || p > 1)
        {
            throw new IllegalArgumentException("bad percentile, want (0, 1]: p=" + p);
        }
        if (values.length == 0)
        {
            return 0;
        }
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        final int rank = (int)Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e3;
    }
}

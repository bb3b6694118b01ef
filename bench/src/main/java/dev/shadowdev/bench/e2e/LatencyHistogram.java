package dev.shadowdev.bench.e2e;

import java.util.Arrays;

/**
 * A log-linear histogram of nanosecond latencies, HdrHistogram's layout in a few lines: values below
 * {@code 2 * HALF} get a bucket each; above, each power of two is split into {@code HALF} equal buckets, so a
 * recorded value is known to within {@code 1 / HALF} (0.8 %). Recording is an array increment: no allocation, no
 * lock; one histogram per thread, {@link #add merged} after the run.
 * <pre>
 *   index = v                                   v < 2 * HALF
 *   index = shift * HALF + (v >>> shift)        shift = floor(log2 v) - log2 HALF, mantissa in [HALF, 2 * HALF)
 * </pre>
 */
public final class LatencyHistogram
{
    private static final int HALF_BITS = 7;
    private static final int HALF = 1 << HALF_BITS;
    /** Values up to 2^42 ns (about 73 minutes) have their own bucket; larger ones land in the last. */
    private static final int MAX_SHIFT = 42 - HALF_BITS;
    private static final int BUCKETS = (MAX_SHIFT + 2) * HALF;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;
    private long sum;

    /** @param nanos one latency; negative values count as 0. */
    public void record(final long nanos)
    {
        final long v = Math.max(nanos, 0);
        counts[index(v)]++;
        total++;
        sum += v;
        if (v < min)
        {
            min = v;
        }
        if (v > max)
        {
            max = v;
        }
    }

    /** Add every value of {@code other} to this one. */
    public void add(final LatencyHistogram other)
    {
        for (int i = 0; i < BUCKETS; i++)
        {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public void reset()
    {
        Arrays.fill(counts, 0);
        total = 0;
        sum = 0;
        min = Long.MAX_VALUE;
        max = 0;
    }

    public long count()
    {
        return total;
    }

    public long max()
    {
        return max;
    }

    public long min()
    {
        return total == 0 ? 0 : min;
    }

    public double mean()
    {
        return total == 0 ? 0 : (double)sum / total;
    }

    /**
     * @param quantile in {@code [0, 1]}, e.g. 0.999.
     * @return the value at that quantile (the middle of its bucket, capped to the largest value recorded), 0 when
     * empty.
     */
    public long valueAt(final double quantile)
    {
        if (total == 0)
        {
            return 0;
        }
        final long rank = Math.max(1, (long)Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Math.min(max, Math.max(min, (lowest(i) + highest(i)) / 2));
            }
        }
        return max;
    }

    static int index(final long v)
    {
        if (v < 2 * HALF)
        {
            return (int)v;
        }
        final int shift = 63 - Long.numberOfLeadingZeros(v) - HALF_BITS;
        if (shift > MAX_SHIFT)
        {
            return BUCKETS - 1;
        }
        return shift * HALF + (int)(v >>> shift);
    }

    /** @return the smallest value of bucket {@code i}. */
    static long lowest(final int i)
    {
        if (i < 2 * HALF)
        {
            return i;
        }
        final int shift = i / HALF - 1;
        return (long)(i - shift * HALF) << shift;
    }

    /** @return the largest value of bucket {@code i}. */
    static long highest(final int i)
    {
        return i < 2 * HALF ? i : lowest(i + 1) - 1;
    }
}

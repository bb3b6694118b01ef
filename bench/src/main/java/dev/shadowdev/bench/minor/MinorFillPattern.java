package dev.shadowdev.bench.minor;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Which minors are in use before a benchmark starts, the same set for every allocator of one run:
 * <ul>
 *   <li>{@link #DENSE}: the lowest {@code k} minors, the layout a lowest-first allocator keeps when nodes come and go
 *       (every freed minor is the next one handed out), so the lowest free minor sits at {@code k};</li>
 *   <li>{@link #RANDOM}: {@code k} minors drawn uniformly at random (seeded), holes everywhere, so the lowest free
 *       minor is within the first few words.</li>
 * </ul>
 * {@code k = round(occupancy * 2^20)}.
 */
final class MinorFillPattern
{
    static final String DENSE = "dense";
    static final String RANDOM = "random";
    static final long SEED = 0x5EED_2024L;

    private MinorFillPattern()
    {
    }

    /**
     * @param pattern   {@link #DENSE} or {@link #RANDOM}.
     * @param occupancy fraction of the minors in use, {@code [0, 1]}.
     * @param range     number of minors.
     * @return the set of minors in use.
     */
    static BitSet minorsInUse(final String pattern, final double occupancy, final int range)
    {
        final int count = (int)Math.round(occupancy * range);
        final BitSet inUse = new BitSet(range);
        switch (pattern)
        {
            case DENSE -> inUse.set(0, count);
            case RANDOM ->
            {
                final int[] minors = shuffledMinors(range, SEED);
                for (int i = 0; i < count; i++)
                {
                    inUse.set(minors[i]);
                }
            }
            default -> throw new IllegalArgumentException("unknown fill pattern: pattern=" + pattern);
        }
        return inUse;
    }

    /**
     * @return every minor of {@code [0, range)} once, in a seeded random order (Fisher-Yates).
     */
    static int[] shuffledMinors(final int range, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] minors = new int[range];
        for (int i = 0; i < range; i++)
        {
            minors[i] = i;
        }
        for (int i = range - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = minors[i];
            minors[i] = minors[j];
            minors[j] = swap;
        }
        return minors;
    }
}

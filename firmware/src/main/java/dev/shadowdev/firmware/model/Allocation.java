package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;

/**
 * Resources handed out by a {@link Pool}: the amount of each resource plus the specific units of the identified
 * ones (bit n of {@link #coreMask()} is core n, bit n of {@link #dmaMask()} is DMA channel n). A partition's
 * reservation and a workload's assignment are both allocations. Immutable.
 */
final class Allocation
{
    private final long[] amounts;
    private final long coreMask;
    private final long dmaMask;

    Allocation(final long[] amounts, final long coreMask, final long dmaMask)
    {
        this.amounts = amounts.clone();
        this.coreMask = coreMask;
        this.dmaMask = dmaMask;
    }

    long amount(final int index)
    {
        return amounts[index];
    }

    long coreMask()
    {
        return coreMask;
    }

    long dmaMask()
    {
        return dmaMask;
    }

    ResourceVector amounts()
    {
        return ResourceVector.of(amounts);
    }

    /**
     * @param resource an identified resource.
     * @return the units of it in this allocation.
     */
    long mask(final Resource resource)
    {
        return resource == Resource.CORES ? coreMask : dmaMask;
    }

    /**
     * @param count units, 0 .. 64.
     * @return a mask of units 0 .. count - 1.
     */
    static long firstUnits(final long count)
    {
        return count >= Long.SIZE ? -1L : (1L << count) - 1;
    }

    /**
     * @param mask  units to choose from.
     * @param count how many to choose; at most {@code Long.bitCount(mask)}.
     * @return the {@code count} lowest units of {@code mask}.
     */
    static long lowestUnits(final long mask, final long count)
    {
        long remaining = mask;
        long chosen = 0;
        for (long i = 0; i < count; i++)
        {
            final long unit = remaining & -remaining;
            chosen |= unit;
            remaining ^= unit;
        }
        return chosen;
    }
}

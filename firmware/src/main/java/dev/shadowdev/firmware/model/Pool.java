package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;

/**
 * One pool of resources: the global pool (what no partition reserved) or a partition's reservation.
 * <p>
 * The pool <em>owns</em> some amount of each resource (for cores and DMA channels, a specific set of units) and
 * has <em>used</em> part of it for workloads; {@code free = owned - used}. Two ways out and back:
 * {@link #take}/{@link #giveBack} move free units to used (a workload), {@link #carve}/{@link #restore} remove free
 * units from the pool altogether (a partition carved out of the global pool). Both choose the lowest free units
 * first. Callers check {@link #shortMask} first: take and carve assume the request fits.
 * <p>
 * Not thread-safe: owned by {@link PartitionTable}, guarded by the {@link Firmware} lock.
 */
final class Pool
{
    private static final int CORES = Resource.CORES.ordinal();
    private static final int DMA = Resource.DMA_CHANNELS.ordinal();

    private final long[] owned = new long[Resource.COUNT];
    private final long[] used = new long[Resource.COUNT];
    private long ownedCores;
    private long ownedDma;
    private long usedCores;
    private long usedDma;

    /**
     * @param allocation what the pool owns at first.
     */
    Pool(final Allocation allocation)
    {
        for (int i = 0; i < Resource.COUNT; i++)
        {
            owned[i] = allocation.amount(i);
        }
        ownedCores = allocation.coreMask();
        ownedDma = allocation.dmaMask();
    }

    long owned(final int index)
    {
        return owned[index];
    }

    long used(final int index)
    {
        return used[index];
    }

    long free(final int index)
    {
        return owned[index] - used[index];
    }

    long ownedCoreMask()
    {
        return ownedCores;
    }

    long ownedDmaMask()
    {
        return ownedDma;
    }

    /**
     * @param total what to report as the total: the capacity for the global pool, the reservation otherwise.
     * @return a snapshot.
     */
    PoolSnapshot info(final ResourceVector total)
    {
        final long[] free = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            free[i] = free(i);
        }
        return new PoolSnapshot(total, ResourceVector.of(free), ResourceVector.of(used), ownedCores, ownedDma);
    }

    /** @return what the pool's workloads use. */
    ResourceVector usedVector()
    {
        return ResourceVector.of(used);
    }

    /**
     * @param need five non-negative amounts.
     * @return bit i set for each resource i with less free than needed; 0 when the need fits.
     */
    int shortMask(final long[] need)
    {
        int mask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (need[i] > free(i))
            {
                mask |= Resource.of(i).bit();
            }
        }
        return mask;
    }

    /**
     * Use free resources (for a workload). The need must fit.
     *
     * @param need five amounts with {@code shortMask(need) == 0}.
     * @return the allocation, with the lowest free cores and DMA channels.
     */
    Allocation take(final long[] need)
    {
        final Allocation allocation = pick(need);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            used[i] += need[i];
        }
        usedCores |= allocation.coreMask();
        usedDma |= allocation.dmaMask();
        return allocation;
    }

    /**
     * @param allocation returned by {@link #take} on this pool.
     */
    void giveBack(final Allocation allocation)
    {
        for (int i = 0; i < Resource.COUNT; i++)
        {
            used[i] -= allocation.amount(i);
        }
        usedCores &= ~allocation.coreMask();
        usedDma &= ~allocation.dmaMask();
    }

    /**
     * Remove free resources from the pool (for a partition). The need must fit.
     *
     * @param need five amounts with {@code shortMask(need) == 0}.
     * @return the allocation, with the lowest free cores and DMA channels.
     */
    Allocation carve(final long[] need)
    {
        final Allocation allocation = pick(need);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            owned[i] -= need[i];
        }
        ownedCores &= ~allocation.coreMask();
        ownedDma &= ~allocation.dmaMask();
        return allocation;
    }

    /**
     * @param allocation returned by {@link #carve} on this pool.
     */
    void restore(final Allocation allocation)
    {
        for (int i = 0; i < Resource.COUNT; i++)
        {
            owned[i] += allocation.amount(i);
        }
        ownedCores |= allocation.coreMask();
        ownedDma |= allocation.dmaMask();
    }

    private Allocation pick(final long[] need)
    {
        final long cores = Allocation.lowestUnits(ownedCores & ~usedCores, need[CORES]);
        final long dma = Allocation.lowestUnits(ownedDma & ~usedDma, need[DMA]);
        return new Allocation(need, cores, dma);
    }
}

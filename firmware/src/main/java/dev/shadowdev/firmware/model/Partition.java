package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;

/**
 * A partition: its name, reservation ({@code min}) and limit ({@code max}) per resource, whether it lends its idle
 * reservation, its drain state, the highest use seen, and the specific cores and DMA channels designated as its
 * reservation. What it uses is not kept here: the {@link WorkloadTable} owns the workloads and {@link Ledger} sums
 * them.
 * <p>
 * The designated units are bookkeeping, not a fence: {@link UnitPlacement} keeps {@code min} of them and may swap
 * an idle one for an equivalent unit (never one of this partition's own workloads' units) so that the partition's
 * own use always sits inside them. A partition that never borrows nor lends (every v1 partition) keeps the units it
 * was given at creation. Not thread-safe: owned by {@link PartitionTable}, guarded by the {@link Firmware} lock.
 */
final class Partition
{
    /** For {@link #drainDeadline}: the grace period never runs out. */
    static final long NEVER = Long.MAX_VALUE;

    private final int id;
    private final String name;
    private final long[] min = new long[Resource.COUNT];
    private final long[] max = new long[Resource.COUNT];
    private final long[] peak = new long[Resource.COUNT];
    private boolean lend;
    private long coreMask;
    private long dmaMask;
    private PartitionState state = PartitionState.ACTIVE;
    private long drainDeadline = NEVER;

    Partition(final int id, final String name, final long[] min, final long[] max, final boolean lend)
    {
        this.id = id;
        this.name = name;
        resize(min, max, lend);
    }

    int id()
    {
        return id;
    }

    String name()
    {
        return name;
    }

    long min(final int index)
    {
        return min[index];
    }

    long max(final int index)
    {
        return max[index];
    }

    boolean lends()
    {
        return lend;
    }

    void resize(final long[] newMin, final long[] newMax, final boolean newLend)
    {
        System.arraycopy(newMin, 0, min, 0, Resource.COUNT);
        System.arraycopy(newMax, 0, max, 0, Resource.COUNT);
        lend = newLend;
    }

    /** @param used what it uses now; the peak keeps the highest of each resource. */
    void notePeak(final long[] used)
    {
        for (int i = 0; i < Resource.COUNT; i++)
        {
            peak[i] = Math.max(peak[i], used[i]);
        }
    }

    ResourceVector minVector()
    {
        return ResourceVector.of(min);
    }

    ResourceVector maxVector()
    {
        return ResourceVector.of(max);
    }

    ResourceVector peakVector()
    {
        return ResourceVector.of(peak);
    }

    /**
     * @param resource CORES or DMA_CHANNELS.
     * @return the units designated as its reservation.
     */
    long units(final Resource resource)
    {
        return resource == Resource.CORES ? coreMask : dmaMask;
    }

    void units(final Resource resource, final long mask)
    {
        if (resource == Resource.CORES)
        {
            coreMask = mask;
        }
        else
        {
            dmaMask = mask;
        }
    }

    PartitionState state()
    {
        return state;
    }

    /**
     * @param next     the new state.
     * @param deadline for DRAINING: the clock value (nanos) when the grace runs out, or {@link #NEVER}.
     */
    void state(final PartitionState next, final long deadline)
    {
        state = next;
        drainDeadline = next == PartitionState.DRAINING ? deadline : NEVER;
    }

    long drainDeadline()
    {
        return drainDeadline;
    }
}

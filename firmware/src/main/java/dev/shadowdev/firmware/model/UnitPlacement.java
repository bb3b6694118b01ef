package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;

import java.util.Arrays;

/**
 * Which cores and DMA channels are whose. Each partition has {@code min} units designated as its reservation; the
 * rest are the unreserved units. A workload holds specific units, never one another workload holds: a partition's
 * workloads take its idle designated units first, then borrow idle unreserved units, then idle units designated to
 * partitions that lend; base-node workloads hold unreserved units only.
 * <p>
 * Kept after every step, for each partition: its own use sits inside its designated units, as far as they go
 * ({@code |held & units| == min(|held|, min)}). To keep it (a workload of a borrowing partition ends, a partition
 * claims back its lent units, a reservation grows or shrinks) this class moves <em>designations</em>, swapping an
 * idle or borrowed unit for an equivalent one; a workload's units never change. A partition that neither lends nor
 * borrows keeps its units. Amounts are the {@link Ledger}'s: when it balances, the units asked for here exist
 * (an {@link IllegalStateException} here is a bug in the books, not a refusal).
 * <p>
 * Not thread-safe: guarded by the {@link Firmware} lock.
 */
final class UnitPlacement
{
    private static final Resource[] UNITS = { Resource.CORES, Resource.DMA_CHANNELS };

    private final PartitionTable partitions;
    private final WorkloadTable workloads;
    private final long[] all = new long[Resource.COUNT];

    UnitPlacement(final DeviceProfile profile, final PartitionTable partitions, final WorkloadTable workloads)
    {
        this.partitions = partitions;
        this.workloads = workloads;
        for (final Resource resource : UNITS)
        {
            all[resource.ordinal()] = Allocation.firstUnits(profile.capacity(resource));
        }
    }

    /** @return the units no partition has designated. */
    long unreserved(final Resource resource)
    {
        long mask = all[resource.ordinal()];
        for (final Partition partition : partitions.all())
        {
            mask &= ~partition.units(resource);
        }
        return mask;
    }

    /**
     * Choose the units of a new workload; designations may move, nothing else changes.
     *
     * @param partition the owner's partition, or null for the base node.
     * @param own       per resource, how much of the need the partition's idle reservation covers (base: all).
     * @param need      five amounts.
     * @return the allocation.
     */
    Allocation place(final Partition partition, final long[] own, final long[] need)
    {
        final long[] masks = new long[Resource.COUNT];
        for (final Resource resource : UNITS)
        {
            final int r = resource.ordinal();
            if (partition == null)
            {
                final long held = vacateUnreserved(resource, need[r]);
                masks[r] = take(unreserved(resource) & ~held, need[r], resource);
                continue;
            }
            vacate(partition, resource, own[r]);
            final long held = workloads.held(WorkloadTable.ALL_PARTITIONS, resource);
            final long mine = take(partition.units(resource) & ~held, own[r], resource);
            masks[r] = mine | borrow(partition, resource, need[r] - own[r], held | mine);
        }
        return new Allocation(need, masks[Resource.CORES.ordinal()], masks[Resource.DMA_CHANNELS.ordinal()]);
    }

    /** Bring the partition's designated units to its {@code min}, then put its own use inside them. */
    void fit(final Partition partition)
    {
        for (final Resource resource : UNITS)
        {
            final long want = partition.min(resource.ordinal());
            long units = partition.units(resource);
            final long held = workloads.held(WorkloadTable.ALL_PARTITIONS, resource);
            final long mine = workloads.held(partition.id(), resource);
            final long base = workloads.held(PartitionTable.GLOBAL, resource);
            final long free = unreserved(resource);
            if (Long.bitCount(units) < want)
            {
                final long count = want - Long.bitCount(units);
                units |= pick(new long[]{ free & mine, free & ~held, free & held & ~base }, count, false, resource);
            }
            else if (Long.bitCount(units) > want)
            {
                final long count = Long.bitCount(units) - want;
                units &= ~pick(new long[]{ units & ~held, units & held & ~mine, units & mine }, count, true, resource);
            }
            partition.units(resource, units);
        }
        rebalance(partition);
    }

    /** Put the partition's own use inside its designated units, swapping its borrowed units in. */
    void rebalance(final Partition partition)
    {
        for (final Resource resource : UNITS)
        {
            final long mine = workloads.held(partition.id(), resource);
            final long target = Math.min(Long.bitCount(mine), partition.min(resource.ordinal()));
            while (Long.bitCount(mine & partition.units(resource)) < target)
            {
                final long held = workloads.held(WorkloadTable.ALL_PARTITIONS, resource);
                final long units = partition.units(resource);
                final long outside = Long.lowestOneBit(mine & ~units);
                final long idle = units & ~held;
                final long spare = Long.lowestOneBit(idle != 0 ? idle : units & ~mine);
                swap(partition, resource, spare, outside, ownerOf(resource, outside));
            }
        }
    }

    /** Make {@code count} of the partition's designated units idle by moving its lent units' designations. */
    private void vacate(final Partition partition, final Resource resource, final long count)
    {
        while (true)
        {
            final long held = workloads.held(WorkloadTable.ALL_PARTITIONS, resource);
            final long units = partition.units(resource);
            if (Long.bitCount(units & ~held) >= count)
            {
                return;
            }
            final long lentUnit = Long.lowestOneBit(units & held & ~workloads.held(partition.id(), resource));
            final Partition place = idlePlace(partition, resource, held);
            final long idle = Long.lowestOneBit((place == null ? unreserved(resource) : place.units(resource)) & ~held);
            if (lentUnit == 0 || idle == 0)
            {
                throw placementBug(partition, resource, count);
            }
            swap(partition, resource, lentUnit, idle, place);
        }
    }

    /** Make {@code count} unreserved units idle by moving borrowed ones onto idle units of lending partitions. */
    private long vacateUnreserved(final Resource resource, final long count)
    {
        while (true)
        {
            final long held = workloads.held(WorkloadTable.ALL_PARTITIONS, resource);
            final long free = unreserved(resource);
            if (Long.bitCount(free & ~held) >= count)
            {
                return held;
            }
            final long borrowedUnit = Long.lowestOneBit(free & held & ~workloads.held(PartitionTable.GLOBAL, resource));
            Partition lender = null;
            for (final Partition partition : partitions.all())
            {
                if (lender == null && partition.lends() && (partition.units(resource) & ~held) != 0)
                {
                    lender = partition;
                }
            }
            if (borrowedUnit == 0 || lender == null)
            {
                throw placementBug(null, resource, count);
            }
            final long idle = Long.lowestOneBit(lender.units(resource) & ~held);
            lender.units(resource, lender.units(resource) & ~idle | borrowedUnit);
        }
    }

    /** @return {@code count} idle units outside the partition's: unreserved first, then lenders' in ID order. */
    private long borrow(final Partition partition, final Resource resource, final long count, final long taken)
    {
        final long[] sources = new long[partitions.all().size() + 1];
        sources[0] = unreserved(resource) & ~taken;
        int n = 1;
        for (final Partition lender : partitions.all())
        {
            if (lender.lends() && lender != partition)
            {
                sources[n++] = lender.units(resource) & ~taken;
            }
        }
        return pick(Arrays.copyOf(sources, n), count, false, resource);
    }

    /** @return the first place with an idle unit: unreserved (null) first, then lenders other than the partition. */
    private Partition idlePlace(final Partition partition, final Resource resource, final long held)
    {
        if ((unreserved(resource) & ~held) != 0)
        {
            return null;
        }
        for (final Partition lender : partitions.all())
        {
            if (lender != partition && lender.lends() && (lender.units(resource) & ~held) != 0)
            {
                return lender;
            }
        }
        return null;
    }

    /** Partition gives up {@code given} and gets {@code got}; {@code other} (null: unreserved) the reverse. */
    private static void swap(
        final Partition partition, final Resource resource, final long given, final long got, final Partition other)
    {
        partition.units(resource, partition.units(resource) & ~given | got);
        if (other != null)
        {
            other.units(resource, other.units(resource) & ~got | given);
        }
    }

    private Partition ownerOf(final Resource resource, final long unit)
    {
        for (final Partition partition : partitions.all())
        {
            if ((partition.units(resource) & unit) != 0)
            {
                return partition;
            }
        }
        return null;
    }

    private long take(final long idle, final long count, final Resource resource)
    {
        return pick(new long[]{ idle }, count, false, resource);
    }

    /** @return {@code count} units from the sources in order, lowest (or highest) first within each. */
    private static long pick(final long[] sources, final long count, final boolean highest, final Resource resource)
    {
        long chosen = 0;
        long left = count;
        for (final long source : sources)
        {
            long remaining = source & ~chosen;
            while (left > 0 && remaining != 0)
            {
                final long unit = highest ? Long.highestOneBit(remaining) : Long.lowestOneBit(remaining);
                chosen |= unit;
                remaining ^= unit;
                left--;
            }
        }
        if (left > 0)
        {
            throw new IllegalStateException("placement: units missing: resource=" + resource.key() + " missing=" + left);
        }
        return chosen;
    }

    private static IllegalStateException placementBug(final Partition partition, final Resource resource, final long count)
    {
        return new IllegalStateException("placement: no idle unit to move: partition=" +
            (partition == null ? PartitionTable.GLOBAL : partition.id()) + " resource=" + resource.key() + " count=" + count);
    }
}

package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;

import java.util.HashMap;
import java.util.Map;

/**
 * The card's books at one moment, per resource, computed from the partitions and the workloads (it owns nothing:
 * build a new one after every change). With {@code total} the capacity, {@code base} what the base node's
 * workloads use, and for each partition its {@code min} and {@code used}:
 * <ul>
 *     <li>{@code own = min(used, min)}, {@code borrowed = used - own}, {@code idle = min - own};</li>
 *     <li>{@code unreserved = total - sum(min) - base}: the unreserved pool, never negative (admission keeps
 *         {@code sum(min) + base <= total});</li>
 *     <li>{@code supply = unreserved + sum(idle of the partitions that lend)}: what borrowing may occupy;</li>
 *     <li>{@code demand = sum(borrowed)}.</li>
 * </ul>
 * The rule every step keeps is {@code demand <= supply}: then {@code sum(used) + base <= total}, and a partition
 * that claims its idle reservation back always gets it by preempting borrowers (when they are all gone,
 * {@code demand = 0}). Which unit of a borrowed amount came from where only matters for cores and DMA channels,
 * and {@link UnitPlacement} keeps that.
 */
final class Ledger
{
    private final long[] total = new long[Resource.COUNT];
    private final long[] base;
    private final long[] sumMin = new long[Resource.COUNT];
    private final long[] supply = new long[Resource.COUNT];
    private final long[] demand = new long[Resource.COUNT];
    private final Map<Integer, long[]> used = new HashMap<>();

    /**
     * @param extraPartition a partition whose use counts {@code extra} more (an activation being admitted), or 0.
     * @param extra          five amounts, or null.
     */
    Ledger(
        final DeviceProfile profile,
        final PartitionTable partitions,
        final WorkloadTable workloads,
        final int extraPartition,
        final long[] extra)
    {
        base = workloads.used(PartitionTable.GLOBAL);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            total[i] = profile.capacity(Resource.of(i));
        }
        final long[] lent = new long[Resource.COUNT];
        for (final Partition partition : partitions.all())
        {
            final long[] u = workloads.used(partition.id());
            if (partition.id() == extraPartition && extra != null)
            {
                for (int i = 0; i < Resource.COUNT; i++)
                {
                    u[i] += extra[i];
                }
            }
            used.put(partition.id(), u);
            for (int i = 0; i < Resource.COUNT; i++)
            {
                sumMin[i] += partition.min(i);
                demand[i] += Math.max(0, u[i] - partition.min(i));
                if (partition.lends())
                {
                    lent[i] += Math.max(0, partition.min(i) - u[i]);
                }
            }
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            supply[i] = unreserved(i) + lent[i];
        }
    }

    Ledger(final DeviceProfile profile, final PartitionTable partitions, final WorkloadTable workloads)
    {
        this(profile, partitions, workloads, 0, null);
    }

    /** @return the unreserved pool: neither reserved by a partition nor used by the base node. */
    long unreserved(final int index)
    {
        return total[index] - sumMin[index] - base[index];
    }

    long base(final int index)
    {
        return base[index];
    }

    /** @return bit i set for each resource i where borrowing occupies more than may be lent. */
    int overdrawn()
    {
        int mask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            mask |= demand[i] > supply[i] ? Resource.of(i).bit() : 0;
        }
        return mask;
    }

    /** @return a copy of what the partition's workloads use. */
    long[] used(final Partition partition)
    {
        return used.get(partition.id()).clone();
    }

    long used(final Partition partition, final int index)
    {
        return used.get(partition.id())[index];
    }

    long borrowed(final Partition partition, final int index)
    {
        return Math.max(0, used(partition, index) - partition.min(index));
    }

    /** @return its reservation not used by its own workloads (lent or not). */
    long idle(final Partition partition, final int index)
    {
        return Math.max(0, partition.min(index) - used(partition, index));
    }

    /** @return what a new base-node workload may take: from the unreserved pool, leaving borrowing its supply. */
    long baseFree(final int index)
    {
        return Math.max(0, Math.min(unreserved(index), supply[index] - demand[index]));
    }

    /**
     * @return what a new workload of the partition may take without preempting anyone but borrowers of its own
     * reservation: its idle reservation plus what it may borrow, up to its limit.
     */
    long headroom(final Partition partition, final int index)
    {
        final long idle = idle(partition, index);
        final long borrowable = Math.max(0, supply[index] - (partition.lends() ? idle : 0) - demand[index]);
        return Math.max(0, Math.min(partition.max(index) - used(partition, index), idle + borrowable));
    }
}

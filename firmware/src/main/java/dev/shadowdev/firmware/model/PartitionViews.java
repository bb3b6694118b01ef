package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the snapshots PART_QUERY, PART_QUERY_EX and POOL_QUERY report, from one {@link Ledger}. A shadow node sees
 * only its own partition. Not thread-safe: called under the {@link Firmware} lock.
 */
final class PartitionViews
{
    private final DeviceProfile profile;
    private final PartitionTable partitions;
    private final WorkloadTable workloads;
    private final Arbiter arbiter;

    PartitionViews(
        final DeviceProfile profile,
        final PartitionTable partitions,
        final WorkloadTable workloads,
        final Arbiter arbiter)
    {
        this.profile = profile;
        this.partitions = partitions;
        this.workloads = workloads;
        this.arbiter = arbiter;
    }

    /** @return PART_QUERY: {@code reserved = min}, and the units designated as its reservation. */
    List<PartitionInfo> partitions(final int partitionId)
    {
        final Ledger ledger = arbiter.ledger();
        final List<PartitionInfo> list = new ArrayList<>();
        for (final Partition partition : visible(partitionId))
        {
            list.add(new PartitionInfo(
                partition.id(),
                partition.name(),
                partition.minVector(),
                ResourceVector.of(ledger.used(partition)),
                workloads.count(partition.id()),
                partition.units(Resource.CORES),
                partition.units(Resource.DMA_CHANNELS)));
        }
        return list;
    }

    /** @return PART_QUERY_EX. */
    List<ElasticPartitionInfo> elastic(final int partitionId)
    {
        final Ledger ledger = arbiter.ledger();
        final List<ElasticPartitionInfo> list = new ArrayList<>();
        for (final Partition partition : visible(partitionId))
        {
            final long[] borrowed = new long[Resource.COUNT];
            for (int i = 0; i < Resource.COUNT; i++)
            {
                borrowed[i] = ledger.borrowed(partition, i);
            }
            list.add(new ElasticPartitionInfo(
                partition.id(),
                workloads.count(partition.id()),
                partition.name(),
                partition.state(),
                partition.lends() ? Firmware.PART_LEND : 0,
                partition.minVector(),
                partition.maxVector(),
                ResourceVector.of(ledger.used(partition)),
                ResourceVector.of(borrowed),
                partition.peakVector()));
        }
        return list;
    }

    /** @return POOL_QUERY, see {@link PoolSnapshot}. */
    PoolSnapshot pool(final int partitionId)
    {
        final Ledger ledger = arbiter.ledger();
        final long[] free = new long[Resource.COUNT];
        final Partition partition = partitions.get(partitionId);
        if (partition == null)
        {
            final long[] used = new long[Resource.COUNT];
            for (int i = 0; i < Resource.COUNT; i++)
            {
                free[i] = ledger.baseFree(i);
                used[i] = ledger.base(i);
            }
            return new PoolSnapshot(profile.capacity(), ResourceVector.of(free), ResourceVector.of(used),
                arbiter.unreservedUnits(Resource.CORES), arbiter.unreservedUnits(Resource.DMA_CHANNELS));
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            free[i] = ledger.headroom(partition, i);
        }
        return new PoolSnapshot(partition.minVector(), ResourceVector.of(free), ResourceVector.of(ledger.used(partition)),
            partition.units(Resource.CORES), partition.units(Resource.DMA_CHANNELS));
    }

    private List<Partition> visible(final int partitionId)
    {
        final List<Partition> list = new ArrayList<>();
        for (final Partition partition : partitions.all())
        {
            if (partitionId == PartitionTable.GLOBAL || partitionId == partition.id())
            {
                list.add(partition);
            }
        }
        return list;
    }
}

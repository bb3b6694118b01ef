package dev.shadowdev.firmware.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the firmware shows from the base node, for "a refused request changed nothing" checks:
 * partitions (v1 and extended view), the global pool, each partition's pool, the workloads, the preempted workloads
 * not yet acknowledged ({dbc_id, partition, handle}) and the per-core counters.
 */
record Snapshot(
    List<PartitionInfo> partitions,
    List<ElasticPartitionInfo> elastic,
    PoolSnapshot global,
    List<PoolSnapshot> partitionPools,
    List<WorkloadInfo> workloads,
    List<List<Integer>> preempted,
    List<Long> coreExecutions)
{
    static Snapshot of(final Firmware firmware)
    {
        try
        {
            final List<PartitionInfo> partitions = firmware.queryPartitions(-1, 0);
            final List<PoolSnapshot> pools = new ArrayList<>();
            for (final PartitionInfo partition : partitions)
            {
                pools.add(firmware.queryPool(partition.id(), 0));
            }
            final List<Long> counters = new ArrayList<>();
            for (int core = 0; firmware.coreExecutions(core) >= 0; core++)
            {
                counters.add(firmware.coreExecutions(core));
            }
            final List<List<Integer>> preempted = new ArrayList<>();
            for (final int[] entry : firmware.preempted())
            {
                preempted.add(List.of(entry[0], entry[1], entry[2]));
            }
            return new Snapshot(partitions, firmware.queryPartitionsEx(-1, 0), firmware.queryPool(-1, 0), pools,
                firmware.queryWorkloads(-1, 0), preempted, counters);
        }
        catch (final FirmwareException ex)
        {
            throw new AssertionError("snapshot refused: " + ex.getMessage(), ex);
        }
    }
}

package dev.shadowdev.devfs.client;

import dev.shadowdev.devfs.resource.Resources;

/**
 * One entry of a PART_QUERY response (ABI.md 1.3): a partition as the firmware reports it.
 *
 * @param id              the partition ID.
 * @param activeWorkloads workloads active in it now.
 * @param name            its name.
 * @param reserved        what it reserves from the global pool.
 * @param used            what its active workloads use of that.
 */
public record PartitionEntry(int id, int activeWorkloads, String name, Resources reserved, Resources used)
{
}

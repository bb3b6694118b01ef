package dev.shadowdev.devfs.daemon;

/**
 * One cgroup binding as the driver has it: a line of {@code <mount>/cgroups}, {@code <path> <name> <id>}
 * (ABI.md 7).
 *
 * @param path          the bound cgroup path.
 * @param partitionName the partition's name.
 * @param partitionId   the partition's ID.
 */
public record CgroupBinding(String path, String partitionName, int partitionId)
{
}

package dev.shadowdev.driver.api;

/**
 * One binding of a cgroup path to a partition (ABI.md 7): a process whose cgroup is {@code path} or below it, and
 * below no deeper bound path, reaches the partition through the shared cgroup node. One line of {@code <mount>/cgroups}.
 *
 * @param path          the bound cgroup path, absolute, as {@code /proc/<pid>/cgroup} prints it.
 * @param partitionName the partition's name.
 * @param partitionId   the partition's ID.
 */
public record CgroupBinding(String path, String partitionName, int partitionId)
{
    /** @return {@code <path> <partition name> <partition id>}, the listing's line without its newline. */
    public String line()
    {
        return path + " " + partitionName + " " + partitionId;
    }
}

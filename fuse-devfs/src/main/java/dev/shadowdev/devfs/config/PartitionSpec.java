package dev.shadowdev.devfs.config;

import dev.shadowdev.devfs.resource.Resources;

import java.util.List;

/**
 * One {@code [[partition]]} of the config: what to reserve, how its shadow node looks, and which cgroups reach it
 * through the shared node {@code accel/cgroup} (ABI.md 7).
 *
 * @param name       the partition's name: the firmware's {@code char name[32]}, the {@code by-name/} link and the
 *                   CDI device name; 1 to 31 bytes of {@code [A-Za-z0-9._-]}, starting with a letter or digit.
 * @param resources  what the partition reserves from the global pool.
 * @param node       the shadow node's mode and owner (unused when {@code shadowNode} is false).
 * @param shadowNode whether the partition gets a shadow node {@code accel/accel<minor>} (config {@code node},
 *                   default true); without one it uses no minor and is reached only through its cgroups.
 * @param cgroups    the cgroup paths bound to it, each valid by {@code CgroupPaths} and in no other partition.
 */
public record PartitionSpec(String name, Resources resources, NodeMode node, boolean shadowNode, List<String> cgroups)
{
    public PartitionSpec
    {
        cgroups = List.copyOf(cgroups);
    }

    /** A partition with a shadow node and no cgroups, as every config before cgroups had. */
    public PartitionSpec(final String name, final Resources resources, final NodeMode node)
    {
        this(name, resources, node, true, List.of());
    }
}

package dev.shadowdev.devfs.config;

import dev.shadowdev.devfs.resource.Resources;

import java.util.List;

/**
 * One {@code [[partition]]} of the config: what to reserve and how far it may grow (ABI.md 6), how its shadow node
 * looks, and which cgroups reach it through the shared node {@code accel/cgroup} (ABI.md 7).
 *
 * @param name       the partition's name: the firmware's {@code char name[32]}, the {@code by-name/} link and the
 *                   CDI device name; 1 to 31 bytes of {@code [A-Za-z0-9._-]}, starting with a letter or digit.
 * @param min        what the partition reserves (guaranteed): a resource given as a number reserves that number;
 *                   {@code { min = .., max = .. }} its {@code min}.
 * @param max        what it may use at most, borrowing beyond {@code min}; each at least its {@code min}.
 * @param lend       whether its idle reservation may be lent to other partitions (config {@code lend}, default
 *                   false).
 * @param node       the shadow node's mode and owner (unused when {@code shadowNode} is false).
 * @param shadowNode whether the partition gets a shadow node {@code accel/accel<minor>} (config {@code node},
 *                   default true); without one it uses no minor and is reached only through its cgroups.
 * @param cgroups    the cgroup paths bound to it, each valid by {@code CgroupPaths} and in no other partition.
 */
public record PartitionSpec(String name, Resources min, Resources max, boolean lend, NodeMode node, boolean shadowNode,
    List<String> cgroups)
{
    public PartitionSpec
    {
        cgroups = List.copyOf(cgroups);
    }

    /** A fixed partition ({@code min = max = resources}, not lending), as every config before elastic partitions. */
    public PartitionSpec(final String name, final Resources resources, final NodeMode node, final boolean shadowNode,
        final List<String> cgroups)
    {
        this(name, resources, resources, false, node, shadowNode, cgroups);
    }

    /** A fixed partition with a shadow node and no cgroups, as every config before cgroups had. */
    public PartitionSpec(final String name, final Resources resources, final NodeMode node)
    {
        this(name, resources, node, true, List.of());
    }

    /** @return what it reserves: {@link #min()} (a fixed partition reserves exactly what it may use). */
    public Resources resources()
    {
        return min;
    }

    /**
     * @return whether it needs the v1.1 PART_CREATE body: a {@code max} above its {@code min} or {@code lend}. A
     *     fixed partition is created with the v1 body, so a card without elastic partitions still takes it.
     */
    public boolean elastic()
    {
        return lend || !min.equals(max);
    }
}

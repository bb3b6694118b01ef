package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.resource.Resources;

import java.util.ArrayList;
import java.util.List;

/**
 * What the daemon remembers of one partition it made: enough to re-create the same node path and the same cgroup
 * bindings after a restart or a firmware reset.
 *
 * @param name        the partition's name.
 * @param partitionId the firmware's partition ID (changes when the partition is re-created).
 * @param minor       the shadow node's minor: {@code accel/accel<minor>}; kept across re-creation and restarts.
 *                    {@link #NO_MINOR} for a partition without a shadow node (config {@code node = false}).
 * @param node        the node's mode and owner as last set, or {@code null} while they have not been set yet (the
 *                    node exists but its chmod/chown has not succeeded): the next plan sets them. Always
 *                    {@code null} without a node.
 * @param min         what the partition reserves (ABI.md 6); a fixed partition's resources.
 * @param max         what it may use at most; {@code min} for a fixed partition.
 * @param lend        whether it lends its idle reservation.
 * @param cgroups     the cgroup paths bound to it (PART_BIND, ABI.md 7), by the config or by {@code shadowdev bind},
 *                    in the order they were bound.
 * @param drained     cordoned by {@code shadowdev drain} (PART_DRAIN, ABI.md 6.1) and not undone: a partition made
 *                    again (a restart of {@code up}, the rebuild after a reset) is cordoned again before it is used.
 */
public record PartitionRecord(String name, int partitionId, int minor, NodeMode node, Resources min, Resources max,
    boolean lend, List<String> cgroups, boolean drained)
{
    /** The minor of a partition that has no shadow node. Not {@link PartitionControl#ANY_MINOR}. */
    public static final int NO_MINOR = -2;

    public PartitionRecord
    {
        cgroups = List.copyOf(cgroups);
    }

    /** A partition not cordoned. */
    public PartitionRecord(final String name, final int partitionId, final int minor, final NodeMode node,
        final Resources min, final Resources max, final boolean lend, final List<String> cgroups)
    {
        this(name, partitionId, minor, node, min, max, lend, cgroups, false);
    }

    /** A fixed partition ({@code min = max = resources}, not lending). */
    public PartitionRecord(final String name, final int partitionId, final int minor, final NodeMode node,
        final Resources resources, final List<String> cgroups)
    {
        this(name, partitionId, minor, node, resources, resources, false, cgroups);
    }

    /** A fixed partition without bindings. */
    public PartitionRecord(final String name, final int partitionId, final int minor, final NodeMode node,
        final Resources resources)
    {
        this(name, partitionId, minor, node, resources, List.of());
    }

    /** @return what it reserves: {@link #min()}. */
    public Resources resources()
    {
        return min;
    }

    /** @return whether it is elastic: a {@code max} above its {@code min}, or lending. */
    public boolean elastic()
    {
        return lend || !min.equals(max);
    }

    /** @return whether the partition has a shadow node. */
    public boolean hasNode()
    {
        return minor != NO_MINOR;
    }

    /** @return this record with other sizes (after PART_RESIZE): the same ID, minor, node and bindings. */
    public PartitionRecord withSizes(final Resources newMin, final Resources newMax, final boolean newLend)
    {
        return new PartitionRecord(name, partitionId, minor, node, newMin, newMax, newLend, cgroups, drained);
    }

    /** @return this record with {@code path} bound too (unchanged when it is already). */
    public PartitionRecord withCgroup(final String path)
    {
        if (cgroups.contains(path))
        {
            return this;
        }
        final List<String> list = new ArrayList<>(cgroups);
        list.add(path);
        return new PartitionRecord(name, partitionId, minor, node, min, max, lend, list, drained);
    }

    /** @return this record without {@code path}. */
    public PartitionRecord withoutCgroup(final String path)
    {
        final List<String> list = new ArrayList<>(cgroups);
        list.remove(path);
        return new PartitionRecord(name, partitionId, minor, node, min, max, lend, list, drained);
    }

    /** @return this record cordoned or not ({@code shadowdev drain}, {@code --undo}). */
    public PartitionRecord withDrained(final boolean cordoned)
    {
        return new PartitionRecord(name, partitionId, minor, node, min, max, lend, cgroups, cordoned);
    }
}

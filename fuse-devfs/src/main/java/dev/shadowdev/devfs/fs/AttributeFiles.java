package dev.shadowdev.devfs.fs;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.driver.api.NodeAccess;
import dev.shadowdev.driver.api.NodeUsage;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.api.PartitionUsage;

import java.util.List;
import java.util.Set;

/**
 * The text of the sysfs-like attribute files under {@code class/accel/accel<minor>/}, one value per file, each
 * ending in a newline:
 * <pre>
 * dev        "261:3"
 * partition  "7" (-1 for the base node, "cgroup" for the shared cgroup node)
 * parent     "accel0" (the base node's own name for the base node)
 * resources  "cores=4 memory=8589934592 bus_replicators=8 semaphores=16 dma_channels=4" (the node's pool)
 * free       the same keys, what is free in that pool now
 * workloads  "2" (active workloads in the pool)
 * min        the partition's reservation (ABI.md 6.2), same keys
 * max        its limit
 * current    what its workloads hold now
 * borrowed   the part of current beyond its idle reservation
 * peak       the highest current since it was created
 * state      "active", "draining" or "drained"
 * events     one line per event, oldest first: "&lt;instant&gt; added|online|offline|removed|resize|drain|undrain|
 *            drained|preempted|limit ..."; a poll() on an open events file reports POLLIN|POLLPRI once a line
 *            was added after it was opened, and a read from offset 0 shows every line again and re-arms the poll
 * </pre>
 * The elastic files (min .. state) read "-" on the base node and the shared cgroup node, which are no partition.
 * Values that need the firmware (resources, free, workloads) read "unavailable" when it does not answer, and "-" for
 * the shared cgroup node, which has no pool of its own (each session reaches its caller's partition).
 */
final class AttributeFiles
{
    static final List<String> NAMES = List.of("dev", "partition", "parent", "resources", "free", "workloads", "min",
        "max", "current", "borrowed", "peak", "state", "events");
    private static final Set<String> NAME_SET = Set.copyOf(NAMES);

    private AttributeFiles()
    {
    }

    static boolean isAttribute(final String name)
    {
        return NAME_SET.contains(name);
    }

    static String render(final String attribute, final NodeTable.Entry entry, final NodeTable table,
        final NodeAccess access)
    {
        final NodeView view = entry.view;
        switch (attribute)
        {
            case "dev":
                return view.major() + ":" + view.minor() + "\n";
            case "partition":
                return (view.isCgroupNode() ? "cgroup" : Integer.toString(view.partitionId())) + "\n";
            case "parent":
                return DevfsPath.nodeName(view.parentMinor()) + "\n";
            case "resources":
            {
                if (view.isCgroupNode())
                {
                    return "-\n";
                }
                final NodeUsage usage = access.usage(view.minor());
                return usage == null ? "unavailable\n" : vector(usage.total()) + "\n";
            }
            case "free":
            {
                if (view.isCgroupNode())
                {
                    return "-\n";
                }
                final NodeUsage usage = access.usage(view.minor());
                return usage == null ? "unavailable\n" : vector(usage.free()) + "\n";
            }
            case "workloads":
            {
                if (view.isCgroupNode())
                {
                    return "-\n";
                }
                final NodeUsage usage = access.usage(view.minor());
                return usage == null ? "unavailable\n" : usage.activeWorkloads() + "\n";
            }
            case "min":
            case "max":
            case "current":
            case "borrowed":
            case "peak":
            case "state":
                return elastic(attribute, view, access);
            case "events":
            {
                final String lines = access.events(view.minor());
                return lines == null || lines.isEmpty() ? "" : lines + "\n";
            }
            default:
                throw new IllegalArgumentException("unknown attribute: name=" + attribute);
        }
    }

    private static String elastic(final String attribute, final NodeView view, final NodeAccess access)
    {
        if (view.partitionId() < 0)
        {
            return "-\n";
        }
        final PartitionUsage usage = access.partitionUsage(view.minor());
        if (usage == null)
        {
            return "unavailable\n";
        }
        switch (attribute)
        {
            case "min": return vector(usage.min()) + "\n";
            case "max": return vector(usage.max()) + "\n";
            case "current": return vector(usage.used()) + "\n";
            case "borrowed": return vector(usage.borrowed()) + "\n";
            case "peak": return vector(usage.peak()) + "\n";
            default: return usage.state() + "\n";
        }
    }

    /** @return {@code cores=.. memory=.. bus_replicators=.. semaphores=.. dma_channels=..}. */
    static String vector(final long[] values)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (i > 0)
            {
                sb.append(' ');
            }
            sb.append(Resource.of(i).key()).append('=').append(values[i]);
        }
        return sb.toString();
    }
}

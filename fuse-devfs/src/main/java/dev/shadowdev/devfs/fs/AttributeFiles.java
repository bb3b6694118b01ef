package dev.shadowdev.devfs.fs;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.driver.api.NodeAccess;
import dev.shadowdev.driver.api.NodeUsage;
import dev.shadowdev.driver.api.NodeView;

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
 * events     one line per event: "&lt;instant&gt; added|online|offline ..."
 * </pre>
 * Values that need the firmware (resources, free, workloads) read "unavailable" when it does not answer, and "-" for
 * the shared cgroup node, which has no pool of its own (each session reaches its caller's partition).
 */
final class AttributeFiles
{
    static final List<String> NAMES = List.of("dev", "partition", "parent", "resources", "free", "workloads", "events");
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
            case "events":
            {
                final StringBuilder sb = new StringBuilder();
                for (final String line : table.events(view.minor()))
                {
                    sb.append(line).append('\n');
                }
                return sb.toString();
            }
            default:
                throw new IllegalArgumentException("unknown attribute: name=" + attribute);
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

package dev.shadowdev.devfs.fs;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.driver.api.NodeAccess;
import dev.shadowdev.driver.api.NodeUsage;
import dev.shadowdev.driver.api.NodeView;

/**
 * The {@code metrics} file: Prometheus text exposition format 0.0.4, one sample per node and resource.
 */
final class MetricsText
{
    private MetricsText()
    {
    }

    static String render(final NodeTable table, final NodeAccess access)
    {
        final StringBuilder total = new StringBuilder(
            "# HELP shadowdev_pool_total Resources in the node's pool (the partition's reservation; the card for the base node).\n"
            + "# TYPE shadowdev_pool_total gauge\n");
        final StringBuilder free = new StringBuilder(
            "# HELP shadowdev_pool_free Resources free in the node's pool.\n# TYPE shadowdev_pool_free gauge\n");
        final StringBuilder workloads = new StringBuilder(
            "# HELP shadowdev_workloads_active Workloads active in the node's pool.\n"
            + "# TYPE shadowdev_workloads_active gauge\n");
        final StringBuilder online = new StringBuilder(
            "# HELP shadowdev_node_online 1 while the node serves requests.\n# TYPE shadowdev_node_online gauge\n");
        for (final NodeTable.Entry entry : table.all())
        {
            final NodeView view = entry.view;
            final String labels = "node=\"" + NodeTable.fileName(view) + "\",partition=\"" + view.partitionId()
                + "\",name=\"" + escape(view.name()) + "\"";
            online.append("shadowdev_node_online{").append(labels).append("} ").append(view.online() ? 1 : 0)
                .append('\n');
            final NodeUsage usage = view.isCgroupNode() ? null : access.usage(view.minor());
            if (usage == null)
            {
                continue;
            }
            for (int i = 0; i < Resource.COUNT; i++)
            {
                final String key = ",resource=\"" + Resource.of(i).key() + "\"} ";
                total.append("shadowdev_pool_total{").append(labels).append(key).append(usage.total()[i]).append('\n');
                free.append("shadowdev_pool_free{").append(labels).append(key).append(usage.free()[i]).append('\n');
            }
            workloads.append("shadowdev_workloads_active{").append(labels).append("} ").append(usage.activeWorkloads())
                .append('\n');
        }
        return total.append(free).append(workloads).append(online).toString();
    }

    private static String escape(final String value)
    {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

package dev.shadowdev.devfs.fs;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.driver.api.NodeAccess;
import dev.shadowdev.driver.api.NodeUsage;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.api.PartitionUsage;

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
        final String[] elasticNames = { "min", "max", "used", "borrowed", "peak" };
        final String[] elasticHelp = { "The partition's reservation (ABI.md 6).", "The partition's limit.",
            "What the partition's workloads hold now.", "The part of used beyond the partition's idle reservation.",
            "The highest used since the partition was created." };
        final StringBuilder[] elastic = new StringBuilder[elasticNames.length];
        for (int k = 0; k < elastic.length; k++)
        {
            elastic[k] = new StringBuilder("# HELP shadowdev_partition_" + elasticNames[k] + " " + elasticHelp[k] +
                "\n# TYPE shadowdev_partition_" + elasticNames[k] + " gauge\n");
        }
        final StringBuilder preemptions = new StringBuilder(
            "# HELP shadowdev_partition_preemptions_total Workloads of the partition the firmware preempted.\n" +
            "# TYPE shadowdev_partition_preemptions_total counter\n");
        final StringBuilder online = new StringBuilder(
            "# HELP shadowdev_node_online 1 while the node serves requests.\n# TYPE shadowdev_node_online gauge\n");
        for (final NodeTable.Entry entry : table.all())
        {
            final NodeView view = entry.view;
            final String labels = "node=\"" + NodeTable.fileName(view) + "\",partition=\"" + view.partitionId()
                + "\",name=\"" + escape(view.name()) + "\"";
            online.append("shadowdev_node_online{").append(labels).append("} ").append(view.online() ? 1 : 0)
                .append('\n');
            final PartitionUsage partition = view.partitionId() >= 0 ? access.partitionUsage(view.minor()) : null;
            if (partition != null)
            {
                final long[][] vectors = { partition.min(), partition.max(), partition.used(), partition.borrowed(),
                    partition.peak() };
                for (int k = 0; k < vectors.length; k++)
                {
                    for (int i = 0; i < Resource.COUNT; i++)
                    {
                        elastic[k].append("shadowdev_partition_").append(elasticNames[k]).append('{').append(labels)
                            .append(",resource=\"").append(Resource.of(i).key()).append("\"} ").append(vectors[k][i])
                            .append('\n');
                    }
                }
                preemptions.append("shadowdev_partition_preemptions_total{").append(labels).append("} ")
                    .append(partition.preemptions()).append('\n');
            }
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
        total.append(free).append(workloads).append(online);
        for (final StringBuilder family : elastic)
        {
            total.append(family);
        }
        return total.append(preemptions).toString();
    }

    private static String escape(final String value)
    {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.NodeInfo;
import dev.shadowdev.devfs.client.PartitionEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code shadowdev info NODE}: open a node and ask it what it is (SD_IOC_INFO, PART_QUERY). */
@Command(name = "info", description = "Show what a node is: partition, pool, free resources, workloads.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev info infer-a"})
final class InfoCommand implements Callable<Integer>
{
    @ParentCommand
    ShadowdevCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NODE",
        description = "A node path, accel<minor>, a minor, or a partition name (by-name/).")
    String node;

    @Option(names = "--mount", description = "The devfs mount point. Default /run/shadowdev.")
    Path mount = ShadowdevCli.DEFAULT_MOUNT;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final Path path = new DevfsTree(mount).resolve(node);
        try (NodeClient client = parent.opener().open(path))
        {
            final NodeInfo info = client.info();
            final List<PartitionEntry> partitions = client.partQuery();
            out.println("node:       " + path);
            out.println("name:       " + info.name());
            out.println("partition:  " + info.partitionId());
            out.println("dev:        " + info.major() + ":" + info.minor());
            out.println("flags:      " + Texts.flags(info.flags()));
            out.println("total:      " + info.total());
            out.println("free:       " + info.free());
            if (info.isBase())
            {
                out.println("partitions: " + partitions.size());
                for (final PartitionEntry p : partitions)
                {
                    out.println("  " + p.id() + " " + p.name() + ": active=" + p.activeWorkloads() + " reserved: " +
                        p.reserved() + " used: " + p.used());
                }
            }
            else
            {
                for (final PartitionEntry p : partitions)
                {
                    if (p.id() == info.partitionId())
                    {
                        out.println("workloads:  " + p.activeWorkloads());
                        out.println("used:       " + p.used());
                    }
                }
            }
            return 0;
        }
        catch (final NodeException ex)
        {
            spec.commandLine().getErr().println("info: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
    }
}

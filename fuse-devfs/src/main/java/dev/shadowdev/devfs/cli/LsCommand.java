package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.daemon.CgroupBinding;
import dev.shadowdev.devfs.daemon.CgroupListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code shadowdev ls}: the nodes of a mounted devfs and the cgroup bindings, from its files alone (no session is
 * opened). Each partition's bound cgroups are a {@code cgroups:} line under its row; a partition reached only through
 * cgroups (no shadow node) has a row of its own with minor {@code -} and node {@code (cgroup only)}; the shared node
 * {@code accel/cgroup} is a row named {@code (cgroup)}.
 */
@Command(name = "ls", description = "List the nodes of a mounted devfs, each partition's min, max, used and " +
    "borrowed resources and state, and the cgroups bound to each partition.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev ls -l",
        "",
        "min/max/used/borrowed and state come from PART_QUERY_EX through the base node (memory as 7GiB); without",
        "it (a card without elastic partitions, or no access to the base node) only the files are listed."})
final class LsCommand implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(LsCommand.class);

    @ParentCommand
    ShadowdevCli parent;

    /** A partition without a node of its own, in the NODE column. */
    static final String CGROUP_ONLY = "(cgroup only)";

    @Spec
    CommandSpec spec;

    @Option(names = "--mount", description = "The devfs mount point. Default /run/shadowdev.")
    Path mount = ShadowdevCli.DEFAULT_MOUNT;

    @Option(names = { "-l", "--long" }, description = "Also show the resources, free and workloads attributes " +
        "(memory in binary units: 7GiB).")
    boolean longFormat;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final List<DevfsTree.TreeNode> nodes;
        final List<CgroupBinding> bindings;
        try
        {
            nodes = new DevfsTree(mount).nodes();
            bindings = CgroupListing.read(mount);
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("ls: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
        print(nodes, bindings, elastic(), longFormat, out);
        return 0;
    }

    /**
     * @return the partitions by ID as PART_QUERY_EX reports them through the base node; empty when the base node
     *     cannot be opened or refuses it (a card without elastic partitions): the listing then shows the files only.
     */
    private Map<String, PartitionEntryEx> elastic()
    {
        final Map<String, PartitionEntryEx> byId = new LinkedHashMap<>();
        try (NodeClient base = parent.opener().open(new DevfsTree(mount).baseNode()))
        {
            for (final PartitionEntryEx e : base.partQueryEx())
            {
                byId.put(Integer.toString(e.id()), e);
            }
        }
        catch (final NodeException | IOException | RuntimeException ex)
        {
            LOG.debug("ls: no PART_QUERY_EX, listing the files only: {}", ex.getMessage());
        }
        return byId;
    }

    /** Print the node table without bindings. */
    static void print(final List<DevfsTree.TreeNode> nodes, final boolean longFormat, final PrintWriter out)
    {
        print(nodes, List.of(), longFormat, out);
    }

    /**
     * Print the node table: one line per node, with its attributes under it when {@code longFormat} and its cgroups
     * when it has some; then one line per partition that has bindings but no node.
     */
    static void print(final List<DevfsTree.TreeNode> nodes, final List<CgroupBinding> bindings,
        final boolean longFormat, final PrintWriter out)
    {
        print(nodes, bindings, Map.of(), longFormat, out);
    }

    /**
     * As {@link #print(List, List, boolean, PrintWriter)}, with each partition PART_QUERY_EX reported (by ID) shown
     * as {@code min:}, {@code max:}, {@code used:}, {@code borrowed:} lines (memory in binary units) and a
     * {@code state:} line (active, draining or drained; lend).
     */
    static void print(final List<DevfsTree.TreeNode> nodes, final List<CgroupBinding> bindings,
        final Map<String, PartitionEntryEx> elastic, final boolean longFormat, final PrintWriter out)
    {
        final Map<String, List<String>> pathsById = new LinkedHashMap<>();
        final Map<String, String> nameById = new LinkedHashMap<>();
        for (final CgroupBinding b : bindings)
        {
            final String id = Integer.toString(b.partitionId());
            pathsById.computeIfAbsent(id, (k) -> new ArrayList<>()).add(b.path());
            nameById.putIfAbsent(id, b.partitionName());
        }
        final Set<String> shown = new TreeSet<>();
        out.println(row("MINOR", "DEV", "PARTITION", "NAME", "NODE"));
        for (final DevfsTree.TreeNode n : nodes)
        {
            final String minor = n.minor() < 0 ? "-" : Integer.toString(n.minor());
            out.println(row(minor, orDash(n.dev()), orDash(n.partition()), name(n), n.path().toString()));
            final PartitionEntryEx e = n.partition() == null || n.isCgroupNode() ? null : elastic.get(n.partition());
            if (e != null)
            {
                out.println("         min:       " + e.min());
                out.println("         max:       " + e.max());
                out.println("         used:      " + e.used());
                out.println("         borrowed:  " + e.borrowed());
                out.println("         state:     " + e.stateName() + " lend=" + e.lends() + " workloads=" +
                    e.activeWorkloads());
            }
            if (longFormat && !n.isCgroupNode())
            {
                out.println("         resources: " + orDash(Texts.binaryUnits(orDash(n.resources()))));
                out.println("         free:      " + orDash(Texts.binaryUnits(orDash(n.free()))));
                out.println("         workloads: " + orDash(n.workloads()));
            }
            if (n.partition() != null && !n.isCgroupNode() && pathsById.containsKey(n.partition()))
            {
                out.println("         cgroups:   " + String.join(" ", pathsById.get(n.partition())));
                shown.add(n.partition());
            }
        }
        for (final Map.Entry<String, List<String>> e : pathsById.entrySet())
        {
            if (!shown.contains(e.getKey()))
            {
                out.println(row("-", "-", e.getKey(), nameById.get(e.getKey()), CGROUP_ONLY));
                final PartitionEntryEx x = elastic.get(e.getKey());
                if (x != null)
                {
                    out.println("         min:       " + x.min());
                    out.println("         max:       " + x.max());
                    out.println("         used:      " + x.used());
                    out.println("         borrowed:  " + x.borrowed());
                    out.println("         state:     " + x.stateName() + " lend=" + x.lends() + " workloads=" +
                        x.activeWorkloads());
                }
                out.println("         cgroups:   " + String.join(" ", e.getValue()));
            }
        }
    }

    private static String row(final String minor, final String dev, final String partition, final String name,
        final String node)
    {
        return String.format("%-8s %-11s %-9s %-32s %s", minor, dev, partition, name, node);
    }

    private static String name(final DevfsTree.TreeNode n)
    {
        if (n.name() != null)
        {
            return n.name();
        }
        if (n.isCgroupNode())
        {
            return "(cgroup)";
        }
        return isBase(n) ? "(base)" : "-";
    }

    private static boolean isBase(final DevfsTree.TreeNode n)
    {
        return "-1".equals(n.partition()) || (n.partition() == null && n.minor() == 0);
    }

    private static String orDash(final String s)
    {
        return s == null || s.isEmpty() ? "-" : s;
    }
}

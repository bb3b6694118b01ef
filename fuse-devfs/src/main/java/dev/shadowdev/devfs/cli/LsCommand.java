package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.daemon.CgroupBinding;
import dev.shadowdev.devfs.daemon.CgroupListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
@Command(name = "ls", description = "List the nodes of a mounted devfs and the cgroups bound to each partition.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev ls -l"})
final class LsCommand implements Callable<Integer>
{
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
        print(nodes, bindings, longFormat, out);
        return 0;
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
                out.println("         cgroups:   " + String.join(" ", e.getValue()));
            }
        }
    }

    private static String row(final String minor, final String dev, final String partition, final String name,
        final String node)
    {
        return String.format("%-8s %-10s %-9s %-32s %s", minor, dev, partition, name, node);
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

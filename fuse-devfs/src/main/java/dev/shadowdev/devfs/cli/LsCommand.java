package dev.shadowdev.devfs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code shadowdev ls}: the nodes of a mounted devfs, from its files alone (no session is opened). */
@Command(name = "ls", description = "List the nodes of a mounted devfs.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev ls -l"})
final class LsCommand implements Callable<Integer>
{
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
        try
        {
            nodes = new DevfsTree(mount).nodes();
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("ls: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
        print(nodes, longFormat, out);
        return 0;
    }

    /** Print the node table: one line per node, with its attributes under it when {@code longFormat}. */
    static void print(final List<DevfsTree.TreeNode> nodes, final boolean longFormat, final PrintWriter out)
    {
        out.println(String.format("%-8s %-10s %-9s %-32s %s", "MINOR", "DEV", "PARTITION", "NAME", "NODE"));
        for (final DevfsTree.TreeNode n : nodes)
        {
            out.println(String.format("%-8d %-10s %-9s %-32s %s", n.minor(), orDash(n.dev()), orDash(n.partition()),
                n.name() != null ? n.name() : isBase(n) ? "(base)" : "-", n.path()));
            if (longFormat)
            {
                out.println("         resources: " + orDash(Texts.binaryUnits(orDash(n.resources()))));
                out.println("         free:      " + orDash(Texts.binaryUnits(orDash(n.free()))));
                out.println("         workloads: " + orDash(n.workloads()));
            }
        }
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

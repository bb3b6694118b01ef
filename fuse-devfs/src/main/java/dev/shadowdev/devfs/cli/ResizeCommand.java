package dev.shadowdev.devfs.cli;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.client.ResizeResult;
import dev.shadowdev.devfs.daemon.DaemonState;
import dev.shadowdev.devfs.daemon.Resizes;
import dev.shadowdev.devfs.daemon.StateStore;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.wire.PartResizeFlyweight;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code shadowdev resize NAME [--cores 2..6] ... [--lend|--no-lend] [--force]}: change a live partition in place
 * through the base node (PART_RESIZE, ABI.md 6.1): its node, minor, sessions and running workloads stay. A resource
 * not given keeps its current {@code min..max} (PART_QUERY_EX). The daemon's state records the new sizes, as
 * {@code bind} records a binding; the next {@code apply} makes them the config's again.
 */
@Command(name = "resize", description = "Resize a partition in place: reservation (min) and limit (max) per " +
    "resource; its node, sessions and running workloads stay.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev resize batch --cores 2..12 --memory 4GiB..24GiB",
        "  shadowdev resize infer-a --cores 2 --lend        # a single number N means N..N",
        "  shadowdev resize batch --cores 2..4 --force      # preempts its newest workloads until used <= max",
        "",
        "Lowering a max below what the partition uses is refused (EBUSY) unless --force; growing a min may",
        "preempt workloads of other partitions that borrow it. Prints: resize: NAME cores=2..6 ... preempted=K"})
final class ResizeCommand implements Callable<Integer>
{
    @ParentCommand
    ShadowdevCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The partition's name.")
    String name;

    @Option(names = "--cores", paramLabel = "N..M", description = "Cores: min..max, or N for N..N.")
    String cores;

    @Option(names = "--memory", paramLabel = "SIZE..SIZE", description = "Memory: 2GiB..8GiB, or one size.")
    String memory;

    @Option(names = "--bus-replicators", paramLabel = "N..M", description = "Bus replicators: min..max, or N.")
    String busReplicators;

    @Option(names = "--semaphores", paramLabel = "N..M", description = "Semaphores: min..max, or N.")
    String semaphores;

    @Option(names = "--dma-channels", paramLabel = "N..M", description = "DMA channels: min..max, or N.")
    String dmaChannels;

    @ArgGroup(exclusive = true)
    Lending lending;

    /** {@code --lend} or {@code --no-lend}, not both. */
    static final class Lending
    {
        @Option(names = "--lend", required = true, description = "Lend its idle reservation to borrowers.")
        boolean lend;

        @Option(names = "--no-lend", required = true, description = "Stop lending it.")
        boolean noLend;
    }

    @Option(names = "--force", description = "Preempt the partition's newest workloads until it uses no more than " +
        "the new max.")
    boolean force;

    @Option(names = "--mount", description = "The devfs mount point. Default /run/shadowdev.")
    Path mount = ShadowdevCli.DEFAULT_MOUNT;

    @Option(names = "--state", description = "The daemon state file. Default /var/lib/shadowdev/state.json.")
    Path state = ShadowdevCli.DEFAULT_STATE;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final String[] given = { cores, memory, busReplicators, semaphores, dmaChannels };
        final long[][] ranges = new long[Resource.COUNT][];
        try
        {
            for (final Resource r : Resource.values())
            {
                ranges[r.ordinal()] = given[r.ordinal()] == null ? null : RangeArgs.range(r, given[r.ordinal()]);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("resize: " + ex.getMessage());
            return ShadowdevCli.EXIT_USAGE;
        }
        final StateStore store = new StateStore(state);
        final DaemonState saved = BaseNode.saved(store, "resize", err);
        if (saved == null)
        {
            return ShadowdevCli.EXIT_FAILED;
        }
        final PartitionEntryEx entry;
        final Resources min;
        final Resources max;
        final boolean lend;
        final ResizeResult result;
        try (NodeClient base = BaseNode.open(parent.opener(), mount))
        {
            entry = BaseNode.partition(base.partQueryEx(), PartitionEntryEx::name, name);
            final long[] lo = entry.min().toArray();
            final long[] hi = entry.max().toArray();
            for (int i = 0; i < Resource.COUNT; i++)
            {
                if (ranges[i] != null)
                {
                    lo[i] = ranges[i][0];
                    hi[i] = ranges[i][1];
                }
            }
            min = Resources.of(lo);
            max = Resources.of(hi);
            lend = lending == null ? entry.lends() : lending.lend;
            final int flags = (force ? PartResizeFlyweight.FLAG_FORCE : 0) | (lending == null ? 0 :
                lending.lend ? PartResizeFlyweight.FLAG_SET_LEND : PartResizeFlyweight.FLAG_CLEAR_LEND);
            result = base.partResize(entry.id(), flags, min, max);
        }
        catch (final BaseNode.Refused ex)
        {
            err.println("resize: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
        catch (final NodeException ex)
        {
            err.println("resize: " + ex.getMessage() + explain(ex) + ": name=" + name);
            return ShadowdevCli.EXIT_FAILED;
        }
        out.println("resize: " + name + " " + Resizes.ranges(min, max) + " lend=" + lend + " preempted=" +
            result.preempted() + " (id=" + entry.id() + ")");
        return BaseNode.record(store, saved, name, entry.id(), (r) -> r.withSizes(min, max, lend), "resize", err);
    }

    private String explain(final NodeException ex)
    {
        if (ex.status() == dev.shadowdev.abi.Errno.EBUSY.status())
        {
            return " (it uses more than the new max; --force preempts its newest workloads)";
        }
        if (ex.status() == dev.shadowdev.abi.Errno.ENOSPC.status())
        {
            return " (the reservations of all partitions would pass the card)";
        }
        return "";
    }
}

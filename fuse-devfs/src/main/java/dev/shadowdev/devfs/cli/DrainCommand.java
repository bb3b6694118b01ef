package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.daemon.DaemonState;
import dev.shadowdev.devfs.daemon.StateStore;
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
 * {@code shadowdev drain NAME --grace 30s} / {@code --undo}: cordon a partition through the base node (PART_DRAIN,
 * ABI.md 6.1): new activations on it fail with ESHUTDOWN, running workloads go on until the grace period has
 * passed, then they are preempted. {@code --undo} lifts the cordon. The daemon's state records the cordon, so a
 * partition made again (a restart of {@code up}, the rebuild after a firmware reset) is cordoned again.
 */
@Command(name = "drain", description = "Cordon a partition: no new workloads; after the grace period its running " +
    "workloads are preempted. --undo lifts it.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev drain batch --grace 30s     # durations: 500ms, 30s, 5m, 0s (at once), never",
        "  shadowdev drain batch --undo",
        "",
        "Prints the workloads active when the drain began: drain: batch active=2 grace=30s.",
        "A drained partition can then be resized or destroyed without --force.",
        "The state file records the cordon: a restart of up or a rebuild after a reset cordons it again."})
final class DrainCommand implements Callable<Integer>
{
    @ParentCommand
    ShadowdevCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The partition's name.")
    String name;

    @Option(names = "--grace", paramLabel = "DURATION", description = "How long running workloads may go on: " +
        "500ms, 30s, 5m, 0s, never. Default never.")
    String grace = "never";

    @Option(names = "--undo", description = "Lift the cordon.")
    boolean undo;

    @Option(names = "--mount", description = "The devfs mount point. Default /run/shadowdev.")
    Path mount = ShadowdevCli.DEFAULT_MOUNT;

    @Option(names = "--state", description = "The daemon state file, which keeps the cordon across restarts and " +
        "resets. Default /var/lib/shadowdev/state.json.")
    Path state = ShadowdevCli.DEFAULT_STATE;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final String verb = undo ? "undrain" : "drain";
        final long graceMs;
        try
        {
            graceMs = RangeArgs.duration(grace);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("drain: " + ex.getMessage());
            return ShadowdevCli.EXIT_USAGE;
        }
        final StateStore store = new StateStore(state);
        final DaemonState saved = BaseNode.saved(store, verb, err);
        if (saved == null)
        {
            return ShadowdevCli.EXIT_FAILED;
        }
        final int partitionId;
        try (NodeClient base = BaseNode.open(parent.opener(), mount))
        {
            final PartitionEntryEx entry = BaseNode.partition(base.partQueryEx(), PartitionEntryEx::name, name);
            partitionId = entry.id();
            final int active = base.partDrain(partitionId, undo, (int)graceMs);
            out.println(verb + ": " + name + " active=" + active +
                (undo ? "" : " grace=" + RangeArgs.durationText(graceMs)) + " (id=" + partitionId + ")");
        }
        catch (final BaseNode.Refused ex)
        {
            err.println(verb + ": " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
        catch (final NodeException ex)
        {
            err.println(verb + ": " + ex.getMessage() + ": name=" + name);
            return ShadowdevCli.EXIT_FAILED;
        }
        // The cordon outlives the card: a restart of up or the rebuild after a reset cordons the partition again.
        return BaseNode.record(store, saved, name, partitionId, (r) -> r.withDrained(!undo), verb, err);
    }
}

package dev.shadowdev.devfs.cli;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.daemon.CgroupBinding;
import dev.shadowdev.devfs.daemon.CgroupListing;
import dev.shadowdev.devfs.daemon.DaemonState;
import dev.shadowdev.devfs.daemon.StateStore;
import dev.shadowdev.driver.cgroup.CgroupPathException;
import dev.shadowdev.driver.cgroup.CgroupPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code shadowdev bind NAME /cgroup/path [--unbind]}: bind a cgroup path to a partition through the base node
 * (PART_BIND, ABI.md 7), so that a process in that cgroup, or below it, reaches the partition by opening the shared
 * node {@code accel/cgroup}; or remove the binding. The daemon's state records it, so the rebuild after a firmware
 * reset (and the next {@code up}) binds it again; the next {@code apply} makes the bindings the config's.
 */
@Command(name = "bind", description = "Bind a cgroup path to a partition (reached through accel/cgroup), " +
    "or --unbind it.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev bind tenant-a /shadowdev.slice/tenant-a",
        "  shadowdev bind tenant-a /shadowdev.slice/tenant-a --unbind",
        "",
        "The state file records the binding, so a rebuild after a firmware reset restores it; the next",
        "'shadowdev apply' makes the bindings exactly the config's (cgroups = [...])."})
final class BindCommand implements Callable<Integer>
{
    @ParentCommand
    ShadowdevCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The partition's name.")
    String name;

    @Parameters(index = "1", paramLabel = "PATH", description = "The cgroup path, absolute, as /proc/<pid>/cgroup " +
        "prints it: /machine.slice/tenant-a.")
    String path;

    @Option(names = "--unbind", description = "Remove the binding instead.")
    boolean unbind;

    @Option(names = "--mount", description = "The devfs mount point. Default /run/shadowdev.")
    Path mount = ShadowdevCli.DEFAULT_MOUNT;

    @Option(names = "--state", description = "The daemon state file. Default /var/lib/shadowdev/state.json.")
    Path state = ShadowdevCli.DEFAULT_STATE;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final String verb = unbind ? "unbind" : "bind";
        try
        {
            CgroupPaths.check(path);
        }
        catch (final CgroupPathException ex)
        {
            err.println(verb + ": " + ex.getMessage());
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
            partitionId = BaseNode.partition(base.partQuery(), PartitionEntry::name, name).id();
            base.partBind(partitionId, path, unbind);
        }
        catch (final BaseNode.Refused ex)
        {
            err.println(verb + ": " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
        catch (final NodeException ex)
        {
            err.println(verb + ": " + ex.getMessage() + explain(ex) + ": name=" + name + " path=" + path);
            return ShadowdevCli.EXIT_FAILED;
        }
        out.println(verb + ": " + name + " " + path + " (id=" + partitionId + ")");
        return BaseNode.record(store, saved, name, partitionId,
            (r) -> unbind ? r.withoutCgroup(path) : r.withCgroup(path), verb, err);
    }

    /** @return what an errno of PART_BIND means here, with the partition holding the path when it is another. */
    private String explain(final NodeException ex)
    {
        if (ex.status() == Errno.EEXIST.status())
        {
            String owner = "?";
            try
            {
                for (final CgroupBinding b : CgroupListing.read(mount))
                {
                    if (b.path().equals(path))
                    {
                        owner = b.partitionName();
                    }
                }
            }
            catch (final IOException ignored)
            {
                // the owner is only a hint
            }
            return " (the path is bound to another partition: owner=" + owner + "; unbind it there first)";
        }
        if (ex.status() == Errno.ENOENT.status())
        {
            return unbind ? " (the path is not bound to this partition)" : " (the partition is gone)";
        }
        return "";
    }
}

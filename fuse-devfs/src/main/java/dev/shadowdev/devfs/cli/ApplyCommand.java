package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.config.ConfigException;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.daemon.MountNodeAttributes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code shadowdev apply --config FILE}: reconcile a running devfs to a config through its base node, as the
 * separate privileged daemon of the design: print the plan, then act, stopping at the first failure.
 */
@Command(name = "apply", description = "Reconcile the partitions of a running devfs to a config.",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev apply --config examples/partitions.toml",
        "  shadowdev apply --config examples/cgroups.toml --dry-run   # partitions reached through cgroups",
        "",
        "Bindings (cgroups = [...]) are reconciled too: a binding not in the config is unbound, also one made by",
        "'shadowdev bind'."})
final class ApplyCommand implements Callable<Integer>
{
    @ParentCommand
    ShadowdevCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The partition config (TOML).")
    Path config;

    @Option(names = "--mount", description = "The devfs mount point. Default /run/shadowdev.")
    Path mount = ShadowdevCli.DEFAULT_MOUNT;

    @Option(names = "--state", description = "The daemon state file. Default /var/lib/shadowdev/state.json.")
    Path state = ShadowdevCli.DEFAULT_STATE;

    @Option(names = "--force", description = "Destroy or recreate partitions even with active workloads.")
    boolean force;

    @Option(names = { "-n", "--dry-run" }, description = "Print the plan and change nothing.")
    boolean dryRun;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final DevfsConfig wanted;
        try
        {
            wanted = ConfigLoader.load(config);
        }
        catch (final ConfigException ex)
        {
            err.println(ex.getMessage());
            return ShadowdevCli.EXIT_USAGE;
        }
        try (NodeClient base = BaseNode.open(parent.opener(), mount))
        {
            return Reconcile.run(base, mount, new MountNodeAttributes(mount), state, wanted,
                new Reconcile.Options(force, dryRun, false), out, err);
        }
        catch (final BaseNode.Refused | NodeException ex)
        {
            err.println("apply: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
    }
}

package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.up.DevfsMounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code shadowdev}: the command line of the devfs. Exit status 0 on success, 1 when an operation failed (a node
 * error, a failed or refused apply), 2 for bad usage or a bad config (nothing was changed).
 */
@Command(
    name = "shadowdev",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    version = "shadowdev 0.1.0",
    description = "Partition an accelerator and hand each partition to a container as its own device node.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  shadowdev up                # mount /run/shadowdev, built-in config",
        "  shadowdev ls -l             # nodes, resources, free share",
        "  shadowdev run infer-a --image demo.img --input input",
        "  shadowdev bind tenant-a /shadowdev.slice/tenant-a   # reached through accel/cgroup",
        "  shadowdev resize batch --cores 2..12   # in place: node, sessions and workloads stay",
        "  shadowdev drain batch --grace 30s",
        "  shadowdev up --help         # any command: its options and an example"},
    subcommands = {
        UpCommand.class, ApplyCommand.class, LsCommand.class, InfoCommand.class, RunCommand.class,
        ImageCommand.class, CdiCommand.class, BindCommand.class, ResizeCommand.class, DrainCommand.class })
public final class ShadowdevCli
{
    /** Exit status: an operation failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit status: bad usage or config; nothing changed. */
    public static final int EXIT_USAGE = 2;

    /** Where {@code up} mounts and the other commands look. */
    public static final Path DEFAULT_MOUNT = Path.of("/run/shadowdev");
    /** Where the partition daemon keeps its state. */
    public static final Path DEFAULT_STATE = Path.of("/var/lib/shadowdev/state.json");

    /** The option that logs at DEBUG; read from the arguments before anything logs (see {@link #verbose}). */
    public static final String VERBOSE = "--verbose";

    @Option(names = VERBOSE, scope = ScopeType.INHERIT, description = "Log at DEBUG: every request, chmod and " +
        "chown the devfs sees, and what the firmware and driver do (default: INFO, per-request lines left out).")
    boolean verboseOption;

    private final NodeOpener opener;
    private final DevfsMounter mounter;

    /**
     * The real CLI is built by {@code dev.shadowdev.devfs.wiring.ShadowdevMain}, the jar's entry point.
     *
     * @param opener  how nodes are opened.
     * @param mounter what {@code up} mounts, or {@code null} when this CLI has none ({@code up} then says so).
     */
    public ShadowdevCli(final NodeOpener opener, final DevfsMounter mounter)
    {
        this.opener = opener;
        this.mounter = mounter;
    }

    NodeOpener opener()
    {
        return opener;
    }

    Optional<DevfsMounter> mounter()
    {
        return Optional.ofNullable(mounter);
    }

    /**
     * @return whether {@code args} ask for {@value #VERBOSE}. The entry point asks before it parses, since the log
     * level must be set before the first logger is made.
     */
    public static boolean verbose(final String[] args)
    {
        for (final String arg : args)
        {
            if ("--".equals(arg))
            {
                return false;
            }
            if (VERBOSE.equals(arg))
            {
                return true;
            }
        }
        return false;
    }

    /** @return a picocli command line for this CLI, exit codes mapped as documented. */
    public CommandLine commandLine()
    {
        return new CommandLine(this).setExecutionExceptionHandler((ex, cmd, parsed) ->
        {
            cmd.getErr().println(cmd.getCommandName() + ": " + ex);
            return EXIT_FAILED;
        });
    }
}

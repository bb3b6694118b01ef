package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.cdi.CdiSpecWriter;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.config.ConfigException;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.daemon.CgroupListing;
import dev.shadowdev.devfs.daemon.StateLock;
import dev.shadowdev.devfs.up.DevfsMount;
import dev.shadowdev.devfs.up.DevfsMounter;
import dev.shadowdev.devfs.up.UpOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code shadowdev up}: start the embedded firmware and driver, mount the devfs, create the configured partitions
 * through the base node, and stay in the foreground until interrupted (then unmount cleanly). The mounting itself is
 * the filesystem's {@link DevfsMounter}; see there for the contract.
 */
@Command(name = "up", description = "Run the emulated card with its devfs in the foreground (Ctrl-C stops it).",
    footerHeading = "%nExample:%n", footer = {
        "  shadowdev up",
        "  shadowdev up --config my.toml --mount /tmp/sd --verbose"})
final class UpCommand implements Callable<Integer>
{
    @ParentCommand
    ShadowdevCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "The partition config (TOML). Default: the built-in example, " +
        "four partitions of the aic100 card.")
    Path config;

    @Option(names = "--mount", description = "Where to mount. Default /run/shadowdev.")
    Path mount = ShadowdevCli.DEFAULT_MOUNT;

    @Option(names = "--trace", description = "Record every message on the transport to this pcap file.")
    Path trace;

    @Option(names = "--state", description = "The daemon state file. Default /var/lib/shadowdev/state.json.")
    Path state = ShadowdevCli.DEFAULT_STATE;

    @Option(names = "--cdi", description = "Also write a CDI spec for the shadow nodes here (e.g. " +
        "/etc/cdi/shadowdev.json).")
    Path cdi;

    @Option(names = "--opens-per-second", description = "Sessions that may be opened per second on one shadow node " +
        "or cgroup-bound partition before open() says EAGAIN (default 1000; a bound on what one tenant's churn " +
        "costs the others).")
    int opensPerSecond;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final DevfsConfig wanted;
        try
        {
            wanted = config != null ? ConfigLoader.load(config) : ConfigLoader.loadDefault();
        }
        catch (final ConfigException ex)
        {
            err.println(ex.getMessage());
            return ShadowdevCli.EXIT_USAGE;
        }
        if (opensPerSecond < 0)
        {
            err.println("up: bad --opens-per-second: opens_per_second=" + opensPerSecond + " min=1");
            return ShadowdevCli.EXIT_USAGE;
        }
        final Optional<DevfsMounter> mounter = parent.mounter();
        if (mounter.isEmpty())
        {
            err.println("up: the filesystem is not available in this CLI: no " + DevfsMounter.class.getSimpleName() +
                " was wired (run shadowdev.jar, whose entry point wires one)");
            return ShadowdevCli.EXIT_USAGE;
        }
        final StateLock claim;
        try
        {
            claim = StateLock.acquire(state);
        }
        catch (final IOException ex)
        {
            err.println("up: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
        try (claim)
        {
            return serve(mounter.get(), wanted, out, err);
        }
    }

    /** Mount, reconcile, and serve until unmounted, holding the state file's claim. */
    private int serve(final DevfsMounter mounter, final DevfsConfig wanted, final PrintWriter out,
        final PrintWriter err) throws Exception
    {
        final DevfsMount devfs = mounter.mount(new UpOptions(wanted, mount, trace, opensPerSecond));
        final Thread hook = new Thread(devfs::close, "shadowdev-unmount");
        RebuildOnReset rebuild = null;
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            final int status;
            try (NodeClient base = new NodeClient(devfs.openBase()))
            {
                status = Reconcile.run(base, devfs.mountPoint(), devfs.nodeAttributes(), state, wanted,
                    new Reconcile.Options(false, false, true), out, err);
            }
            if (status != 0)
            {
                return status;
            }
            rebuild = new RebuildOnReset(devfs::openBase, devfs.mountPoint(), devfs.nodeAttributes(), state, wanted,
                out);
            devfs.nodes().addResetListener(rebuild);
            out.println();
            LsCommand.print(new DevfsTree(devfs.mountPoint()).nodes(), CgroupListing.read(devfs.mountPoint()), false,
                out);
            if (cdi != null)
            {
                CdiSpecWriter.write(cdi, CdiSpecWriter.DEFAULT_KIND, new DevfsTree(devfs.mountPoint()).cdiDevices());
                out.println("up: wrote " + cdi);
            }
            out.println("up: mounted at " + devfs.mountPoint() + "; Ctrl-C to stop");
            out.flush();
            devfs.awaitUnmount();
            return 0;
        }
        finally
        {
            if (rebuild != null)
            {
                devfs.nodes().removeResetListener(rebuild);
                rebuild.close();
            }
            devfs.close();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ignored)
            {
                // shutting down already: the hook runs or ran
            }
        }
    }
}

package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.daemon.ApplyReport;
import dev.shadowdev.devfs.daemon.DamagedStateException;
import dev.shadowdev.devfs.daemon.NodeAttributes;
import dev.shadowdev.devfs.daemon.NodePartitionControl;
import dev.shadowdev.devfs.daemon.PartitionDaemon;
import dev.shadowdev.devfs.daemon.Plan;
import dev.shadowdev.devfs.daemon.StateStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Plan, print, act, report: the part {@code up} and {@code apply} share. */
final class Reconcile
{
    private Reconcile()
    {
    }

    /**
     * @param force        destroy or recreate busy partitions.
     * @param dryRun       print the plan only.
     * @param restoreSaved also restore the bindings the state records beyond the config's ({@code shadowdev bind}):
     *                     {@code up} and the rebuild after a reset; {@code apply} makes them exactly the config's.
     */
    record Options(boolean force, boolean dryRun, boolean restoreSaved)
    {
    }

    /**
     * @param base       a client on the base node.
     * @param mount      the devfs mount point (its {@code cgroups} listing holds the bindings), or {@code null}.
     * @param attributes how node modes are set.
     * @param state      the daemon's state file.
     * @param config     the wanted partitions.
     * @param options    force, dry run, restore saved bindings.
     * @return the exit status.
     */
    static int run(
        final NodeClient base,
        final Path mount,
        final NodeAttributes attributes,
        final Path state,
        final DevfsConfig config,
        final Options options,
        final PrintWriter out,
        final PrintWriter err)
    {
        final boolean force = options.force();
        final boolean dryRun = options.dryRun();
        final PartitionDaemon daemon = new PartitionDaemon(new NodePartitionControl(base, mount),
            dryRun ? NodeAttributes.NONE : attributes, new StateStore(state));
        try
        {
            final Plan plan = daemon.plan(config, force, options.restoreSaved());
            out.print(plan.render());
            if (!plan.executable())
            {
                err.println("apply: refused, nothing changed");
                return ShadowdevCli.EXIT_FAILED;
            }
            if (dryRun || plan.isEmpty())
            {
                out.println(dryRun ? "apply: dry run, nothing changed" : "apply: nothing to do");
                out.flush();
                return 0;
            }
            final ApplyReport report = daemon.execute(plan, force);
            (report.ok() ? out : err).print(report.render());
            return report.ok() ? 0 : ShadowdevCli.EXIT_FAILED;
        }
        catch (final NodeException ex)
        {
            err.println("apply: cannot ask the base node: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
        catch (final DamagedStateException ex)
        {
            err.println("apply: " + ex.getMessage());
            if (options.restoreSaved())
            {
                // The card is fresh here (up, or the rebuild after a reset): the config alone rebuilds it.
                err.println("apply: the state file is damaged; to start from the config alone, move it aside: " +
                    "mv " + ex.file() + " " + ex.file() + ".bad");
            }
            return ShadowdevCli.EXIT_FAILED;
        }
        catch (final IOException ex)
        {
            err.println("apply: " + ex.getMessage());
            return ShadowdevCli.EXIT_FAILED;
        }
        finally
        {
            out.flush();
            err.flush();
        }
    }
}

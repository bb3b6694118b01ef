package dev.shadowdev.devfs.cli;

import dev.shadowdev.devfs.client.NodeChannel;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.daemon.NodeAttributes;
import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.driver.api.ResetListener;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's answer to a firmware reset: a reset loses every partition, so once the driver has probed the
 * firmware again, apply the config once more from the saved state. The state keeps each partition's minor, so
 * the partitions come back behind the same node paths (SD_IOC_PART_DEV with the saved minor), and with the cgroup
 * bindings the state records (the config's and those made by {@code shadowdev bind}): a reset drops every binding.
 * Runs on its own thread: reset listeners must not call back into the driver.
 */
public final class RebuildOnReset implements ResetListener, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RebuildOnReset.class);

    private final Supplier<NodeChannel> base;
    private final Path mount;
    private final NodeAttributes attributes;
    private final Path state;
    private final DevfsConfig config;
    private final PrintWriter out;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r ->
    {
        final Thread t = new Thread(r, "shadowdev-rebuild");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong rebuilds = new AtomicLong();
    private volatile int lastStatus;

    /**
     * @param base       opens a new session on the base node (it is a new generation after the reset).
     * @param attributes how node modes are set.
     * @param state      the daemon's state file.
     * @param config     the wanted partitions.
     * @param out        where the plan and the result are printed.
     */
    public RebuildOnReset(final Supplier<NodeChannel> base, final NodeAttributes attributes, final Path state,
        final DevfsConfig config, final PrintWriter out)
    {
        this(base, null, attributes, state, config, out);
    }

    /**
     * @param base       opens a new session on the base node (it is a new generation after the reset).
     * @param mount      the devfs mount point, whose {@code cgroups} listing the plan compares with, or {@code null}
     *                   (then every wanted binding is sent again; right after a reset there are none).
     * @param attributes how node modes are set.
     * @param state      the daemon's state file.
     * @param config     the wanted partitions.
     * @param out        where the plan and the result are printed.
     */
    public RebuildOnReset(final Supplier<NodeChannel> base, final Path mount, final NodeAttributes attributes,
        final Path state, final DevfsConfig config, final PrintWriter out)
    {
        this.base = base;
        this.mount = mount;
        this.attributes = attributes;
        this.state = state;
        this.config = config;
        this.out = out;
    }

    @Override
    public void onFirmwareLost(final String reason)
    {
        LOG.warn("firmware lost, waiting for the driver to reset it: reason={}", reason);
    }

    @Override
    public void onReset(final ProbeResult result, final long resets)
    {
        if (!result.ok())
        {
            LOG.error("firmware reset failed, partitions not rebuilt: status={} error={} resets={}", result.status(),
                result.reason(), resets);
            return;
        }
        executor.execute(this::rebuild);
    }

    private void rebuild()
    {
        LOG.info("firmware reset: rebuilding partitions from state={}", state);
        try (NodeClient client = new NodeClient(base.get()))
        {
            lastStatus = Reconcile.run(client, mount, attributes, state, config,
                new Reconcile.Options(false, false, true), out, out);
        }
        catch (final RuntimeException ex)
        {
            lastStatus = ShadowdevCli.EXIT_FAILED;
            LOG.error("rebuild after reset failed: error={}", ex.toString());
        }
        out.flush();
        rebuilds.incrementAndGet();
        LOG.info("rebuild after reset done: status={}", lastStatus);
    }

    /** @return rebuilds finished so far (successful or not). */
    public long rebuilds()
    {
        return rebuilds.get();
    }

    /** @return the exit status of the last rebuild (0 = every partition is back). */
    public int lastStatus()
    {
        return lastStatus;
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
        try
        {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

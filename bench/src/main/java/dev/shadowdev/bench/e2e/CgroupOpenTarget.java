package dev.shadowdev.bench.e2e;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup-open scenario's server (issue 14, ABI.md 7): a second {@code shadowdev.jar up}, with the same partitions
 * as {@link ShadowdevTarget} but {@code --opens-per-second 1000000} so that the per-node open rate limit (1000/s by
 * default, which the isolation scenario of the main server relies on) does not cap the figure, and partition
 * bench-0 bound with PART_BIND to {@link ClientCgroup#boundPath()}. Its two nodes are the shared node
 * {@code accel/cgroup} and bench-0's shadow node; the client runs in {@link ClientCgroup#clientPath()} for both.
 */
final class CgroupOpenTarget implements Target
{
    /** The arm on the shared node {@code accel/cgroup}. */
    static final String SHARED_ARM = "cgroup-node";
    /** The arm on partition bench-0's shadow node. */
    static final String SHADOW_ARM = "shadow-node";
    static final int OPENS_PER_SECOND = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(CgroupOpenTarget.class);
    private static final int BOUND_PARTITION = 0;

    private final ShadowdevTarget server;
    private final ClientCgroup cgroups;
    private final Path shared;
    private final Path shadow;

    private CgroupOpenTarget(final ShadowdevTarget server, final ClientCgroup cgroups, final Path shared,
        final Path shadow)
    {
        this.server = server;
        this.cgroups = cgroups;
        this.shared = shared;
        this.shadow = shadow;
    }

    /**
     * Make the client's cgroups, start the server, bind bench-0.
     *
     * @param hierarchy the unified cgroup hierarchy ({@link ClientCgroup#unifiedHierarchy()}).
     * @param workDir   where this server's mount, config, state and log go (not the main server's).
     */
    static CgroupOpenTarget start(final String java, final List<String> jvmArgs, final Path jar, final Path workDir,
        final Path hierarchy) throws IOException, InterruptedException
    {
        final ClientCgroup cgroups = ClientCgroup.create(hierarchy,
            "/shadowdev-bench-" + ProcessHandle.current().pid());
        try
        {
            final ShadowdevTarget server = ShadowdevTarget.start(java, jvmArgs, jar, workDir,
                List.of("--opens-per-second", Integer.toString(OPENS_PER_SECOND)));
            try
            {
                PartBind.bind(server.mount().resolve("accel/accel0"),
                    ShadowdevTarget.partitionName(BOUND_PARTITION), cgroups.boundPath());
                return new CgroupOpenTarget(server, cgroups, server.mount().resolve("accel/cgroup"),
                    server.nodes().get(BOUND_PARTITION));
            }
            catch (final IOException | RuntimeException ex)
            {
                server.close();
                throw ex;
            }
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            cgroups.remove();
            throw ex;
        }
    }

    @Override
    public String name()
    {
        return "shadowdev-cgroup";
    }

    @Override
    public long pid()
    {
        return server.pid();
    }

    @Override
    public String mode(final Workload workload)
    {
        return workload.key();
    }

    /** @return the shared node, then the bound partition's shadow node. */
    @Override
    public List<Path> nodes()
    {
        return List.of(shared, shadow);
    }

    Path shared()
    {
        return shared;
    }

    Path shadow()
    {
        return shadow;
    }

    Path mount()
    {
        return server.mount();
    }

    ClientCgroup cgroups()
    {
        return cgroups;
    }

    /** Stop the server, then remove the cgroups (a leftover is logged). */
    @Override
    public void close()
    {
        server.close();
        final List<Path> stayed = cgroups.remove();
        if (!stayed.isEmpty())
        {
            LOG.warn("cgroups left behind: dirs={}", stayed);
        }
    }
}

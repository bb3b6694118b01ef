package dev.shadowdev.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cgroups of the cgroup-open scenario, made in the unified hierarchy for one run and removed after it:
 * <pre>
 *   /shadowdev-bench-PID                       the run's own subtree
 *   /shadowdev-bench-PID/tenant                bound to partition bench-0 (PART_BIND)
 *   /shadowdev-bench-PID/tenant/deep/er/client where the load generator runs
 * </pre>
 * so that an open of the shared node from the client looks up {@code client}, {@code er} and {@code deep} (none
 * bound) before it finds {@code tenant}: the lookup walks four components of a five-component path.
 */
final class ClientCgroup implements AutoCloseable
{
    private static final Path CGROUP_FS = Path.of("/sys/fs/cgroup");
    private static final String PROCS = "cgroup.procs";

    private final Path hierarchy;
    private final String root;

    private ClientCgroup(final Path hierarchy, final String root)
    {
        this.hierarchy = hierarchy;
        this.root = root;
    }

    /**
     * @return the unified hierarchy's mount point ({@code /sys/fs/cgroup/unified} on a v1 hybrid host,
     * {@code /sys/fs/cgroup} on a v2 host), whose path is the {@code 0::} line of {@code /proc/PID/cgroup}; empty
     * on a v1-only host.
     */
    static Optional<Path> unifiedHierarchy()
    {
        for (final Path candidate : List.of(CGROUP_FS.resolve("unified"), CGROUP_FS))
        {
            if (Files.isRegularFile(candidate.resolve(PROCS)))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Make the cgroups (those already there are kept).
     *
     * @param hierarchy the unified hierarchy's mount point.
     * @param root      the run's own subtree, an absolute cgroup path such as {@code /shadowdev-bench-1234}.
     */
    static ClientCgroup create(final Path hierarchy, final String root) throws IOException
    {
        if (!root.startsWith("/") || root.length() < 2 || root.indexOf('/', 1) >= 0)
        {
            throw new IllegalArgumentException("bad cgroup root, want one absolute component: root=" + root);
        }
        final ClientCgroup cgroups = new ClientCgroup(hierarchy, root);
        Files.createDirectories(cgroups.dir(cgroups.clientPath()));
        return cgroups;
    }

    /** @return the cgroup path bound to the partition. */
    String boundPath()
    {
        return root + "/tenant";
    }

    /** @return the cgroup path the client runs in. */
    String clientPath()
    {
        return boundPath() + "/deep/er/client";
    }

    /** @return the client cgroup's {@code cgroup.procs}, for {@link Loadgen#within}. */
    Path clientProcs()
    {
        return dir(clientPath()).resolve(PROCS);
    }

    /**
     * Remove the cgroups, deepest first, best effort: one still holding a process (or, outside a cgroup
     * filesystem, anything) stays.
     *
     * @return the directories that stayed, deepest first; empty when all went.
     */
    List<Path> remove()
    {
        final List<Path> stayed = new ArrayList<>();
        for (String path = clientPath(); path.startsWith(root); path = path.substring(0, path.lastIndexOf('/')))
        {
            final Path dir = dir(path);
            try
            {
                Files.deleteIfExists(dir);
            }
            catch (final IOException ex)
            {
                stayed.add(dir);
            }
        }
        return stayed;
    }

    @Override
    public void close()
    {
        remove();
    }

    private Path dir(final String cgroupPath)
    {
        return hierarchy.resolve(cgroupPath.substring(1));
    }
}

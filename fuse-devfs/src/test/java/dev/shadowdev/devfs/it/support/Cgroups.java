package dev.shadowdev.devfs.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The host's cgroup tree for tests that place processes: the unified hierarchy ({@code /sys/fs/cgroup/unified} on a
 * v1 hybrid host, {@code /sys/fs/cgroup} on a v2 host), which is the line {@code /proc/<pid>/cgroup} shows first.
 */
public final class Cgroups
{
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private Cgroups()
    {
    }

    /** @return the unified hierarchy's mount point. */
    public static Path unified()
    {
        final Path hybrid = ROOT.resolve("unified");
        return Files.exists(hybrid.resolve("cgroup.procs")) ? hybrid : ROOT;
    }

    /** Move process {@code pid} into the unified cgroup {@code path}, made when missing. */
    public static void move(final int pid, final String path) throws IOException
    {
        final Path dir = unified().resolve(path.substring(1));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cgroup.procs"), Integer.toString(pid));
    }

    /**
     * Remove the cgroup {@code path} and everything under it, deepest first, in every hierarchy (runc leaves the
     * parents of a container's cgroup behind). Best effort: a cgroup still holding a process stays.
     */
    public static void removeTree(final String path)
    {
        try (Stream<Path> hierarchies = Files.list(ROOT))
        {
            for (final Path hierarchy : hierarchies.toList())
            {
                final Path top = hierarchy.resolve(path.substring(1));
                if (!Files.isDirectory(top))
                {
                    continue;
                }
                try (Stream<Path> tree = Files.walk(top))
                {
                    final List<Path> dirs = tree.filter(Files::isDirectory)
                        .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
                    for (final Path dir : dirs)
                    {
                        try
                        {
                            Files.delete(dir);
                        }
                        catch (final IOException ignored)
                        {
                            // still in use, or not removable: leave it
                        }
                    }
                }
            }
        }
        catch (final IOException ignored)
        {
            // no cgroup tree here
        }
    }
}

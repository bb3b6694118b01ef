package dev.shadowdev.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * shadowdev as users run it: {@code java -jar shadowdev.jar up} in its own process (card, driver and devfs in one
 * JVM), with {@link #PARTITIONS} partitions that split the whole aic100 card evenly, so 16 sessions can each hold a
 * workload (one core and one DMA bridge channel each; the load generator loads and activates an ECHO image per
 * EXECUTE session). Session {@code i} uses partition {@code i % PARTITIONS}.
 */
final class ShadowdevTarget implements Target
{
    static final int PARTITIONS = 4;
    private static final long START_TIMEOUT_MS = 60_000;

    private final ServerProcess server;
    private final Path mount;
    private final List<Path> nodes;

    private ShadowdevTarget(final ServerProcess server, final Path mount, final List<Path> nodes)
    {
        this.server = server;
        this.mount = mount;
        this.nodes = nodes;
    }

    /**
     * @param java     the java launcher.
     * @param jvmArgs  options for the server's JVM.
     * @param jar      {@code fuse-devfs/target/shadowdev.jar}.
     * @param workDir  where the mount, config, state and log go.
     */
    static ShadowdevTarget start(final String java, final List<String> jvmArgs, final Path jar, final Path workDir)
        throws IOException, InterruptedException
    {
        return start(java, jvmArgs, jar, workDir, List.of());
    }

    /** @param upArgs more options for {@code up}, e.g. {@code --opens-per-second 1000000}. */
    static ShadowdevTarget start(final String java, final List<String> jvmArgs, final Path jar, final Path workDir,
        final List<String> upArgs) throws IOException, InterruptedException
    {
        final Path mount = workDir.resolve("shadowdev-mnt");
        final Path config = workDir.resolve("bench-partitions.toml");
        final Path state = workDir.resolve("shadowdev-state.json");
        Files.createDirectories(workDir);
        Files.deleteIfExists(state);
        Files.writeString(config, config(), StandardCharsets.UTF_8);
        final List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "up", "--config", config.toString(),
            "--mount", mount.toString(), "--state", state.toString()));
        command.addAll(upArgs);
        final ServerProcess server = ServerProcess.start(command, mount, workDir.resolve("shadowdev.log"),
            "Ctrl-C to stop", START_TIMEOUT_MS);
        try
        {
            final List<Path> nodes = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++)
            {
                nodes.add(mount.resolve("by-name").resolve(partitionName(p)).toRealPath());
            }
            return new ShadowdevTarget(server, mount, nodes);
        }
        catch (final IOException | RuntimeException ex)
        {
            server.close();
            throw ex;
        }
    }

    @Override
    public String name()
    {
        return "shadowdev";
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

    /** @return where it is mounted. */
    Path mount()
    {
        return mount;
    }

    /** @return the partitions' nodes, {@code bench-0} first. */
    @Override
    public List<Path> nodes()
    {
        return nodes;
    }

    @Override
    public void close()
    {
        server.close();
    }

    static String partitionName(final int p)
    {
        return "bench-" + p;
    }

    /** The aic100 card (16 cores, 32 GiB, 32 bus replicators, 64 semaphores, 16 DMA channels) in four. */
    private static String config()
    {
        final StringBuilder sb = new StringBuilder("# written by the bench: the whole card in four partitions\n");
        sb.append("[device]\nprofile = \"aic100\"\n");
        for (int p = 0; p < PARTITIONS; p++)
        {
            sb.append("\n[[partition]]\nname = \"").append(partitionName(p)).append("\"\n")
                .append("cores = 4\nmemory = \"8GiB\"\nbus_replicators = 8\nsemaphores = 16\ndma_channels = 4\n")
                .append("mode = \"0660\"\nuid = 0\ngid = 0\n");
        }
        return sb.toString();
    }
}

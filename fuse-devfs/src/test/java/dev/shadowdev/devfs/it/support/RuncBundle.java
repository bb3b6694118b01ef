package dev.shadowdev.devfs.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI bundle for {@code runc run}: {@code config.json} from {@code runc spec}, changed to run the given command
 * without a terminal on a read-only busybox rootfs, in its own network namespace (no network), with extra bind
 * mounts such as a host file at {@code /dev/accel/accel0}.
 */
public final class RuncBundle
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<String[]> binds = new ArrayList<>();
    private List<String> args = List.of("/bin/true");
    private String cgroupsPath;

    private RuncBundle(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * @param dir an empty directory: gets {@code rootfs/} (busybox) and {@code config.json}.
     * @return the bundle, not yet written.
     */
    public static RuncBundle create(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        BusyboxRootfs.create(dir.resolve("rootfs"));
        return new RuncBundle(dir);
    }

    public Path dir()
    {
        return dir;
    }

    /** @return this, running {@code args} in the container. */
    public RuncBundle args(final String... args)
    {
        this.args = List.of(args);
        return this;
    }

    /** @return this, with the container placed in the cgroup {@code path} ({@code linux.cgroupsPath}). */
    public RuncBundle cgroupsPath(final String path)
    {
        this.cgroupsPath = path;
        return this;
    }

    /** @return this, with {@code hostPath} bind-mounted read-write at {@code containerPath}. */
    public RuncBundle bind(final Path hostPath, final String containerPath)
    {
        binds.add(new String[] { hostPath.toAbsolutePath().toString(), containerPath, "rw" });
        return this;
    }

    /** @return this, with {@code hostPath} bind-mounted read-only at {@code containerPath}. */
    public RuncBundle bindReadOnly(final Path hostPath, final String containerPath)
    {
        binds.add(new String[] { hostPath.toAbsolutePath().toString(), containerPath, "ro" });
        return this;
    }

    /**
     * Write {@code config.json}: the {@code runc spec} template with the changes above.
     *
     * @return this.
     */
    public RuncBundle write() throws IOException
    {
        Files.deleteIfExists(dir.resolve("config.json"));
        final ProcessResult spec = Processes.run(List.of("runc", "spec"), dir, Duration.ofSeconds(30));
        if (spec.exitCode() != 0)
        {
            throw new IOException("runc spec failed: " + spec.describe());
        }
        final ObjectNode config = (ObjectNode)JSON.readTree(dir.resolve("config.json").toFile());
        final ObjectNode process = (ObjectNode)config.get("process");
        process.put("terminal", false);
        final ArrayNode argv = process.putArray("args");
        args.forEach(argv::add);
        final ObjectNode root = (ObjectNode)config.get("root");
        root.put("path", "rootfs");
        root.put("readonly", true);
        config.put("hostname", "shadowdev-it");
        if (cgroupsPath != null)
        {
            ((ObjectNode)config.get("linux")).put("cgroupsPath", cgroupsPath);
        }
        final ArrayNode mounts = (ArrayNode)config.get("mounts");
        for (final String[] bind : binds)
        {
            final ObjectNode m = mounts.addObject();
            m.put("destination", bind[1]);
            m.put("type", "bind");
            m.put("source", bind[0]);
            m.putArray("options").add("rbind").add(bind[2]);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);
        return this;
    }
}

package dev.shadowdev.devfs.it;

import dev.shadowdev.devfs.fs.FuseMountPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code shadowdev up} as a user runs it: the runnable jar in its own process mounts the default layout, prints the
 * nodes, stops cleanly on SIGTERM, keeps the node paths across a restart, and clears the stale mount a killed run
 * leaves behind.
 */
class UpIT
{
    private static final Path JAR = Path.of("target/shadowdev.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop()
    {
        started.forEach(Process::destroyForcibly);
        FuseMountPoint.unmount(dir.resolve("mnt"));
    }

    @Test
    void shouldMountTheDefaultLayoutAndStopCleanly() throws Exception
    {
        final Path mount = dir.resolve("mnt");
        final Up first = up(mount);
        assertTrue(first.output.contains("apply: ok: 4 changes"), first.output);
        // What a person sees on the terminal (stdout and stderr) before "Ctrl-C to stop": the plan, the node table,
        // warnings and errors; no per-request or per-attribute lines (those are DEBUG, shown by --verbose).
        final List<String> lines = first.output.lines().toList();
        assertTrue(lines.size() < 40, "up printed " + lines.size() + " lines:\n" + first.output);
        assertTrue(first.output.contains("plan: 4 to create, 0 to destroy"), first.output);
        assertTrue(first.output.contains("MINOR    DEV         PARTITION NAME"), first.output);
        assertFalse(first.output.contains("node mode:") || first.output.contains("node owner:") ||
            first.output.contains("DEBUG"), first.output);
        final List<String> before = byName(mount);
        assertEquals(List.of("batch -> ../accel/accel4", "infer-a -> ../accel/accel1", "infer-b -> ../accel/accel2",
            "train-a -> ../accel/accel3"), before);
        // What every node holds, and the global pool's free share (the base node): a restart that allocated a
        // partition twice would show in the base node's free line.
        final List<String> holdings = holdings(mount);
        assertEquals(5, holdings.size(), holdings.toString());
        final long reservedCores = holdings.stream().skip(1).mapToLong(h -> cores(h, "resources=")).sum();
        assertEquals(cores(holdings.get(0), "resources="), cores(holdings.get(0), "free=") + reservedCores,
            "the pool's cores are its free ones plus every partition's, once: " + holdings);

        first.process.destroy(); // SIGTERM
        assertTrue(first.process.waitFor(30, TimeUnit.SECONDS), "up did not stop on SIGTERM");
        assertFalse(FuseMountPoint.isMounted(mount), "up must unmount on SIGTERM");

        // A restart keeps the node paths (the saved state), then a SIGKILL leaves a stale mount behind...
        final Up second = up(mount);
        assertEquals(before, byName(mount));
        assertEquals(holdings, holdings(mount));
        second.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(FuseMountPoint.isMounted(mount), "a killed run leaves its mount");

        // ...which the next run clears before it mounts again.
        final Up third = up(mount, "--verbose");
        assertTrue(third.output.contains("DEBUG dev.shadowdev.devfs.fs.AccelFs - node mode: node=/accel/accel1 mode=660"),
            third.output);
        assertEquals(before, byName(mount));
        assertEquals(holdings, holdings(mount), "same reservations after the killed run, none twice");
        third.process.destroy();
        assertTrue(third.process.waitFor(30, TimeUnit.SECONDS));
    }

    /** Start {@code up} and read its merged stdout and stderr up to "Ctrl-C to stop". */
    private Up up(final Path mount, final String... more) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "up", "--mount",
            mount.toString(), "--state", dir.resolve("state.json").toString()));
        command.addAll(List.of(more));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        final StringBuilder output = new StringBuilder();
        final BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = reader.readLine()) != null)
        {
            output.append(line).append('\n');
            if (line.contains("Ctrl-C to stop"))
            {
                // Keep draining stdout so the process never blocks on a full pipe.
                final Thread drain = new Thread(() ->
                {
                    try
                    {
                        reader.lines().forEach(l -> { });
                    }
                    catch (final UncheckedIOException ex)
                    {
                        // The test closed the process's streams as it ended: nothing left to drain.
                    }
                }, "up-stdout");
                drain.setDaemon(true);
                drain.start();
                return new Up(process, output.toString());
            }
            assertTrue(System.nanoTime() < deadline, "up did not come up:\n" + output);
        }
        throw new AssertionError("up exited: status=" + process.waitFor() + "\n" + output);
    }

    private static List<String> byName(final Path mount) throws IOException
    {
        try (var stream = Files.list(mount.resolve("by-name")))
        {
            return stream.map(p ->
            {
                try
                {
                    return p.getFileName() + " -> " + Files.readSymbolicLink(p);
                }
                catch (final IOException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }).sorted().toList();
        }
    }

    /**
     * @return per node: its partition, resources and free share, as the attribute files read (the shared cgroup
     *     node, accel1048575, has no pool of its own and is left out).
     */
    private static List<String> holdings(final Path mount) throws IOException
    {
        try (var stream = Files.list(mount.resolve("class/accel")))
        {
            return stream.filter(node -> !node.getFileName().toString().equals("accel1048575")).map(node ->
            {
                try
                {
                    return node.getFileName() + " partition=" + Files.readString(node.resolve("partition")).trim() +
                        " resources=" + Files.readString(node.resolve("resources")).trim() +
                        " free=" + Files.readString(node.resolve("free")).trim();
                }
                catch (final IOException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }).sorted().toList();
        }
    }

    private static long cores(final String holding, final String field)
    {
        final int at = holding.indexOf(field + "cores=") + field.length() + "cores=".length();
        return Long.parseLong(holding.substring(at, holding.indexOf(' ', at)));
    }

    private record Up(Process process, String output)
    {
    }
}

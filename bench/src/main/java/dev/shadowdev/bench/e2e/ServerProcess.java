package dev.shadowdev.bench.e2e;

import dev.shadowdev.devfs.fs.FuseMountPoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A filesystem server run as a child process with its output in a log file: started, waited for until its log
 * shows a line or the mount appears, stopped with SIGTERM (then SIGKILL) and lazily unmounted if it left the mount.
 */
final class ServerProcess implements AutoCloseable
{
    private static final long STOP_TIMEOUT_MS = 15_000;

    private final Process process;
    private final Path mountPoint;
    private final Path log;

    private ServerProcess(final Process process, final Path mountPoint, final Path log)
    {
        this.process = process;
        this.mountPoint = mountPoint;
        this.log = log;
    }

    /**
     * @param command    the server's command line.
     * @param mountPoint where it mounts (a stale mount there is cleared first).
     * @param log        stdout and stderr.
     * @param readyLine  a line fragment the server prints when ready, or null to wait for the mount only.
     * @param timeoutMs  how long to wait.
     */
    static ServerProcess start(final List<String> command, final Path mountPoint, final Path log,
        final String readyLine, final long timeoutMs) throws IOException, InterruptedException
    {
        FuseMountPoint.prepare(mountPoint);
        Files.createDirectories(log.toAbsolutePath().getParent());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        final ServerProcess server = new ServerProcess(process, mountPoint, log);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            final boolean mounted = FuseMountPoint.isMounted(mountPoint);
            final boolean said = readyLine == null ||
                Files.readString(log, StandardCharsets.UTF_8).contains(readyLine);
            if (mounted && said)
            {
                return server;
            }
            if (!process.isAlive() || System.nanoTime() > deadline)
            {
                server.close();
                throw new IOException("server did not come up: command=" + command.get(0) + " alive=" +
                    process.isAlive() + " mounted=" + mounted + " log=" + log + "\n" + tail(log));
            }
            Thread.sleep(50);
        }
    }

    long pid()
    {
        return process.pid();
    }

    Path log()
    {
        return log;
    }

    @Override
    public void close()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (FuseMountPoint.isMounted(mountPoint))
        {
            FuseMountPoint.unmount(mountPoint);
        }
    }

    private static String tail(final Path log)
    {
        try
        {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex + ")";
        }
    }
}

package dev.shadowdev.devfs.it.support;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command with a timeout, capturing its output; kills it and its children when the time is up. */
public final class Processes
{
    private Processes()
    {
    }

    /**
     * @param command the program and its arguments.
     * @param dir     the working directory, or {@code null} for the current one.
     * @param timeout how long it may run.
     * @return how it ended.
     * @throws IOException when it cannot be started.
     */
    public static ProcessResult run(final List<String> command, final Path dir, final Duration timeout)
        throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
            new File("/dev/null")));
        if (dir != null)
        {
            builder.directory(dir.toFile());
        }
        final Process process = builder.start();
        final CompletableFuture<String> stdout = drain(process.getInputStream());
        final CompletableFuture<String> stderr = drain(process.getErrorStream());
        boolean finished;
        try
        {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished)
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException("interrupted: command=" + command, ex);
        }
        return new ProcessResult(finished ? process.exitValue() : -1, stdout.join(), stderr.join(), !finished);
    }

    /** @return true when {@code program} is on the PATH. */
    public static boolean onPath(final String program)
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
        {
            if (Path.of(dir, program).toFile().canExecute())
            {
                return true;
            }
        }
        return false;
    }

    private static CompletableFuture<String> drain(final InputStream in)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try (in)
            {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
    }
}

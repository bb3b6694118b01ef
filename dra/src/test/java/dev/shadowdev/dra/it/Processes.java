package dev.shadowdev.dra.it;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with a timeout and captures its output (a trimmed copy of fuse-devfs's test helper: the dra module
 * depends on fuse-devfs's main jar only).
 */
final class Processes
{
    private Processes()
    {
    }

    /** How a command ended; exit -1 when it was killed at the timeout. */
    record Result(int exitCode, String stdout, String stderr)
    {
        String describe()
        {
            return "exit=" + exitCode + " stdout=[" + stdout.strip() + "] stderr=[" + stderr.strip() + "]";
        }
    }

    static Result run(final List<String> command, final Duration timeout) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        final CompletableFuture<String> out = drain(process.getInputStream());
        final CompletableFuture<String> err = drain(process.getErrorStream());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return new Result(-1, out.join(), err.join());
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> drain(final InputStream in)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try (in)
            {
                final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
    }
}

package dev.shadowdev.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The C load generator ({@code bench/src/main/c/loadgen.c}) as child processes: a measuring run (one JSON line per
 * run, parsed here) or a neighbour that runs beside one (a busy loop, a churning or a flooding client), started and
 * awaited until it says it is ready, and stopped with SIGTERM. {@link #within} runs it in a cgroup of its own.
 */
final class Loadgen
{
    private static final long SLACK_MS = 60_000;
    private static final long READY_TIMEOUT_MS = 60_000;
    private static final long STOP_TIMEOUT_MS = 10_000;
    private static final String READY = "loadgen: ready";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Joins the cgroup whose {@code cgroup.procs} is {@code $0}, then becomes the load generator. */
    private static final String JOIN_CGROUP = "echo $$ > \"$0\" && exec \"$@\"";

    private final Path binary;
    private final List<String> launcher;

    Loadgen(final Path binary)
    {
        this(binary, List.of());
    }

    private Loadgen(final Path binary, final List<String> launcher)
    {
        this.binary = binary;
        this.launcher = launcher;
    }

    /**
     * @param cgroupProcs the {@code cgroup.procs} file of a cgroup (unified hierarchy).
     * @return this load generator started in that cgroup: {@code sh} writes its pid there, then execs it, so every
     * session thread runs in it from its first system call.
     */
    Loadgen within(final Path cgroupProcs)
    {
        return new Loadgen(binary, List.of("sh", "-c", JOIN_CGROUP, cgroupProcs.toString()));
    }

    /**
     * One measured run: {@code sessions} sessions over {@code nodes}, with the server's CPU counted.
     *
     * @return the load generator's JSON (ops_per_s, p50_us, p99_us, p999_us, server_cpu_us_per_op, ...).
     * @throws IOException when a session failed (its first error is in the message) or the run hung.
     */
    ObjectNode measure(final Target target, final Workload workload, final int size, final int sessions,
        final List<Path> nodes, final long warmupMs, final long measureMs) throws IOException, InterruptedException
    {
        final List<String> command = command(target.mode(workload), nodes, sessions, size, warmupMs, measureMs);
        command.addAll(List.of("--server-pid", Long.toString(target.pid())));
        final Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(warmupMs + measureMs + SLACK_MS, TimeUnit.MILLISECONDS))
        {
            p.destroyForcibly();
            throw new IOException("loadgen did not finish: target=" + target.name() + " command=" + command);
        }
        final ObjectNode result = parse(out, command);
        if (p.exitValue() != 0 || result.path("errors").asLong() != 0)
        {
            throw new IOException("loadgen failed: target=" + target.name() + " exit=" + p.exitValue() + " error=" +
                result.path("error").asText());
        }
        return result;
    }

    /** A busy-looping process ({@code for(;;);}). */
    Neighbour spin() throws IOException, InterruptedException
    {
        return start("spin", List.of(binary.toString(), "spin"));
    }

    /**
     * A client that opens {@code node}, writes one 4 KiB PASSTHROUGH and closes, again and again ({@code churn}), or
     * writes PASSTHROUGHs it never reads and keeps trying when refused ({@code flood}), for at most
     * {@code maxMs}.
     */
    Neighbour abuse(final String mode, final Path node, final long maxMs) throws IOException, InterruptedException
    {
        return start(mode, command(mode, List.of(node), 1, Scenario.SIZE_4K, 0, maxMs));
    }

    List<String> command(final String mode, final List<Path> nodes, final int sessions, final int size,
        final long warmupMs, final long measureMs)
    {
        final List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(binary.toString(), mode,
            "--node", nodes.stream().map(Path::toString).collect(Collectors.joining(",")),
            "--sessions", Integer.toString(sessions), "--size", Integer.toString(size),
            "--warmup-ms", Long.toString(warmupMs), "--measure-ms", Long.toString(measureMs)));
        return command;
    }

    private static Neighbour start(final String mode, final List<String> command)
        throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).start();
        final CountDownLatch ready = new CountDownLatch(1);
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8)))
            {
                for (String line; (line = err.readLine()) != null; )
                {
                    if (line.startsWith(READY))
                    {
                        ready.countDown();
                    }
                    else
                    {
                        System.err.println(line);
                    }
                }
            }
            catch (final IOException ex)
            {
                // the process is gone; stop() reports what it printed
            }
            ready.countDown();
        }, "loadgen-stderr");
        reader.setDaemon(true);
        reader.start();
        final Neighbour n = new Neighbour(p, mode, command);
        if (!ready.await(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS) || !p.isAlive())
        {
            n.stop();
            throw new IOException("neighbour did not start: command=" + command + " alive=" + p.isAlive());
        }
        return n;
    }

    private static ObjectNode parse(final byte[] out, final List<String> command) throws IOException
    {
        final String text = new String(out, StandardCharsets.UTF_8).trim();
        if (text.isEmpty())
        {
            throw new IOException("loadgen printed nothing: command=" + command);
        }
        return (ObjectNode)JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
    }

    /** A running neighbour process. */
    static final class Neighbour
    {
        private final Process process;
        private final String mode;
        private final List<String> command;

        private Neighbour(final Process process, final String mode, final List<String> command)
        {
            this.process = process;
            this.mode = mode;
            this.command = command;
        }

        /** @return what it did (churn and flood: ops, refused, errors); {@code {"mode":"spin"}} for a busy loop. */
        ObjectNode stop() throws IOException, InterruptedException
        {
            // SIGTERM through the handle: Process.destroy() would also close the pipe its JSON line waits in
            process.toHandle().destroy();
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            final byte[] out = process.getInputStream().readAllBytes();
            if (out.length == 0)
            {
                return JSON.createObjectNode().put("mode", mode);
            }
            return parse(out, command);
        }
    }
}

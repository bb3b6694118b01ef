package dev.shadowdev.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shadowdev.bench.elastic.ElasticClient;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An elastic scenario's card (issue 12): a {@code shadowdev.jar up} server of its own with the config of
 * {@link ElasticConfigs}, and its client, {@link ElasticClient} in a JVM of its own, started once and kept warm:
 * the bench writes it one command per round and reads one JSON line back. The server's CPU time (utime + stime of
 * {@code /proc/PID/stat}) is counted around each command.
 */
final class ElasticTarget implements AutoCloseable
{
    private static final long START_TIMEOUT_MS = 60_000;
    private static final long STOP_TIMEOUT_MS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final ServerProcess server;
    private final Path mount;
    private Process client;
    private BufferedWriter commands;
    private BufferedReader answers;

    private ElasticTarget(final String name, final ServerProcess server, final Path mount)
    {
        this.name = name;
        this.server = server;
        this.mount = mount;
    }

    /**
     * Start the server with {@code config}, then the client with {@code clientArgs} (its mode and options, without
     * {@code --mount}), and wait until the client says it is ready.
     */
    static ElasticTarget start(final String name, final String java, final List<String> jvmArgs, final Path jar,
        final Path workDir, final String config, final List<String> clientArgs)
        throws IOException, InterruptedException
    {
        final Path mnt = workDir.resolve("shadowdev-mnt");
        final Path configFile = workDir.resolve(name + ".toml");
        final Path state = workDir.resolve("shadowdev-state.json");
        Files.createDirectories(workDir);
        Files.deleteIfExists(state);
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        final List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "up", "--config", configFile.toString(),
            "--mount", mnt.toString(), "--state", state.toString()));
        final ServerProcess server = ServerProcess.start(command, mnt, workDir.resolve("shadowdev.log"),
            "Ctrl-C to stop", START_TIMEOUT_MS);
        final ElasticTarget target = new ElasticTarget(name, server, mnt);
        try
        {
            target.startClient(java, workDir.resolve("client.log"), clientArgs);
            return target;
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            target.close();
            throw ex;
        }
    }

    private void startClient(final String java, final Path log, final List<String> clientArgs)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m",
            "-cp", System.getProperty("java.class.path"), ElasticClient.class.getName()));
        command.add(clientArgs.get(0));
        command.addAll(List.of("--mount", mount.toString()));
        command.addAll(clientArgs.subList(1, clientArgs.size()));
        client = new ProcessBuilder(command).redirectError(log.toFile()).start();
        commands = new BufferedWriter(new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8));
        answers = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(ElasticClient.READY))
        {
            if (!client.isAlive() || System.nanoTime() > deadline)
            {
                final boolean alive = client.isAlive();
                // what it printed on stdout (its error line) only once it has ended: a read would wait otherwise
                throw new IOException("elastic client did not start: target=" + name + " alive=" + alive +
                    " log=" + log + "\n" + Files.readString(log, StandardCharsets.UTF_8) + (alive ? "" :
                    new String(client.getInputStream().readNBytes(4096), StandardCharsets.UTF_8)));
            }
            Thread.sleep(20);
        }
    }

    /**
     * Send one command and read its JSON line; adds {@code server_cpu_ms}, the server's CPU time meanwhile.
     *
     * @throws IOException when the client failed (its error in the message) or is gone.
     */
    ObjectNode command(final String line) throws IOException
    {
        final long cpu0 = ProcCpu.ticks(server.pid());
        commands.write(line);
        commands.newLine();
        commands.flush();
        final String answer = answers.readLine();
        final long cpu1 = ProcCpu.ticks(server.pid());
        if (answer == null)
        {
            throw new IOException("elastic client ended: target=" + name + " command=" + line);
        }
        final ObjectNode result = (ObjectNode)JSON.readTree(answer);
        if (result.has("error") && !result.path("error").asText().isEmpty())
        {
            throw new IOException("elastic client failed: target=" + name + " command=" + line + " error=" +
                result.path("error").asText());
        }
        result.put("server_cpu_ms", cpu0 < 0 || cpu1 < 0 ? -1 : ProcCpu.ticksToMs(cpu1 - cpu0));
        return result;
    }

    String name()
    {
        return name;
    }

    Path mount()
    {
        return mount;
    }

    /** Stop the client (quit, then SIGTERM), then the server. */
    @Override
    public void close()
    {
        if (client != null)
        {
            try
            {
                commands.write("quit");
                commands.newLine();
                commands.flush();
            }
            catch (final IOException ex)
            {
                // already gone
            }
            try
            {
                if (!client.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                {
                    client.destroyForcibly();
                    client.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        server.close();
    }
}

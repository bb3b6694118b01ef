package dev.shadowdev.devfs.reliability;

import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.testkit.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client process killed with SIGKILL while it holds active workloads: a Python program (the test's
 * {@code sdnode.py} client) opens one to three sessions on a shadow node, loads and activates workloads on all the
 * partition's cores, leaves requests whose responses it never reads, prints READY and sleeps. The test checks the
 * partition's {@code free} attribute shows the cores taken, sends {@code kill -9}, and measures how long it takes
 * until {@code free} equals {@code resources} again (the kernel releases the files, the driver TERMINATEs each
 * handle): it must be within {@link #FREE_WITHIN_MS}. Then the driver is back to its baseline.
 */
class ClientKillIT
{
    private static final Logger LOG = FuzzRun.logger(ClientKillIT.class);
    private static final int CI_KILLS = 4;
    private static final long FREE_WITHIN_MS = 5_000;
    private static final long READY_WITHIN_MS = 30_000;
    private static final String CLIENT = String.join("\n",
        "import sys, time",
        "sys.path.insert(0, sys.argv[1])",
        "import sdnode",
        "path, image, sessions, workloads = sys.argv[2], open(sys.argv[3], 'rb').read(), int(sys.argv[4]), " +
            "int(sys.argv[5])",
        "nodes = [sdnode.Node(path) for _ in range(sessions)]",
        "dbcs = []",
        "for k in range(workloads):",
        "    node = nodes[k % sessions]",
        "    r = sdnode.transact(node, 10 + k, [sdnode.dma_xfer(k, 0, image), sdnode.activate(k)])",
        "    dbcs.append(r['transactions'][1]['dbc_id'])",
        "for i, node in enumerate(nodes):",
        "    for j in range(4):",
        "        node.write_message(sdnode.encode_message(1000 + 10 * i + j, [sdnode.passthrough(b'x' * 4096)]))",
        "print('READY', dbcs, flush=True)",
        "time.sleep(600)");

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    @Test
    void aClientKilledWithSigkillGivesItsWorkloadsBackWithinSeconds() throws Exception
    {
        final Path image = devfs.dir.resolve("echo.img");
        Files.write(image, new WorkloadImageWriter().name("killed").needs(1, 1 << 20, 0, 0, 1).op(WorkloadOp.ECHO)
            .payload(new byte[256]).toBytes());
        final int kills = FuzzRun.scaled(CI_KILLS);
        final List<Long> freedMs = new ArrayList<>();
        for (int k = 0; k < kills; k++)
        {
            final String name = ReliabilityMount.NAMES.get(k % ReliabilityMount.NAMES.size());
            final int minor = devfs.minor(name);
            final String resources = devfs.attribute(minor, "resources");
            final int sessions = 1 + k % 3;
            final Process client = new ProcessBuilder("python3", "-c", CLIENT, sdnode().getParent().toString(),
                devfs.node(name).toString(), image.toString(), Integer.toString(sessions), "3")
                .redirectErrorStream(true).start();
            try
            {
                final String ready = awaitReady(client);
                assertTrue(ready.startsWith("READY"), "client did not get ready: " + ready);
                assertTrue(devfs.attribute(minor, "free").startsWith("cores=0 "),
                    name + ": the client holds every core: " + devfs.attribute(minor, "free"));
                assertEquals("3", devfs.attribute(minor, "workloads"));
                final long killed = System.nanoTime();
                assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(client.pid())).start().waitFor());
                assertTrue(client.waitFor(10, TimeUnit.SECONDS), "the client did not die");
                assertEquals(128 + 9, client.exitValue(), "killed by SIGKILL");
                while (!resources.equals(devfs.attribute(minor, "free")))
                {
                    assertTrue(System.nanoTime() - killed < TimeUnit.MILLISECONDS.toNanos(FREE_WITHIN_MS),
                        name + ": free=" + devfs.attribute(minor, "free") + " after " + FREE_WITHIN_MS + " ms");
                    Thread.sleep(5);
                }
                freedMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
                assertEquals("0", devfs.attribute(minor, "workloads"));
            }
            finally
            {
                client.destroyForcibly();
            }
            devfs.assertHealthyAndIdle();
        }
        Collections.sort(freedMs);
        LOG.info("client kills: kills={} sessions_per_client=1..3 workloads_per_client=3 freed_ms={} max_ms={}",
            kills, freedMs, freedMs.get(freedMs.size() - 1));
        assertNotEquals(0, freedMs.size());
    }

    private static String awaitReady(final Process client) throws Exception
    {
        final BufferedReader out = new BufferedReader(
            new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        final CompletableFuture<String> line = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                final StringBuilder seen = new StringBuilder();
                for (String l = out.readLine(); l != null; l = out.readLine())
                {
                    if (l.startsWith("READY"))
                    {
                        return l;
                    }
                    seen.append(l).append('\n');
                }
                return "exited: " + seen;
            }
            catch (final Exception ex)
            {
                return "read failed: " + ex;
            }
        });
        return line.get(READY_WITHIN_MS, TimeUnit.MILLISECONDS);
    }

    static Path sdnode()
    {
        return Path.of("src/test/python/sdnode.py").toAbsolutePath();
    }
}

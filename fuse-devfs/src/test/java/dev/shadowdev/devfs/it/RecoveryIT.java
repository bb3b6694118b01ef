package dev.shadowdev.devfs.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.cli.RebuildOnReset;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults under a real mount: the firmware hangs or crashes in the middle of traffic; readers blocked in read()
 * hold only their own FUSE threads, every one of them returns, the driver resets the firmware, the daemon rebuilds
 * the partitions behind the same node paths, and files opened before the reset stay dead (ENODEV).
 */
class RecoveryIT
{
    @TempDir
    Path dir;

    private MountedDevfs devfs;
    private RebuildOnReset rebuild;
    private final StringWriter log = new StringWriter();

    @BeforeEach
    void mount() throws Exception
    {
        devfs = MountedDevfs.start(dir);
        // The default layout, with infer-a also reached through two cgroups (ABI.md 7).
        final Path config = dir.resolve("partitions-cgroups.toml");
        Files.writeString(config, Files.readString(dir.resolve("partitions.toml")).replace("name = \"infer-a\"\n",
            "name = \"infer-a\"\ncgroups = [\"/recovery-it/a\", \"/recovery-it/a2\"]\n"));
        final MountedDevfs.Cli applied = devfs.cli("apply", "--config", config.toString());
        assertEquals(0, applied.status(), applied.toString());
        rebuild = new RebuildOnReset(devfs.devfs::openBase, devfs.mount, devfs.devfs.nodeAttributes(), devfs.state,
            ConfigLoader.load(config), new PrintWriter(log, true));
        devfs.devfs.nodes().addResetListener(rebuild);
    }

    @AfterEach
    void unmount()
    {
        if (rebuild != null)
        {
            rebuild.close();
        }
        if (devfs != null)
        {
            devfs.close();
        }
    }

    @Test
    void shouldSurviveAHungFirmwareWithReadersBlocked() throws Exception
    {
        final Map<String, Path> before = nodesByName();
        final int blocked = 12;
        final ExecutorService pool = Executors.newFixedThreadPool(blocked);
        final List<FileNodeChannel> channels = new ArrayList<>();
        devfs.devfs.card().hang();
        try
        {
            final List<Future<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < blocked; i++)
            {
                final FileNodeChannel channel = FileNodeChannel.open(before.get("infer-a"), false);
                channels.add(channel);
                assertTrue(channel.write(new ManageRequest().tag(i).status().buffer()) > 0);
                reads.add(pool.submit(() -> channel.read(ByteBuffer.allocateDirect(4096))));
            }
            Thread.sleep(300);
            // The blocked readers hold only their own FUSE workers: another session still opens and reads,
            // and the tree still answers.
            try (FileNodeChannel other = FileNodeChannel.open(before.get("infer-b"), true))
            {
                assertEquals(0, other.read(ByteBuffer.allocateDirect(4096)));
            }
            assertEquals("accel0\n", Files.readString(devfs.mount.resolve("class/accel/accel0/parent")));
            for (final Future<Integer> read : reads)
            {
                final int n = read.get(60, TimeUnit.SECONDS);
                assertTrue(n > 0 || n == -Errno.ETIMEDOUT.value() || n == -Errno.EIO.value(), "read=" + n);
            }
            awaitRebuilt();
            assertSameNodesAndWorking(before, channels.get(0));
        }
        finally
        {
            devfs.devfs.card().resume();
            channels.forEach(FileNodeChannel::close);
            pool.shutdownNow();
        }
    }

    @Test
    void aReadWaitsOrNotAsTheFilesONonblockIsNowNotAsItWasOpened() throws Exception
    {
        final Map<String, Path> before = nodesByName();
        final ExecutorService pool = Executors.newSingleThreadExecutor();
        devfs.devfs.card().hang();
        try (FileNodeChannel channel = FileNodeChannel.open(before.get("infer-a"), false))
        {
            // The card holds the answer: a read that may wait, waits; one that may not is EAGAIN.
            assertTrue(channel.write(new ManageRequest().tag(1).status().buffer()) > 0);
            assertEquals(0, channel.nonBlocking(true));
            assertEquals(-Errno.EAGAIN.value(), channel.read(ByteBuffer.allocateDirect(4096)),
                "O_NONBLOCK set by fcntl after a blocking open");
            assertEquals(0, channel.nonBlocking(false));
            final Future<Integer> read = pool.submit(() -> channel.read(ByteBuffer.allocateDirect(4096)));
            Thread.sleep(300);
            assertFalse(read.isDone(), "O_NONBLOCK cleared again: the read waits for the card");
            final int n = read.get(60, TimeUnit.SECONDS);
            assertTrue(n > 0 || n == -Errno.ETIMEDOUT.value() || n == -Errno.EIO.value(), "read=" + n);
        }
        finally
        {
            devfs.devfs.card().resume();
            pool.shutdownNow();
        }
    }

    /**
     * A process whose read waits for a card that does not answer gets its signal handled at once: the kernel's
     * FUSE_INTERRUPT ends the wait, the read fails EINTR (a real process: python3, a SIGALRM handler that raises).
     * Without it the read (and a kill of the process) waited for the driver's timeout.
     */
    @Test
    void aSignalEndsAReadWaitingForTheCardWithEintr() throws Exception
    {
        final Map<String, Path> before = nodesByName();
        final Path script = dir.resolve("interrupted-read.py");
        Files.writeString(script, String.join("\n",
            "import os, signal, sys",
            "class Alarm(Exception): pass",
            "def on_alarm(signum, frame): raise Alarm()",
            "fd = os.open(sys.argv[1], os.O_RDWR)",
            "os.write(fd, bytes.fromhex(sys.argv[2]))",
            "signal.signal(signal.SIGALRM, on_alarm)",
            "signal.alarm(1)",
            "try:",
            "    print('read', len(os.read(fd, 4096)))",
            "except Alarm:",
            "    print('interrupted')",
            "except OSError as e:",
            "    print('errno', e.errno)",
            ""));
        final ByteBuffer request = new ManageRequest().tag(1).status().buffer();
        final byte[] bytes = new byte[request.remaining()];
        request.get(request.position(), bytes);
        devfs.devfs.card().hang();
        try
        {
            final Process python = new ProcessBuilder("python3", script.toString(),
                before.get("infer-a").toString(), HexFormat.of().formatHex(bytes)).redirectErrorStream(true).start();
            assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python3 did not end");
            final String out = new String(python.getInputStream().readAllBytes()).trim();
            assertEquals("interrupted", out, "the read ended by the signal, not by the card or the driver's timeout");
        }
        finally
        {
            devfs.devfs.card().resume();
        }
    }

    @Test
    void shouldSurviveAFirmwareCrashInTheMiddleOfTraffic() throws Exception
    {
        final Map<String, Path> before = nodesByName();
        try (NodeClient held = NodeClient.open(before.get("train-a")))
        {
            final WorkloadRunner runner = new WorkloadRunner(held);
            runner.load(0, DevfsIT.image(WorkloadOp.ECHO, 0, 64));
            final int dbc = runner.activate(0).dbcId();
            assertArrayEquals(new byte[] {1, 2, 3}, runner.execute(dbc, new byte[] {1, 2, 3}));
            final String freeBefore = Files.readString(attr("train-a", "free"));
            assertNotEquals(freeBefore, Files.readString(attr("train-a", "resources")), "a workload is active");

            final MountedDevfs.Cli bound = devfs.cli("bind", "batch", "/recovery-it/by-hand");
            assertEquals(0, bound.status(), bound.toString());
            final List<String> bindings = bindings();
            assertEquals(List.of("/recovery-it/a infer-a", "/recovery-it/a2 infer-a", "/recovery-it/by-hand batch"),
                bindings);

            final MountedDevfs.Cli drained = devfs.cli("drain", "batch", "--grace", "0s");
            assertEquals(0, drained.status(), drained.toString());

            devfs.devfs.card().crash("injected by RecoveryIT");
            awaitRebuilt();

            assertEquals(bindings, bindings(), "the config's and the hand-made bindings are back\n" + log);
            final MountedDevfs.Cli ls = devfs.cliMountOnly("ls", "-l");
            assertTrue(ls.out().matches("(?s).* batch .*?state: +drained .*"), "batch is cordoned again\n" + ls.out());
            final MountedDevfs.Cli undo = devfs.cli("drain", "batch", "--undo");
            assertEquals(0, undo.status(), undo.toString());

            assertSameNodesAndWorking(before, held.channel());
            assertEquals(Files.readString(attr("train-a", "resources")), Files.readString(attr("train-a", "free")),
                "the rebuilt partition starts empty");
        }
    }

    private void assertSameNodesAndWorking(final Map<String, Path> before, final Object oldSession) throws Exception
    {
        assertEquals(before, nodesByName(), "same node paths after the reset\n" + log);
        final ByteBuffer request = new ManageRequest().tag(1).status().buffer();
        final int written = oldSession instanceof FileNodeChannel c ? c.write(request) :
            ((dev.shadowdev.devfs.client.NodeChannel)oldSession).write(request);
        assertEquals(-Errno.ENODEV.value(), written, "a file opened before the reset stays dead");
        for (final Map.Entry<String, Path> node : before.entrySet())
        {
            try (NodeClient client = NodeClient.open(node.getValue()))
            {
                final byte[] input = node.getKey().getBytes();
                assertArrayEquals(input, new WorkloadRunner(client).run(DevfsIT.image(WorkloadOp.ECHO, 0, 8), input)
                    .output(), node.getKey());
                assertEquals(List.of(node.getKey()), client.partQuery().stream().map(p -> p.name()).toList());
            }
        }
    }

    private void awaitRebuilt() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rebuild.rebuilds() == 0)
        {
            assertTrue(System.nanoTime() < deadline, "no rebuild after the reset\n" + log);
            Thread.sleep(50);
        }
        assertEquals(0, rebuild.lastStatus(), log.toString());
    }

    /** @return the {@code cgroups} listing without the partition IDs (a reset gives new ones). */
    private List<String> bindings() throws Exception
    {
        return Files.readAllLines(devfs.mount.resolve("cgroups")).stream()
            .map(line -> line.substring(0, line.lastIndexOf(' '))).toList();
    }

    private Path attr(final String name, final String attribute) throws Exception
    {
        return devfs.mount.resolve("class/accel").resolve(devfs.node(name).getFileName()).resolve(attribute);
    }

    private Map<String, Path> nodesByName() throws Exception
    {
        final Map<String, Path> nodes = new TreeMap<>();
        for (final String name : List.of("infer-a", "infer-b", "train-a", "batch"))
        {
            nodes.put(name, devfs.node(name));
        }
        return nodes;
    }
}

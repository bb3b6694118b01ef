package dev.shadowdev.devfs.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.ManageResponse;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.NodeInfo;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.devfs.it.support.ProcessResult;
import dev.shadowdev.devfs.it.support.Processes;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node ABI through a real FUSE mount: the files, the Java client (jnr-ffi system calls), a Python client,
 * permissions, and sessions that block without stalling each other.
 */
class DevfsIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    static MountedDevfs devfs;

    @BeforeAll
    static void mount() throws Exception
    {
        // The temp dir is 0700: open it so that only the nodes' own modes decide who gets in.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        devfs = MountedDevfs.start(dir);
    }

    @AfterAll
    static void unmount()
    {
        if (devfs != null)
        {
            devfs.close();
        }
    }

    @Test
    void shouldShowTheDefaultLayout() throws Exception
    {
        final Path mount = devfs.mount;
        assertEquals(List.of("accel0", "accel1", "accel2", "accel3", "accel4", "cgroup"), list(mount.resolve("accel")));
        assertEquals("cgroup\n", Files.readString(mount.resolve("class/accel/accel1048575/partition")));
        assertEquals("-\n", Files.readString(mount.resolve("class/accel/accel1048575/resources")));
        assertEquals("", Files.readString(mount.resolve("cgroups")));
        assertEquals(List.of("batch", "infer-a", "infer-b", "train-a"), list(mount.resolve("by-name")));
        final Path inferA = devfs.node("infer-a");
        final String minor = inferA.getFileName().toString().substring("accel".length());
        final Path attrs = mount.resolve("class/accel/accel" + minor);
        assertEquals("261:" + minor + "\n", Files.readString(attrs.resolve("dev")));
        assertEquals("accel0\n", Files.readString(attrs.resolve("parent")));
        assertEquals("cores=3 memory=7516192768 bus_replicators=7 semaphores=14 dma_channels=3\n",
            Files.readString(attrs.resolve("resources")));
        assertEquals("-1\n", Files.readString(mount.resolve("class/accel/accel0/partition")));
        // A v1 partition is an elastic one with min = max (ABI.md 6): nothing used, borrowed or ever held yet.
        final String reserved = "cores=3 memory=7516192768 bus_replicators=7 semaphores=14 dma_channels=3\n";
        final String none = "cores=0 memory=0 bus_replicators=0 semaphores=0 dma_channels=0\n";
        assertEquals(List.of(reserved, reserved, none, none, none, "active\n"),
            List.of(Files.readString(attrs.resolve("min")), Files.readString(attrs.resolve("max")),
                Files.readString(attrs.resolve("current")), Files.readString(attrs.resolve("borrowed")),
                Files.readString(attrs.resolve("peak")), Files.readString(attrs.resolve("state"))));
        assertEquals("-\n", Files.readString(mount.resolve("class/accel/accel0/min")));
        assertTrue(Files.readString(attrs.resolve("events")).contains(" added partition="),
            Files.readString(attrs.resolve("events")));
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(inferA)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(mount.resolve("accel/accel0"))));
        final String metrics = Files.readString(mount.resolve("metrics"));
        assertTrue(metrics.contains("shadowdev_pool_total{node=\"accel" + minor
            + "\",partition=\"" + Files.readString(attrs.resolve("partition")).trim()
            + "\",name=\"infer-a\",resource=\"cores\"} 3\n"), metrics);
    }

    @Test
    void shouldRunEveryOpThroughAShadowNodeWithTheJavaClient() throws Exception
    {
        try (NodeClient node = NodeClient.open(devfs.node("infer-b")))
        {
            final NodeInfo info = node.info();
            assertTrue(info.isShadow() && info.isOnline(), info.toString());
            assertEquals("infer-b", info.name());
            assertEquals(5, node.status().major());

            final byte[] input = new byte[60 * 1024];
            new Random(42).nextBytes(input);
            final WorkloadRunner runner = new WorkloadRunner(node);
            assertArrayEquals(input, runner.run(image(WorkloadOp.ECHO, 0, 200_000), input).output());
            final CRC32C crc = new CRC32C();
            crc.update(input);
            final byte[] crcLe = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int)crc.getValue())
                .array();
            assertArrayEquals(crcLe, runner.run(image(WorkloadOp.CRC32C, 0, 10), input).output());
            final byte[] xored = input.clone();
            for (int i = 0; i < xored.length; i++)
            {
                xored[i] ^= 0x5A;
            }
            assertArrayEquals(xored, runner.run(image(WorkloadOp.XOR8, 0x5A, 10), input).output());

            for (final int size : new int[] {64, 4096, 60 * 1024})
            {
                final byte[] data = new byte[size];
                new Random(size).nextBytes(data);
                assertArrayEquals(data, node.transact(new ManageRequest().passthrough(data)).requireOk()
                    .passthrough(0), "PASSTHROUGH " + size);
            }
        }
    }

    @Test
    void shouldKeepAShadowNodeInsideItsPartition() throws Exception
    {
        try (NodeClient node = NodeClient.open(devfs.node("infer-a")))
        {
            final List<PartitionEntry> seen = node.partQuery();
            assertEquals(List.of("infer-a"), seen.stream().map(PartitionEntry::name).toList());
            final NodeException create = assertThrows(NodeException.class,
                () -> node.partCreate("stolen", Resources.of(1, 1, 0, 0, 1)));
            assertEquals(Errno.EPERM, create.errno(), create.getMessage());
            final int other = partitionOf("infer-b");
            final NodeException destroy = assertThrows(NodeException.class, () -> node.partDestroy(other, true));
            assertEquals(Errno.EPERM, destroy.errno(), destroy.getMessage());
            final NodeException partDev = assertThrows(NodeException.class, () -> node.partDev(other, -1));
            assertEquals(Errno.EPERM, partDev.errno(), partDev.getMessage());

            // More than the partition holds is refused with the short resource named, even though the card has it.
            final WorkloadRunner runner = new WorkloadRunner(node);
            runner.load(0, new WorkloadImageWriter().name("greedy").needs(new long[] {4, 1 << 20, 0, 0, 1})
                .op(WorkloadOp.ECHO).payload(new byte[16]).toBytes());
            final NodeException greedy = assertThrows(NodeException.class, () -> runner.activate(0));
            assertEquals(Errno.ENOSPC, greedy.errno(), greedy.getMessage());
            assertTrue(greedy.getMessage().contains("short=cores"), greedy.getMessage());
        }
    }

    @Test
    void shouldFollowTheReadRulesOfTheAbi() throws Exception
    {
        try (FileNodeChannel channel = FileNodeChannel.open(devfs.node("train-a"), true))
        {
            final ByteBuffer response = ByteBuffer.allocateDirect(131072).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0, channel.read(response), "nothing outstanding: read returns 0");

            final byte[] data = new byte[4096];
            final ByteBuffer request = new ManageRequest().tag(77).passthrough(data).buffer();
            assertEquals(request.remaining(), channel.write(request.duplicate()));
            assertEquals(1, channel.poll(10_000));
            final ByteBuffer small = ByteBuffer.allocateDirect(64);
            assertEquals(-Errno.EOVERFLOW.value(), channel.read(small), "a short buffer leaves the response queued");
            final int n = channel.read(response);
            assertEquals(16 + 16 + 4096, n);
            assertEquals(77, ManageResponse.parse(response, n).tag());

            final ByteBuffer malformed = ByteBuffer.allocateDirect(16).order(ByteOrder.LITTLE_ENDIAN);
            malformed.putInt(0, 16).putInt(4, 0).putInt(8, 1).putInt(12, 0);
            assertEquals(-Errno.EINVAL.value(), channel.write(malformed), "count 0 is refused at write");
        }
    }

    @Test
    void shouldKeepItsFuseWorkersUnderSteadyLoadInsteadOfStartingNewOnes() throws Exception
    {
        // 16 sessions, each blocked in read() between its exchanges: libfuse 2.9's loop ended a worker whenever
        // more than 10 were idle and started one when none was, about one new (JVM-attached) thread per exchange.
        final String[] names = {"infer-a", "infer-b", "train-a", "batch"};
        final Runnable round = () ->
        {
            final List<Thread> threads = new java.util.ArrayList<>();
            final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
            for (int s = 0; s < 16; s++)
            {
                final String name = names[s % names.length];
                threads.add(new Thread(() ->
                {
                    try (FileNodeChannel channel = FileNodeChannel.open(devfs.node(name), false))
                    {
                        final ByteBuffer response = ByteBuffer.allocateDirect(131072).order(ByteOrder.LITTLE_ENDIAN);
                        final ByteBuffer request = new ManageRequest().tag(5).passthrough(new byte[512]).buffer();
                        for (int i = 0; i < 300; i++)
                        {
                            assertEquals(request.remaining(), channel.write(request.duplicate()));
                            response.clear();
                            assertEquals(16 + 16 + 512, channel.read(response));
                        }
                    }
                    catch (final Throwable ex)
                    {
                        failure.compareAndSet(null, ex);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (final Thread t : threads)
            {
                try
                {
                    t.join(TIMEOUT.toMillis());
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                assertTrue(!t.isAlive(), "load thread still running after " + TIMEOUT);
            }
            if (failure.get() != null)
            {
                throw new AssertionError("load round failed", failure.get());
            }
            // Releases are asynchronous: let the last round's closes finish before counting.
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (devfs.devfs.driver().openSessions() > 0 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            assertEquals(0, devfs.devfs.driver().openSessions());
        };
        round.run();
        final int afterFirst = devfs.devfs.fuseWorkersStarted();
        round.run();
        final int afterSecond = devfs.devfs.fuseWorkersStarted();
        // A worker is started only when one is about to wait while none reads: at most one per request that can
        // be waiting at once (each session's read, and each session's release waiting for its TERMINATE), plus the
        // readers, however many exchanges there are; none ends while fewer than 64 are spare.
        final int bound = 2 * 16 + dev.shadowdev.devfs.fs.FuseRequestLoop.MAX_READERS + 1;
        assertTrue(afterSecond <= bound, "workers started in two rounds of 4800 exchanges: " + afterSecond +
            " (after the first: " + afterFirst + ") bound=" + bound);
    }

    @Test
    void shouldServeAPythonClient() throws Exception
    {
        final Path image = dir.resolve("py.img");
        Files.write(image, image(WorkloadOp.XOR8, 0xFF, 64));
        final Path input = dir.resolve("py.in");
        Files.writeString(input, "hello");
        final ProcessResult result = Processes.run(List.of("/usr/bin/python3", sdnode().toString(), "workload",
            devfs.node("batch").toString(), image.toString(), input.toString()), null, TIMEOUT);
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("\"output\": \"979a939390\""), result.stdout());
        assertTrue(result.stdout().contains("\"partitions\": [\"batch\"]"), result.stdout());
    }

    @Test
    void shouldRefuseTheBaseNodeToOtherUsers() throws Exception
    {
        final Path base = devfs.mount.resolve("accel/accel0");
        final ProcessResult result = Processes.run(List.of("setpriv", "--reuid=65534", "--regid=65534",
            "--clear-groups", "/usr/bin/python3", "-c", "import os; os.open('" + base + "', os.O_RDWR)"), null,
            TIMEOUT);
        assertNotEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("PermissionError"), result.describe());

        // chmod on a node is kept: open it to everyone, and the same user gets in.
        final Path batch = devfs.node("batch");
        final var before = Files.getPosixFilePermissions(batch);
        Files.setPosixFilePermissions(batch, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        try
        {
            final ProcessResult allowed = Processes.run(List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "/usr/bin/python3", sdnode().toString(), "info", batch.toString()), null, TIMEOUT);
            assertEquals(0, allowed.exitCode(), allowed.describe());
            assertTrue(allowed.stdout().contains("\"name\": \"batch\""), allowed.stdout());
        }
        finally
        {
            Files.setPosixFilePermissions(batch, before);
        }
    }

    static int partitionOf(final String name) throws Exception
    {
        final Path node = devfs.node(name);
        return Integer.parseInt(Files.readString(devfs.mount.resolve("class/accel/" + node.getFileName())
            .resolve("partition")).trim());
    }

    static byte[] image(final int op, final int opArg, final int payload)
    {
        return new WorkloadImageWriter().name("it-" + op).needs(new long[] {1, 1 << 20, 0, 0, 1}).op(op)
            .opArg(opArg).payload(new byte[payload]).toBytes();
    }

    static Path sdnode()
    {
        return Path.of("src/test/python/sdnode.py").toAbsolutePath();
    }

    private static List<String> list(final Path dir) throws Exception
    {
        try (var stream = Files.list(dir))
        {
            return stream.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

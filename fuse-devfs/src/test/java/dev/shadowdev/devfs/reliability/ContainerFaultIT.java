package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.model.PartitionInfo;
import dev.shadowdev.testkit.FuzzRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault tests of {@link StaleNodeIT} and {@link ClientKillIT} with real runc containers: a busybox rootfs with
 * the host's {@code /usr} bound read-only (for {@code /usr/bin/python3} and the test's {@code sdnode.py} client)
 * and a shadow node bind-mounted at {@code /dev/accel/accel0}, as {@code ContainerIT} runs them. The container
 * prints {@code READY ...} on stdout when it holds what the test needs, and waits for {@code GO} on its stdin.
 * <ul>
 *     <li>Stale node: the container opens its node and runs a workload; {@code shadowdev apply} without --force is
 *     refused (the partition is busy) and changes nothing; with --force it destroys the partition and creates
 *     another one, which gets the same minor. The container's open file then answers ENODEV (19) to write, read,
 *     SD_IOC_INFO and SD_IOC_MANAGE, so it never reaches the new partition; a fresh open on the host reaches only
 *     the new one. The container then opens its {@code /dev/accel/accel0} again: that must fail or reach the
 *     partition now at the minor, never the destroyed one; which of the two it is goes into the summary line (the
 *     open is by path, so today the container's old bind mount reaches the new partition).</li>
 *     <li>SIGKILL: the container opens two sessions, activates workloads on every core of its partition, leaves
 *     requests unread and blocks; {@code runc kill ID KILL} ends it (exit 137) and the partition's {@code free}
 *     attribute is back to its value before the container within {@link #FREE_WITHIN_MS}, with no workload left;
 *     then a fresh session runs a workload that needs every core and DMA channel of the partition.</li>
 * </ul>
 */
class ContainerFaultIT
{
    private static final Logger LOG = FuzzRun.logger(ContainerFaultIT.class);
    private static final int CI_KILLS = 1;
    /** How long after {@code runc kill} starts the partition's {@code free} must be whole again. */
    private static final long FREE_WITHIN_MS = 5_000;
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(10);
    private static final int ENODEV = 19;
    private static final int HELD_SESSIONS = 2;
    private static final int HELD_WORKLOADS = 3;
    /** One core, 1 MiB and one DMA channel: three of them take every core and DMA channel of a config partition. */
    private static final long[] ONE_WORKLOAD = {1, 1 << 20, 0, 0, 1};
    private static final String CONTAINER_PROGRAM = """
        import errno, sys
        sys.path.insert(0, "/work")
        import sdnode


        def attempt(what, call):
            # One operation: "<what> errno=<n> <NAME>" when it fails, "<what> ok <result>" when it does not.
            try:
                result = call()
            except OSError as e:
                print("%s errno=%d %s" % (what, e.errno, errno.errorcode.get(e.errno, "?")), flush=True)
            else:
                print("%s ok %r" % (what, result), flush=True)


        def load_activate(node, slot, image, tag):
            r = sdnode.transact(node, tag, [sdnode.dma_xfer(slot, 0, image), sdnode.activate(slot)])
            return r["transactions"][1]["dbc_id"]


        mode, path, image = sys.argv[1], sys.argv[2], open(sys.argv[3], "rb").read()
        if mode == "stale":
            node = sdnode.Node(path)
            info = node.info()
            dbc = load_activate(node, 0, image, 1)
            out = sdnode.transact(node, 2, [sdnode.execute(dbc, b"stale-ok")])["transactions"][0]["data"]
            print("READY name=%s minor=%d partition=%d output=%s"
                  % (info["name"], info["minor"], info["partition_id"], bytes.fromhex(out).decode()), flush=True)
            if sys.stdin.readline() != "GO\\n":
                sys.exit(3)
            attempt("write", lambda: node.write_message(sdnode.encode_message(3, [sdnode.status()])))
            attempt("execute", lambda: node.write_message(sdnode.encode_message(4, [sdnode.execute(dbc, b"8 bytes!")])))
            attempt("read", lambda: node.read_response())
            attempt("SD_IOC_INFO", lambda: node.info())
            attempt("SD_IOC_MANAGE", lambda: node.manage_sync(sdnode.encode_message(5, [sdnode.part_query()])))
            node.close()
            try:
                fresh = sdnode.Node(path)
                again = fresh.info()
                fresh.close()
                print("reopen name=%s partition=%d" % (again["name"], again["partition_id"]), flush=True)
            except OSError as e:
                print("reopen errno=%d %s" % (e.errno, errno.errorcode.get(e.errno, "?")), flush=True)
            print("DONE", flush=True)
        elif mode == "hold":
            sessions, workloads = int(sys.argv[4]), int(sys.argv[5])
            nodes = [sdnode.Node(path) for _ in range(sessions)]
            dbcs = [load_activate(nodes[k % sessions], k, image, 10 + k) for k in range(workloads)]
            for i, node in enumerate(nodes):
                for j in range(4):
                    node.write_message(sdnode.encode_message(1000 + 10 * i + j, [sdnode.passthrough(b"x" * 4096)]))
            print("READY sessions=%d workloads=%d" % (sessions, len(dbcs)), flush=True)
            sys.stdin.read()
            sys.exit(4)
        else:
            sys.exit(2)
        """;

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();
    private static Path work;

    @BeforeAll
    static void prepare() throws Exception
    {
        work = RuncContainer.workWithClient(devfs.dir);
        Files.writeString(work.resolve("faults.py"), CONTAINER_PROGRAM);
        Files.write(work.resolve("one.img"), image("one", ONE_WORKLOAD));
    }

    @Test
    void aContainerWhosePartitionIsDestroyedGetsEnodevAndNeverReachesThePartitionThatReusesItsMinor()
        throws Exception
    {
        final String original = Files.readString(devfs.config);
        final Path withA = devfs.dir.resolve("with-stale-a.toml");
        final Path withB = devfs.dir.resolve("with-stale-b.toml");
        Files.writeString(withA, original + partition("stale-a"));
        Files.writeString(withB, original + partition("stale-b"));
        final String[] created = devfs.cli("apply", "--config", withA.toString());
        assertEquals("0", created[0], String.join("\n", created));
        final int minor;
        String reopened;
        try
        {
            minor = devfs.minor("stale-a");
            final int oldId = devfs.partitionId("stale-a");
            try (RuncContainer container = start("stale", devfs.node("stale-a")))
            {
                final String ready = container.awaitLine("READY", READY_WITHIN);
                assertEquals("READY name=stale-a minor=" + minor + " partition=" + oldId + " output=stale-ok", ready,
                    container.describe());
                assertEquals("1", devfs.attribute(minor, "workloads"), "the container's workload is active");

                final String[] busy = devfs.cli("apply", "--config", withB.toString());
                assertEquals("1", busy[0], String.join("\n", busy));
                assertTrue(busy[1].lines().anyMatch(("refused: destroy stale-a: partition has active workloads " +
                    "(--force to destroy anyway): id=" + oldId + " active=1")::equals), busy[1]);
                assertEquals("apply: refused, nothing changed\n", busy[2]);
                assertEquals(List.of("batch", "infer-a", "infer-b", "stale-a", "train-a"), byName());
                assertEquals(Integer.toString(oldId), devfs.attribute(minor, "partition"));

                final String[] forced = devfs.cli("apply", "--force", "--config", withB.toString());
                assertEquals("0", forced[0], String.join("\n", forced));
                assertEquals(List.of("batch", "infer-a", "infer-b", "stale-b", "train-a"), byName());
                assertEquals(List.of("infer-a", "infer-b", "train-a", "batch", "stale-b"),
                    devfs.firmware().queryPartitions(-1, 0).stream().map(PartitionInfo::name).toList(),
                    "stale-a is gone from the card");
                assertEquals(minor, devfs.minor("stale-b"), "the new partition's node reuses the old minor");
                final int newId = devfs.partitionId("stale-b");
                assertNotEquals(oldId, newId);
                assertEquals(Integer.toString(newId), devfs.attribute(minor, "partition"));
                assertTrue(devfs.attribute(minor, "dev").endsWith(":" + minor), devfs.attribute(minor, "dev"));

                container.send("GO");
                assertEquals(0, container.awaitExit(EXIT_WITHIN), container.describe());
                final String enodev = " errno=" + ENODEV + " ENODEV";
                final List<String> out = container.stdout();
                assertEquals(8, out.size(), container.describe());
                assertEquals(List.of(ready, "write" + enodev, "execute" + enodev, "read" + enodev,
                    "SD_IOC_INFO" + enodev, "SD_IOC_MANAGE" + enodev), out.subList(0, 6), container.describe());
                reopened = out.get(6);
                assertTrue(reopened.matches("reopen errno=\\d+ [A-Z]+") ||
                    reopened.equals("reopen name=stale-b partition=" + newId),
                    "a new open of the container's path fails or reaches the minor's current partition: " + reopened);
                assertEquals("DONE", out.get(7), container.describe());
            }

            assertEquals("0", devfs.attribute(minor, "workloads"), "nothing reached the new partition");
            assertEquals(devfs.attribute(minor, "resources"), devfs.attribute(minor, "free"));
            try (NodeClient fresh = NodeClient.open(devfs.mount.resolve("accel/accel" + minor)))
            {
                assertEquals("stale-b", fresh.info().name());
                assertEquals(List.of("stale-b"), fresh.partQuery().stream().map(PartitionEntry::name).toList());
                final byte[] input = "fresh".getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(input, new WorkloadRunner(fresh).run(image("fresh", ONE_WORKLOAD), input).output());
            }
        }
        finally
        {
            final String[] restored = devfs.cli("apply", "--force", "--config", devfs.config.toString());
            if (!"0".equals(restored[0]))
            {
                LOG.warn("restoring the config failed: {}", String.join("\n", restored));
            }
        }
        devfs.assertHealthyAndIdle();
        LOG.info("container stale node: minor={} reused=true old_fd write/execute/read/SD_IOC_INFO/SD_IOC_MANAGE " +
            "errno={} (ENODEV) apply_without_force=refused new_open_in_container=\"{}\"", minor, ENODEV, reopened);
    }

    @Test
    void aContainerKilledWithSigkillGivesBackEverythingItHeld() throws Exception
    {
        final int kills = FuzzRun.scaled(CI_KILLS);
        final List<Long> freedMs = new ArrayList<>();
        final List<Long> runcKillMs = new ArrayList<>();
        for (int k = 0; k < kills; k++)
        {
            final String name = ReliabilityMount.NAMES.get((k + 1) % ReliabilityMount.NAMES.size());
            final int minor = devfs.minor(name);
            final String resources = devfs.attribute(minor, "resources");
            final String before = devfs.attribute(minor, "free");
            assertEquals(resources, before, name + " is idle before the container starts");
            assertEquals("0", devfs.attribute(minor, "workloads"));
            try (RuncContainer container = start("hold", devfs.node(name), Integer.toString(HELD_SESSIONS),
                Integer.toString(HELD_WORKLOADS)))
            {
                final String ready = container.awaitLine("READY", READY_WITHIN);
                assertEquals("READY sessions=" + HELD_SESSIONS + " workloads=" + HELD_WORKLOADS, ready,
                    container.describe());
                assertEquals(minus(resources, HELD_WORKLOADS, ONE_WORKLOAD), devfs.attribute(minor, "free"),
                    name + ": the container holds every core and DMA channel");
                assertEquals(Integer.toString(HELD_WORKLOADS), devfs.attribute(minor, "workloads"));

                final long killed = System.nanoTime();
                container.kill("KILL");
                runcKillMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
                assertEquals(128 + 9, container.awaitExit(EXIT_WITHIN), "ended by SIGKILL: " + container.describe());
                while (!before.equals(devfs.attribute(minor, "free")))
                {
                    assertTrue(System.nanoTime() - killed < TimeUnit.MILLISECONDS.toNanos(FREE_WITHIN_MS),
                        name + ": free=" + devfs.attribute(minor, "free") + " after " + FREE_WITHIN_MS + " ms");
                    Thread.sleep(5);
                }
                freedMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
                assertEquals("0", devfs.attribute(minor, "workloads"));
                assertEquals(List.of(ready), container.stdout(), "nothing after READY: " + container.describe());
            }

            final long[] all = vector(resources);
            final byte[] input = "after the kill".getBytes(StandardCharsets.UTF_8);
            try (NodeClient fresh = NodeClient.open(devfs.node(name)))
            {
                assertArrayEquals(input, new WorkloadRunner(fresh).run(image("whole",
                    new long[]{all[0], 1 << 20, 0, 0, all[4]}), input).output(), "a workload on every core");
            }
            devfs.assertHealthyAndIdle();
        }
        Collections.sort(freedMs);
        LOG.info("container kills: kills={} sessions_per_container={} workloads_per_container={} freed_ms={} " +
            "max_ms={} (from the start of runc kill, which itself took {} ms)", kills, HELD_SESSIONS, HELD_WORKLOADS,
            freedMs, freedMs.get(freedMs.size() - 1), runcKillMs);
    }

    /** A container running {@code faults.py MODE /dev/accel/accel0 /work/one.img ARGS} with {@code node} there. */
    private static RuncContainer start(final String mode, final Path node, final String... args) throws Exception
    {
        final List<String> argv = new ArrayList<>(List.of("faults.py", mode, "/dev/accel/accel0", "/work/one.img"));
        argv.addAll(List.of(args));
        return RuncContainer.startPython(devfs.dir, work, node, argv.toArray(String[]::new));
    }

    private static byte[] image(final String name, final long[] needs)
    {
        return new WorkloadImageWriter().name(name).needs(needs[0], needs[1], needs[2], needs[3], needs[4])
            .op(WorkloadOp.ECHO).payload(new byte[64]).toBytes();
    }

    private static String partition(final String name)
    {
        return "\n[[partition]]\nname = \"" + name + "\"\ncores = 1\nmemory = \"64MiB\"\nbus_replicators = 0\n" +
            "semaphores = 0\ndma_channels = 1\nmode = \"0660\"\nuid = 0\ngid = 0\n";
    }

    /** @return the names in {@code by-name/}, sorted (the listing is not cached, a lookup may be for 1 s). */
    private static List<String> byName() throws Exception
    {
        try (var names = Files.list(devfs.mount.resolve("by-name")))
        {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** @return the five amounts of a {@code cores=.. memory=.. ...} attribute, in ABI order. */
    private static long[] vector(final String attribute)
    {
        final String[] fields = attribute.split(" ");
        assertEquals(Resource.COUNT, fields.length, attribute);
        final long[] values = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            final String prefix = Resource.of(i).key() + "=";
            assertTrue(fields[i].startsWith(prefix), attribute);
            values[i] = Long.parseLong(fields[i].substring(prefix.length()));
        }
        return values;
    }

    /** @return {@code attribute} less {@code times} x {@code needs}, written as the attribute files write it. */
    private static String minus(final String attribute, final int times, final long[] needs)
    {
        final long[] values = vector(attribute);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Resource.COUNT; i++)
        {
            sb.append(i > 0 ? " " : "").append(Resource.of(i).key()).append('=').append(values[i] - times * needs[i]);
        }
        return sb.toString();
    }
}

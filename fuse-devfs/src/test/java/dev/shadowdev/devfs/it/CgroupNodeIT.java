package dev.shadowdev.devfs.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.ManageResponse;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.it.support.Cgroups;
import dev.shadowdev.devfs.it.support.ProcessResult;
import dev.shadowdev.devfs.it.support.Runc;
import dev.shadowdev.devfs.it.support.RuncBundle;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ManageMessageWriter;
import dev.shadowdev.wire.node.PartBindRequestFlyweight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ABI.md 7 with real runc containers: every container bind-mounts the same {@code accel/cgroup} file at
 * {@code /dev/accel/accel0}; where runc put it ({@code linux.cgroupsPath}) decides which partition it reaches.
 * The bindings are made with PART_BIND on the base node, as any privileged program would. The containers run
 * {@link #TENANT} (Python, with {@code sdnode.py}) and talk to this test through files in {@code /work}.
 */
class CgroupNodeIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A cgroup subtree of this run's own, removed at the end. */
    private static final String ROOT = "/shadowdev-it-" + ProcessHandle.current().pid();
    private static final String TENANT_A = ROOT + "/tenant-a";
    private static final String TENANT_B = ROOT + "/tenant-b";

    /** What a container runs: {@code tenant.py MODE [ARGS]}, see each mode. */
    private static final String TENANT = """
        import json, os, sys, time
        sys.path.insert(0, "/work")
        import sdnode
        NODE = "/dev/accel/accel0"
        SIGNALS = "/work/signals"

        def wait_for(name):
            deadline = time.time() + 90
            while not os.path.exists(os.path.join(SIGNALS, name)):
                if time.time() > deadline:
                    raise SystemExit("timeout waiting for " + name)
                time.sleep(0.01)

        def signal(name, text=""):
            tmp = os.path.join(SIGNALS, name + ".tmp")
            with open(tmp, "w") as f:
                f.write(text)
            os.rename(tmp, os.path.join(SIGNALS, name))

        def describe(node):
            info = node.info()
            parts = sdnode.transact(node, 50, [sdnode.part_query()])["transactions"][0]["partitions"]
            return {"name": info["name"], "partition_id": info["partition_id"], "flags": info["flags"],
                    "partitions": [p["name"] for p in parts]}

        def refusal(call):
            try:
                call()
                return "OK"
            except OSError as e:
                return sdnode.errno_name(e.errno)
            except ValueError as e:
                return str(e).split("status=")[-1]

        mode = sys.argv[1]
        if mode == "work":
            # Run a workload on my partition; then, given another tenant's active dbc_id, try to use it.
            with open(sys.argv[2], "rb") as f:
                image = f.read()
            result = sdnode.run_workload(NODE, image, b"hello")
            node = sdnode.Node(NODE)
            result["me"] = describe(node)
            if len(sys.argv) > 3:
                wait_for(sys.argv[3])
                with open(os.path.join(SIGNALS, sys.argv[3])) as f:
                    foreign = int(f.read())
                result["foreign_execute"] = refusal(lambda: sdnode.transact(node, 60, [sdnode.execute(foreign, b"x" * 8)]))
                result["foreign_deactivate"] = refusal(lambda: sdnode.transact(node, 61, [sdnode.deactivate(foreign)]))
            print(json.dumps(result, sort_keys=True))
        elif mode == "hold":
            # Keep a workload active on my partition until told to let go.
            with open(sys.argv[2], "rb") as f:
                image = f.read()
            node = sdnode.Node(NODE)
            sdnode.transact(node, 1, [sdnode.dma_xfer(0, 0, image)])
            dbc = sdnode.transact(node, 2, [sdnode.activate(0)])["transactions"][0]["dbc_id"]
            signal("held", str(dbc))
            wait_for("release")
            out = sdnode.transact(node, 3, [sdnode.execute(dbc, b"hello")])["transactions"][0]["data"]
            sdnode.transact(node, 4, [sdnode.deactivate(dbc)])
            print(json.dumps({"me": describe(node), "output": out}, sort_keys=True))
        elif mode == "move":
            # Open, get moved to another cgroup, then use the old session and open a new one.
            first = sdnode.Node(NODE)
            before = describe(first)
            signal("opened")
            wait_for("moved")
            print(json.dumps({"before": before, "kept": describe(first), "reopened": describe(sdnode.Node(NODE))},
                             sort_keys=True))
        elif mode == "doomed":
            # Open, and after my partition was destroyed, write again.
            node = sdnode.Node(NODE)
            me = describe(node)
            signal("bound")
            wait_for("destroyed")
            print(json.dumps({"me": me, "after": refusal(lambda: node.write_message(
                sdnode.encode_message(7, [sdnode.status()])))}, sort_keys=True))
        elif mode == "open":
            print(json.dumps({"open": refusal(lambda: sdnode.Node(NODE))}))
        """;

    @TempDir
    static Path dir;

    static MountedDevfs devfs;
    static Path work;
    static Path signals;
    static Path cgroupNode;
    static int idA;
    static int idB;

    @BeforeAll
    static void mount() throws Exception
    {
        devfs = MountedDevfs.start(dir);
        work = Files.createDirectories(dir.resolve("work"));
        signals = Files.createDirectories(work.resolve("signals"));
        Files.copy(DevfsIT.sdnode(), work.resolve("sdnode.py"));
        Files.writeString(work.resolve("tenant.py"), TENANT);
        Files.write(work.resolve("xor.img"), DevfsIT.image(WorkloadOp.XOR8, 0xFF, 4096));
        cgroupNode = devfs.mount.resolve("accel/cgroup");
        idA = partitionId("infer-a");
        idB = partitionId("infer-b");
        assertEquals(0, partBind(idA, TENANT_A, 0));
        assertEquals(0, partBind(idB, TENANT_B, 0));
    }

    @AfterAll
    static void unmount()
    {
        if (devfs != null)
        {
            devfs.close();
        }
        Cgroups.removeTree(ROOT);
    }

    @Test
    void twoContainersWithTheSameBindMountReachTheirOwnPartitionsOnly() throws Exception
    {
        final CompletableFuture<ProcessResult> holder = start("holder", TENANT_B + "/hold", "hold", "/work/xor.img");
        final ProcessResult worker = run("worker", TENANT_A, "work", "/work/xor.img", "held");
        signal("release");
        final ProcessResult held = holder.join();

        assertEquals(0, worker.exitCode(), worker.describe());
        assertEquals(0, held.exitCode(), held.describe());
        final JsonNode a = JSON.readTree(worker.stdout());
        final JsonNode b = JSON.readTree(held.stdout());
        assertEquals("979a939390", a.get("output").asText());
        assertEquals("979a939390", b.get("output").asText());
        assertSees(a.get("me"), "infer-a", idA);
        assertSees(b.get("me"), "infer-b", idB);
        assertEquals("EACCES", a.get("foreign_execute").asText(), worker.stdout());
        assertEquals("EACCES", a.get("foreign_deactivate").asText(), worker.stdout());
        assertEquals(List.of(TENANT_A + " infer-a " + idA, TENANT_B + " infer-b " + idB), listing());
    }

    @Test
    void aContainerInAnUnboundCgroupIsRefusedAtOpen() throws Exception
    {
        final ProcessResult result = run("stranger", ROOT + "/tenant-ab", "open");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("EACCES", JSON.readTree(result.stdout()).get("open").asText());
    }

    @Test
    void aMovedProcessKeepsItsSessionAndItsNextOpenFollowsItsNewCgroup() throws Exception
    {
        final String id = Runc.newId();
        final CompletableFuture<ProcessResult> mover = startAs(id, "mover", TENANT_A + "/mover", "move");
        awaitSignal("opened");
        Cgroups.move(Runc.pid(id), TENANT_B + "/moved");
        signal("moved");
        final ProcessResult result = mover.join();

        assertEquals(0, result.exitCode(), result.describe());
        final JsonNode json = JSON.readTree(result.stdout());
        assertSees(json.get("before"), "infer-a", idA);
        assertSees(json.get("kept"), "infer-a", idA);
        assertSees(json.get("reopened"), "infer-b", idB);
    }

    @Test
    void aPartitionDestroyedUnderABoundSessionAnswersEnodev() throws Exception
    {
        final int doomed;
        try (NodeClient base = NodeClient.open(baseNode()))
        {
            doomed = base.partCreate("doomed", dev.shadowdev.devfs.resource.Resources.of(1, 1L << 30, 1, 1, 1));
        }
        assertEquals(0, partBind(doomed, ROOT + "/doomed", 0));
        final CompletableFuture<ProcessResult> victim = start("victim", ROOT + "/doomed", "doomed");
        awaitSignal("bound");
        try (NodeClient base = NodeClient.open(baseNode()))
        {
            base.partDestroy(doomed, false);
        }
        assertTrue(listing().stream().noneMatch(line -> line.contains("doomed")), listing().toString());
        signal("destroyed");
        final ProcessResult result = victim.join();

        assertEquals(0, result.exitCode(), result.describe());
        final JsonNode json = JSON.readTree(result.stdout());
        assertSees(json.get("me"), "doomed", doomed);
        assertEquals("ENODEV", json.get("after").asText());
    }

    /**
     * podman through the CDI device {@code cgroup} that {@code shadowdev cdi} writes: the same device in two
     * containers whose {@code --cgroup-parent} differ reaches two partitions (podman puts each container in a cgroup
     * of its own under its parent, which the bound parent path covers).
     */
    @Test
    void podmanContainersGivenTheCgroupCdiDeviceReachThePartitionOfTheirCgroupParent() throws Exception
    {
        final String kind = "shadowdev-cg-it.dev/accel";
        final Path spec = dev.shadowdev.devfs.it.support.Podman.RUNTIME_CDI_DIR.resolve(
            "shadowdev-cg-it-" + ProcessHandle.current().pid() + ".json");
        Files.createDirectories(spec.getParent());
        try
        {
            final MountedDevfs.Cli cdi = devfs.cli("cdi", "--kind", kind, "-o", spec.toString());
            assertEquals(0, cdi.status(), cdi.toString());
            assertTrue(Files.readString(spec).contains(cgroupNode.toString()), Files.readString(spec));
            final Path rootfs = dev.shadowdev.devfs.it.support.BusyboxRootfs.create(dir.resolve("podman-rootfs"));
            ContainerIT.pythonReady(rootfs);
            for (final String[] tenant : new String[][] { { TENANT_A, "infer-a" }, { TENANT_B, "infer-b" } })
            {
                final ProcessResult result = dev.shadowdev.devfs.it.support.Podman.run(rootfs,
                    List.of(kind + "=cgroup"), List.of("-v", "/usr:/usr:ro", "-v", work + ":/work",
                        "--cgroup-parent", tenant[0]), TIMEOUT,
                    "/usr/bin/python3", "-B", "/work/tenant.py", "work", "/work/xor.img");

                assertEquals(0, result.exitCode(), result.describe());
                final JsonNode json = JSON.readTree(result.stdout());
                assertEquals("979a939390", json.get("output").asText());
                assertSees(json.get("me"), tenant[1], tenant[1].equals("infer-a") ? idA : idB);
            }
        }
        finally
        {
            Files.deleteIfExists(spec);
        }
    }

    @Test
    void partBindRefusesBadPathsAndChangesNothing() throws Exception
    {
        final List<String> before = listing();
        assertEquals(Errno.EEXIST.status(), partBind(idB, TENANT_A, 0));
        assertEquals(Errno.EINVAL.status(), partBind(idB, "relative/path", 0));
        assertEquals(Errno.EINVAL.status(), partBind(idB, ROOT + "/../etc", 0));
        assertEquals(Errno.ENAMETOOLONG.status(), partBind(idB, "/" + "x".repeat(4096), 0));
        assertEquals(Errno.ENOENT.status(), partBind(idB, TENANT_A, PartBindRequestFlyweight.FLAG_UNBIND));
        assertEquals(Errno.ENOENT.status(), partBind(99_999, ROOT + "/nowhere", 0));
        try (NodeClient shadow = NodeClient.open(devfs.node("infer-a")))
        {
            assertEquals(Errno.EPERM.status(), partBind(shadow, idA, ROOT + "/mine", 0));
        }
        assertEquals(before, listing());
    }

    private static void assertSees(final JsonNode me, final String name, final int id)
    {
        assertEquals(name, me.get("name").asText(), me.toString());
        assertEquals(id, me.get("partition_id").asInt(), me.toString());
        assertEquals(List.of(name), JSON.convertValue(me.get("partitions"), List.class), me.toString());
    }

    private static ProcessResult run(final String name, final String cgroup, final String... args) throws Exception
    {
        return Runc.run(bundle(name, cgroup, args), Runc.newId(), TIMEOUT);
    }

    private static CompletableFuture<ProcessResult> start(final String name, final String cgroup,
        final String... args) throws Exception
    {
        return startAs(Runc.newId(), name, cgroup, args);
    }

    private static CompletableFuture<ProcessResult> startAs(final String id, final String name, final String cgroup,
        final String... args) throws Exception
    {
        final RuncBundle bundle = bundle(name, cgroup, args);
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return Runc.run(bundle, id, TIMEOUT);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
    }

    private static RuncBundle bundle(final String name, final String cgroup, final String... args) throws Exception
    {
        final RuncBundle bundle = RuncBundle.create(dir.resolve("bundle-" + name));
        ContainerIT.pythonReady(bundle.dir().resolve("rootfs"));
        final List<String> argv = new ArrayList<>(List.of("/usr/bin/python3", "-B", "/work/tenant.py"));
        argv.addAll(List.of(args));
        return bundle.bind(cgroupNode, "/dev/accel/accel0")
            .bindReadOnly(Path.of("/usr"), "/usr")
            .bind(work, "/work")
            .cgroupsPath(cgroup)
            .args(argv.toArray(String[]::new))
            .write();
    }

    private static void signal(final String name) throws IOException
    {
        Files.writeString(signals.resolve(name), "");
    }

    private static void awaitSignal(final String name) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(signals.resolve(name)))
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("no signal from the container: name=" + name);
            }
            Thread.sleep(10);
        }
    }

    private static List<String> listing() throws IOException
    {
        return Files.readAllLines(devfs.mount.resolve("cgroups"));
    }

    private static Path baseNode()
    {
        return devfs.mount.resolve("accel/accel0");
    }

    private static int partitionId(final String name) throws Exception
    {
        try (NodeClient base = NodeClient.open(baseNode()))
        {
            for (final PartitionEntry entry : base.partQuery())
            {
                if (entry.name().equals(name))
                {
                    return entry.id();
                }
            }
        }
        throw new AssertionError("no partition: name=" + name);
    }

    private static int partBind(final int partitionId, final String path, final int flags) throws Exception
    {
        try (NodeClient base = NodeClient.open(baseNode()))
        {
            return partBind(base, partitionId, path, flags);
        }
    }

    /** One PART_BIND written to a node file as raw bytes (ABI.md 7): @return its status. */
    private static int partBind(final NodeClient node, final int partitionId, final String path, final int flags)
        throws Exception
    {
        final byte[] raw = path.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer message = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
        final ManageMessageWriter writer = new ManageMessageWriter().wrap(new WireBuffer(message), 0, 8192);
        writer.begin(42);
        writer.appendPartBind(partitionId, flags, new WireBuffer(raw), 0, raw.length);
        final int length = writer.finish();
        message.limit(length);
        assertEquals(length, node.channel().write(message));
        final ByteBuffer response = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        final int n = node.channel().read(response);
        return ManageResponse.parse(response, n).status(0);
    }
}

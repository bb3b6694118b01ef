package dev.shadowdev.dra.it;

import dev.shadowdev.devfs.client.ActivateResult;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.dra.Dra;
import dev.shadowdev.dra.claim.ClaimCdiSpec;
import dev.shadowdev.dra.claim.ClaimPreparer;
import dev.shadowdev.dra.plugin.KubeletPlugin;
import dev.shadowdev.dra.plugin.PluginOptions;
import dev.shadowdev.dra.plugin.RegistrationService;
import dev.shadowdev.dra.proto.registration.PluginInfo;
import dev.shadowdev.dra.proto.v1.Claim;
import dev.shadowdev.dra.proto.v1.Device;
import dev.shadowdev.dra.proto.v1.NodePrepareResourceResponse;
import dev.shadowdev.dra.slices.SliceRules;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kubelet plugin end to end: a kubelet stand-in registers it over its registration socket and prepares and
 * unprepares claims over its DRA socket; the claims live in fabric8's mock API server; the partitions, nodes and
 * CDI specs are real, and podman runs a workload through a prepared claim.
 */
class DraPluginIT
{
    @TempDir
    static Path dir;

    static DraFixture fixture;
    static Resources freeAtStart;

    @TempDir
    Path root;

    KubeletPlugin plugin;
    KubeletStandIn kubelet;

    @BeforeAll
    static void start() throws Exception
    {
        fixture = DraFixture.start(dir);
        freeAtStart = fixture.free();
    }

    @AfterAll
    static void stop()
    {
        if (fixture != null)
        {
            fixture.close();
        }
    }

    @AfterEach
    void closePlugin() throws Exception
    {
        if (kubelet != null)
        {
            kubelet.close();
        }
        if (plugin != null)
        {
            plugin.close();
        }
    }

    private PluginOptions startPlugin(final Path cdiDir) throws Exception
    {
        final PluginOptions options = fixture.options(root, cdiDir);
        plugin = KubeletPlugin.start(options, fixture.client);
        kubelet = new KubeletStandIn();
        final PluginInfo info = kubelet.register(options.registrationSocket());
        assertEquals(RegistrationService.TYPE, info.getType());
        assertEquals(Dra.DRIVER, info.getName());
        assertEquals(options.draSocket().toString(), info.getEndpoint());
        assertEquals(List.of(RegistrationService.SERVICE), info.getSupportedVersionsList());
        assertTrue(plugin.registration().awaitStatus(10_000).getPluginRegistered());
        return options;
    }

    @Test
    void shouldPrepareAClaimIntoAShadowNodeThatPodmanUsesAndUnprepareItWhole() throws Exception
    {
        final Path cdiDir = Path.of("/var/run/cdi");
        final PluginOptions options = startPlugin(cdiDir);
        final List<ResourceSlice> slices = fixture.slices();
        assertEquals(List.of(), SliceRules.check(slices, DraFixture.capacity()));
        assertEquals("dyn-2c-0", DraFixture.firstDevice(slices, 2), "the first 2-core device of the pool");

        final ResourceClaim claim = fixture.claim("accel-2c", Map.of("accel", "dyn-2c-0"));
        final String uid = claim.getMetadata().getUid();
        final Path spec = ClaimCdiSpec.file(cdiDir, uid);
        try
        {
            final NodePrepareResourceResponse answer = kubelet.prepare(claimOf(claim)).get(uid);

            assertEquals("", answer.getError());
            final Device device = answer.getDevices(0);
            assertEquals(List.of("accel"), device.getRequestNamesList());
            assertEquals(DraFixture.NODE, device.getPoolName());
            assertEquals("dyn-2c-0", device.getDeviceName());
            assertEquals(List.of("shadowdev.dev/claim=" + uid + "-dyn-2c-0"), device.getCdiDeviceIdsList());
            final List<PartitionEntry> parts = fixture.draPartitions();
            assertEquals(1, parts.size());
            assertEquals(ClaimPreparer.partitionName(uid, "dyn-2c-0"), parts.get(0).name());
            assertEquals(2, parts.get(0).reserved().get(0));
            assertTrue(Files.exists(spec), spec.toString());

            final Path work = Files.createDirectories(root.resolve("work"));
            Files.copy(Path.of("../fuse-devfs/src/test/python/sdnode.py"), work.resolve("sdnode.py"));
            Files.copy(Path.of("src/test/python/claimcheck.py"), work.resolve("claimcheck.py"));
            Files.write(work.resolve("xor.img"), new WorkloadImageWriter().name("dra-it").needs(1, 1 << 20, 0, 0, 1)
                .op(WorkloadOp.XOR8).opArg(0xFF).payload(new byte[4096]).toBytes());
            Files.writeString(work.resolve("input"), "hello");
            final Processes.Result run = PodmanRun.run(PodmanRun.rootfs(root.resolve("rootfs")), work,
                device.getCdiDeviceIdsList(), "/usr/bin/python3", "-B", "/work/claimcheck.py", "/dev/accel/accel0",
                "/work/xor.img", "/work/input");

            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.stdout().contains("\"output\": \"979a939390\""), run.stdout());
            assertTrue(run.stdout().contains("\"part_query\": [{\"cores\": 2, \"name\": \"" + parts.get(0).name() +
                "\"}]"), run.stdout());

            final Path node = Path.of(Files.readString(spec).replaceAll("(?s).*\"hostPath\" : \"([^\"]+)\".*", "$1"));
            assertTrue(listed(node), node.toString());

            assertEquals("", kubelet.unprepare(claimOf(claim)).get(uid).getError());
            assertNothingLeft(options, uid);
            assertFalse(listed(node), "the claim's shadow node is gone: " + node);
        }
        finally
        {
            DraFixture.deleteIfExists(spec);
        }
    }

    @Test
    void shouldPrepareTwoClaimsAtOnceAndAClaimTwiceWithTheSameAnswer() throws Exception
    {
        final PluginOptions options = startPlugin(root.resolve("cdi"));
        final ResourceClaim a = fixture.claim("two-a", Map.of("accel", "dyn-1c-0"));
        final ResourceClaim b = fixture.claim("two-b", Map.of("accel", "dyn-4c-0"));

        final CompletableFuture<NodePrepareResourceResponse> fa = CompletableFuture.supplyAsync(
            () -> kubelet.prepare(claimOf(a)).get(uid(a)));
        final CompletableFuture<NodePrepareResourceResponse> fb = CompletableFuture.supplyAsync(
            () -> kubelet.prepare(claimOf(b)).get(uid(b)));
        final NodePrepareResourceResponse ra = fa.get(60, TimeUnit.SECONDS);
        final NodePrepareResourceResponse rb = fb.get(60, TimeUnit.SECONDS);

        assertEquals("", ra.getError());
        assertEquals("", rb.getError());
        assertEquals(2, fixture.draPartitions().size());
        final Resources cores = Resources.of(5, 0, 0, 0, 0);
        assertEquals(freeAtStart.get(0) - cores.get(0), fixture.free().get(0), "1 + 4 cores reserved");

        assertEquals(ra, kubelet.prepare(claimOf(a)).get(uid(a)), "a repeat answers the same");
        assertEquals(2, fixture.draPartitions().size(), "and makes nothing new");

        assertEquals(Map.of(uid(a), "", uid(b), ""), errors(kubelet.unprepare(claimOf(a), claimOf(b))));
        assertNothingLeft(options, uid(a));
        assertNothingLeft(options, uid(b));
    }

    @Test
    void shouldAnswerAnErrorForTheClaimThatNoLongerFitsAndPrepareTheOthers() throws Exception
    {
        final PluginOptions options = startPlugin(root.resolve("cdi"));
        final ResourceClaim big = fixture.claim("big", Map.of("accel", "dyn-8c-0"));
        final ResourceClaim small = fixture.claim("small", Map.of("accel", "dyn-1c-0"));
        try (NodeClient base = fixture.base())
        {
            // a workload on the base node holds 6 of the 13 unreserved cores: an 8-core partition no longer fits
            final WorkloadRunner runner = new WorkloadRunner(base);
            runner.load(0, new WorkloadImageWriter().name("hog").needs(6, 1L << 30, 0, 0, 1).op(WorkloadOp.ECHO)
                .payload(new byte[64]).toBytes());
            final ActivateResult hog = runner.activate(0);

            final Map<String, NodePrepareResourceResponse> answers = kubelet.prepare(claimOf(big), claimOf(small));

            final String error = answers.get(uid(big)).getError();
            assertTrue(error.startsWith("prepare: PART_CREATE: status=ENOSPC index=0 short=cores claim=default/big uid="
                + uid(big) + " device=dyn-8c-0 partition=" + ClaimPreparer.partitionName(uid(big), "dyn-8c-0")),
                error);
            assertEquals("", answers.get(uid(small)).getError());
            assertEquals(List.of(ClaimPreparer.partitionName(uid(small), "dyn-1c-0")),
                fixture.draPartitions().stream().map(PartitionEntry::name).toList());
            assertFalse(Files.exists(ClaimCdiSpec.file(options.cdiDir(), uid(big))));
            assertFalse(Files.readString(options.stateFile()).contains(uid(big)));
            runner.deactivate(hog.dbcId());
        }
        assertEquals("", kubelet.unprepare(claimOf(small)).get(uid(small)).getError());
        assertNothingLeft(options, uid(small));
    }

    @Test
    void shouldUnprepareAnUnknownClaimAsNothingToDo() throws Exception
    {
        final PluginOptions options = startPlugin(root.resolve("cdi"));
        final String uid = "0b4f0000-0000-4000-8000-000000000001";

        final Map<String, String> errors = errors(kubelet.unprepare(KubeletStandIn.claim("default", uid, "ghost")));

        assertEquals(Map.of(uid, ""), errors);
        assertNothingLeft(options, uid);
    }

    @Test
    void shouldRepublishWithANewGenerationWhenThePartitionsChange() throws Exception
    {
        startPlugin(root.resolve("cdi"));
        final long before = generation();
        final int id;
        try (NodeClient base = fixture.base())
        {
            id = base.partCreate("train-b", Resources.of(2, 2L << 30, 2, 2, 2));
        }
        try
        {
            await(() -> generation() > before && DraFixture.deviceNames(fixture.slices()).contains("train-b"),
                "slices republished with train-b");
            assertEquals(List.of(), SliceRules.check(fixture.slices(), DraFixture.capacity()));
        }
        finally
        {
            try (NodeClient base = fixture.base())
            {
                base.partDestroy(id, true);
            }
        }
        final long withTrainB = generation();
        await(() -> generation() > withTrainB && !DraFixture.deviceNames(fixture.slices()).contains("train-b"),
            "slices republished without train-b");
    }

    @Test
    void shouldGiveTheSameAnswerAfterThePluginIsKilledBetweenPrepareAndUnprepare() throws Exception
    {
        final PluginOptions options = fixture.options(root, root.resolve("cdi"));
        final ResourceClaim claim = fixture.claim("killed", Map.of("accel", "dyn-2c-0"));
        Process child = startChild(options);
        final NodePrepareResourceResponse first;
        try (KubeletStandIn k = new KubeletStandIn())
        {
            await(() -> Files.exists(options.registrationSocket()), "the child plugin's registration socket");
            k.register(options.registrationSocket());
            first = k.prepare(claimOf(claim)).get(uid(claim));
            assertEquals("", first.getError());
        }
        child.destroyForcibly().waitFor();
        assertEquals(137, child.exitValue(), "killed with SIGKILL");
        assertTrue(Files.exists(options.registrationSocket()), "a killed plugin leaves its socket behind");
        final List<PartitionEntry> before = fixture.draPartitions();
        assertEquals(1, before.size());

        child = startChild(options);
        try (KubeletStandIn k = new KubeletStandIn())
        {
            await(() -> registered(options), "the restarted plugin answers on its registration socket");
            k.register(options.registrationSocket());

            assertEquals(first, k.prepare(claimOf(claim)).get(uid(claim)), "the same answer after the restart");
            assertEquals(before, fixture.draPartitions(), "the same partition, nothing new");

            assertEquals("", k.unprepare(claimOf(claim)).get(uid(claim)).getError());
            assertNothingLeft(options, uid(claim));
        }
        finally
        {
            child.destroy();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startChild(final PluginOptions options) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), "dev.shadowdev.dra.cli.DraCli", "plugin",
            "--mount", options.mount().toString(), "--node", options.nodeName(),
            "--registry-dir", options.registryDir().toString(), "--plugin-dir", options.pluginDir().toString(),
            "--cdi-dir", options.cdiDir().toString(), "--state", options.stateFile().toString(),
            "--resync-ms", "500", "--kube-api", fixture.client.getMasterUrl().toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(root.resolve("child-" + System.nanoTime() + ".log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** @return true once a GetInfo over the registration socket answers (a stale socket does not). */
    private static boolean registered(final PluginOptions options)
    {
        try (KubeletStandIn probe = new KubeletStandIn())
        {
            return probe.register(options.registrationSocket()).getName().equals(Dra.DRIVER);
        }
        catch (final Exception ex)
        {
            return false;
        }
    }

    private void assertNothingLeft(final PluginOptions options, final String uid) throws Exception
    {
        assertEquals(List.of(), fixture.draPartitions(), "no partition of the plugin left");
        assertEquals(freeAtStart, fixture.free(), "the card's free pool is whole");
        assertFalse(Files.exists(ClaimCdiSpec.file(options.cdiDir(), uid)), "no CDI spec left");
        if (Files.exists(options.stateFile()))
        {
            assertFalse(Files.readString(options.stateFile()).contains(uid), "the claim is forgotten");
        }
    }

    /** @return true when the node's directory lists it (readdir: the kernel's 1 s FUSE entry cache aside). */
    private static boolean listed(final Path node) throws Exception
    {
        try (var names = Files.list(node.getParent()))
        {
            return names.anyMatch(node::equals);
        }
    }

    private static long generation()
    {
        return fixture.slices().stream().mapToLong((s) -> s.getSpec().getPool().getGeneration()).max().orElse(0);
    }

    private static Claim claimOf(final ResourceClaim claim)
    {
        return KubeletStandIn.claim(claim.getMetadata().getNamespace(), uid(claim), claim.getMetadata().getName());
    }

    private static String uid(final ResourceClaim claim)
    {
        return claim.getMetadata().getUid();
    }

    private static Map<String, String> errors(final Map<String, ? extends com.google.protobuf.Message> answers)
    {
        final Map<String, String> errors = new java.util.TreeMap<>();
        answers.forEach((k, v) -> errors.put(k, (String)v.getField(v.getDescriptorForType().findFieldByName("error"))));
        return errors;
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}

package dev.shadowdev.devfs.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.client.ResizeResult;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.devfs.daemon.StateStore;
import dev.shadowdev.devfs.it.support.EventsFile;
import dev.shadowdev.devfs.it.support.ExecutingWorkload;
import dev.shadowdev.devfs.it.support.ProcessResult;
import dev.shadowdev.devfs.it.support.Runc;
import dev.shadowdev.devfs.it.support.RuncBundle;
import dev.shadowdev.devfs.reliability.RuncContainer;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Elastic partitions (ABI.md 6) through a real mount: borrowing and its revocation with real runc containers as
 * the users (the borrower's container holds its node's {@code events} file open in {@code poll()}), PART_RESIZE
 * under a running workload, EDQUOT at {@code max}, a drain and its grace, {@code apply} of an edited elastic config
 * and the CLI. Each test gets a fresh card and mount with {@link #CONFIG}.
 * <p>
 * The card (aic100): 16 cores, 32 GiB, 32 bus replicators, 64 semaphores, 16 DMA channels. Reserved: 6 cores
 * (lender 4, batch 1, capped 1), so 10 cores are unreserved; a 14-core workload on batch takes its 1, the 10 and 3
 * of the lender's 4 idle cores.
 */
class ElasticIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] INPUT = "hello".getBytes(StandardCharsets.US_ASCII);
    /** XOR8 0xFF of "hello", as every image here computes it. */
    private static final String OUTPUT = "979a939390";
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final Pattern PREEMPTED = Pattern.compile(".* preempted session=\\d+ dbc=(\\d+) reason=(\\w+)");

    static final String CONFIG = """
        [device]
        profile = "aic100"

        [[partition]]
        name = "lender"
        cores = { min = 4, max = 4 }
        memory = { min = "2GiB", max = "2GiB" }
        bus_replicators = { min = 2, max = 2 }
        semaphores = { min = 4, max = 4 }
        dma_channels = { min = 2, max = 2 }
        lend = true
        mode = "0660"

        [[partition]]
        name = "batch"
        cores = { min = 1, max = 14 }
        memory = { min = "1GiB", max = "16GiB" }
        bus_replicators = { min = 0, max = 16 }
        semaphores = { min = 0, max = 32 }
        dma_channels = { min = 1, max = 8 }
        mode = "0660"

        [[partition]]
        name = "capped"
        cores = { min = 1, max = 2 }
        memory = { min = "1GiB", max = "2GiB" }
        bus_replicators = { min = 0, max = 2 }
        semaphores = { min = 0, max = 2 }
        dma_channels = { min = 1, max = 1 }
        mode = "0660"
        """;

    @TempDir
    Path dir;

    MountedDevfs devfs;
    NodeClient base;

    @BeforeEach
    void mount() throws Exception
    {
        final Path config = dir.resolve("elastic-it.toml");
        Files.writeString(config, CONFIG);
        devfs = MountedDevfs.start(dir, DriverOptions.builder().build(), config);
        base = NodeClient.open(devfs.mount.resolve("accel/accel0"));
    }

    @AfterEach
    void unmount()
    {
        if (base != null)
        {
            base.close();
        }
        if (devfs != null)
        {
            devfs.close();
        }
    }

    /**
     * A container on batch runs a 14-core workload, 13 cores beyond its reservation, 3 of them lent by the lender
     * (PART_QUERY_EX: borrowed); the lender's container then activates its 4 reserved cores and succeeds, on cores
     * the borrower held; the borrower's container, waiting in {@code poll()} on its node's {@code events}, wakes
     * with POLLIN|POLLPRI to a {@code preempted} line naming its DBC, and its next EXECUTE and DEACTIVATE answer
     * ECANCELED.
     */
    @Test
    void aLendersActivationWithinItsMinPreemptsTheBorrowerWhoseEventsWakeItsPoll() throws Exception
    {
        final Path work = Files.createDirectories(dir.resolve("work"));
        Files.copy(DevfsIT.sdnode(), work.resolve("sdnode.py"));
        Files.copy(DevfsIT.sdnode().resolveSibling("elastic_tenant.py"), work.resolve("elastic_tenant.py"));
        Files.write(work.resolve("borrow.img"), image(14));
        Files.write(work.resolve("lend.img"), image(4));

        final Path batchEvents = attribute("batch", "events");
        try (RuncContainer borrower = RuncContainer.start(
            bundle(work, "borrower", "batch", batchEvents, "borrow", "/work/borrow.img"), Runc.newId()))
        {
            final JsonNode active = json(borrower.awaitLine("active ", TIMEOUT));
            assertEquals(OUTPUT, active.get("output").asText(), borrower.describe());
            assertEquals(0, active.get("quiet_revents").size(), "nothing added yet: " + active);
            final int dbc = active.get("dbc_id").asInt();
            final JsonNode own = active.get("query_ex");
            assertEquals(1, own.size(), "a shadow node's PART_QUERY_EX lists its own partition only: " + own);
            assertEquals(13, own.get(0).get("borrowed").get("cores").asInt(), own.toString());

            final PartitionEntryEx lent = entry("batch");
            assertEquals(14, lent.used().get(0), lent.toString());
            assertEquals(13, lent.borrowed().get(0), lent.toString());
            assertEquals(1, lent.activeWorkloads(), lent.toString());

            final ProcessResult lender = Runc.run(
                bundle(work, "lender", "lender", null, "run", "/work/lend.img"), Runc.newId(), TIMEOUT);
            assertEquals(0, lender.exitCode(), lender.describe());
            final JsonNode ran = json(lender.stdout().strip());
            assertEquals(OUTPUT, ran.get("output").asText());
            assertNotEquals(0, ran.get("core_mask").asLong() & active.get("core_mask").asLong(),
                "the lender got back cores the borrower held: " + ran + " " + active);

            final JsonNode woke = json(borrower.awaitLine("woke ", TIMEOUT));
            final int revents = woke.get("revents").get(0).asInt();
            assertEquals(EventsFile.POLLIN | EventsFile.POLLPRI, revents & (EventsFile.POLLIN | EventsFile.POLLPRI),
                woke.toString());
            assertTrue(woke.get("added").toString().contains(" preempted session="), woke.toString());
            assertPreempted(woke.get("added").get(0).asText(), dbc, "revoked");
            assertEquals("ECANCELED", woke.get("execute").asText(), woke.toString());
            assertEquals("ECANCELED", woke.get("deactivate").asText(), woke.toString());
            assertEquals(0, borrower.awaitExit(TIMEOUT), borrower.describe());
        }
        final PartitionEntryEx after = entry("batch");
        assertEquals("cores=14 memory=1048576 bus_replicators=0 semaphores=0 dma_channels=1\n",
            Files.readString(attribute("batch", "peak")));
        assertEquals(Resources.ZERO, after.used(), after.toString());
        assertEquals(Resources.ZERO, after.borrowed(), after.toString());
        assertEquals(0, after.activeWorkloads(), after.toString());
    }

    /**
     * PART_RESIZE grows batch's reservation and limit and shrinks them again while a workload on it executes
     * without pause in another thread: every output is exact, and the node path, minor and session stay.
     */
    @Test
    void partResizeGrowsAndShrinksAPartitionWhileItsWorkloadKeepsExecuting() throws Exception
    {
        final Path node = devfs.node("batch");
        final int id = entry("batch").id();
        try (NodeClient session = NodeClient.open(node);
             ExecutingWorkload executions = new ExecutingWorkload(session, image(1), INPUT,
                 HexFormat.of().parseHex(OUTPUT), TIMEOUT))
        {
            final int minor = session.info().minor();
            executions.awaitMore();

            final ResizeResult grown = base.partResize(id, 0, Resources.of(3, 2 * GIB, 0, 0, 2),
                Resources.of(15, 20 * GIB, 16, 32, 10));
            assertEquals(new ResizeResult(0, 0), grown);
            executions.awaitMore();
            final PartitionEntryEx big = entry("batch");
            assertEquals(Resources.of(3, 2 * GIB, 0, 0, 2), big.min());
            assertEquals(Resources.of(15, 20 * GIB, 16, 32, 10), big.max());
            assertEquals(1, big.activeWorkloads());
            assertEquals("cores=3 memory=" + 2 * GIB + " bus_replicators=0 semaphores=0 dma_channels=2\n",
                Files.readString(attribute("batch", "min")));
            final String resized = " resize cores=3..15 memory=" + 2 * GIB + ".." + 20 * GIB +
                " bus_replicators=0..16 semaphores=0..32 dma_channels=2..10 preempted=0";
            assertTrue(Files.readAllLines(attribute("batch", "events")).stream().anyMatch((l) -> l.endsWith(resized)),
                Files.readString(attribute("batch", "events")));

            final ResizeResult shrunk = base.partResize(id, 0, Resources.of(1, GIB, 0, 0, 1),
                Resources.of(2, 2 * GIB, 1, 1, 1));
            assertEquals(new ResizeResult(0, 0), shrunk);
            executions.awaitMore();
            final PartitionEntryEx small = entry("batch");
            assertEquals(Resources.of(1, GIB, 0, 0, 1), small.min());
            assertEquals(Resources.of(2, 2 * GIB, 1, 1, 1), small.max());
            assertEquals("cores=2 memory=" + 2 * GIB + " bus_replicators=1 semaphores=1 dma_channels=1\n",
                Files.readString(attribute("batch", "max")));

            final NodeException below = assertThrows(NodeException.class, () -> base.partResize(id, 0,
                Resources.of(1, 0, 0, 0, 1), Resources.of(2, MIB / 2, 1, 1, 1)));
            assertEquals(Errno.EBUSY.status(), below.status(), below.getMessage());
            assertEquals(small, entry("batch"), "a refused resize changes nothing");

            final int done = executions.stop();
            assertTrue(done >= 3, "executions=" + done);
            assertEquals(node, devfs.node("batch"));
            assertEquals(minor, session.info().minor());
            assertEquals(1, entry("batch").activeWorkloads());
        }
    }

    /** EDQUOT at {@code max} names the resources at their limit and changes nothing; a {@code limit} event. */
    @Test
    void anActivationPastMaxAnswersEdquotWithTheShortMask() throws Exception
    {
        try (NodeClient session = NodeClient.open(devfs.node("capped")))
        {
            final WorkloadRunner runner = new WorkloadRunner(session);
            runner.load(0, image(3));
            final NodeException wide = assertThrows(NodeException.class, () -> runner.activate(0));
            assertEquals("ACTIVATE: status=EDQUOT index=0 short=cores", wide.getMessage());
            assertEquals(Resources.ZERO, entry("capped").used());
            final String limit = EventsFile.await(attribute("capped", "events"), (line) -> line.contains(" limit "),
                TIMEOUT);
            assertTrue(limit.matches(".* limit resources=cores handle=\\d+"), limit);

            runner.load(1, image(2));
            final int dbc = runner.activate(1).dbcId();
            runner.load(2, image(1));
            final NodeException full = assertThrows(NodeException.class, () -> runner.activate(2));
            assertEquals("ACTIVATE: status=EDQUOT index=0 short=cores,dma_channels", full.getMessage());
            assertEquals(Resources.of(2, MIB, 0, 0, 1), entry("capped").used());
            assertEquals("cores=2 memory=1048576 bus_replicators=0 semaphores=0 dma_channels=1\n",
                Files.readString(attribute("capped", "current")));
            assertArrayEquals(HexFormat.of().parseHex(OUTPUT), runner.execute(dbc, INPUT));
        }
    }

    /**
     * A drain cordons: ACTIVATE answers ESHUTDOWN while the running workload goes on; undo lifts it. A drain with a
     * grace preempts what still runs when the grace is over: its EXECUTE answers ECANCELED, and the node's events
     * (awaited with {@code poll()}) say {@code preempted ... reason=drained} and {@code drained}.
     */
    @Test
    void aDrainRefusesNewWorkWithEshutdownAndPreemptsWhatRunsWhenTheGraceIsOver() throws Exception
    {
        final int id = entry("batch").id();
        final Path events = attribute("batch", "events");
        try (NodeClient session = NodeClient.open(devfs.node("batch")))
        {
            final WorkloadRunner runner = new WorkloadRunner(session);
            runner.load(0, image(1));
            final int dbc = runner.activate(0).dbcId();

            assertEquals(1, base.partDrain(id, false, -1));
            assertEquals("draining", entry("batch").stateName());
            final NodeException cordoned = assertThrows(NodeException.class, () -> runner.activate(0));
            assertEquals("ACTIVATE: status=ESHUTDOWN index=0", cordoned.getMessage());
            assertArrayEquals(HexFormat.of().parseHex(OUTPUT), runner.execute(dbc, INPUT));

            assertEquals(1, base.partDrain(id, true, 0));
            assertEquals("active", entry("batch").stateName());
            final int second = runner.activate(0).dbcId();
            runner.deactivate(second);

            assertEquals(1, base.partDrain(id, false, 200));
            final String drained = EventsFile.await(events, (line) -> line.endsWith(" drained"), TIMEOUT);
            final List<String> lines = Files.readAllLines(events);
            assertTrue(String.join("\n", lines).matches("(?s).* drain grace_ms=never active=1\n.* undrain active=1\n" +
                ".* drain grace_ms=200 active=1\n.*"), lines.toString());
            final String preempted = lines.stream().filter((line) -> line.contains(" preempted ")).findFirst()
                .orElseThrow(() -> new AssertionError("no preempted line: " + lines));
            assertPreempted(preempted, dbc, "drained");
            assertTrue(lines.indexOf(preempted) < lines.indexOf(drained), lines.toString());
            final NodeException cancelled = assertThrows(NodeException.class, () -> runner.execute(dbc, INPUT));
            assertEquals(Errno.ECANCELED.status(), cancelled.status(), cancelled.getMessage());
            final PartitionEntryEx entry = entry("batch");
            assertEquals("drained", entry.stateName());
            assertEquals(Resources.ZERO, entry.used());
            assertEquals("drained\n", Files.readString(attribute("batch", "state")));
        }
    }

    /**
     * {@code apply} of an edited elastic config resizes batch in place under an active 3-core workload: a new max
     * below what it uses is refused and changes nothing; a fitting edit is planned as a resize and done with the
     * node, minor and session kept and the workload executing; with {@code --force}, a max below its use preempts
     * it (ECANCELED, {@code reason=limit}); a second apply has nothing to do.
     */
    @Test
    void applyOfAnEditedElasticConfigResizesInPlace() throws Exception
    {
        final Path node = devfs.node("batch");
        final PartitionEntryEx before = entry("batch");
        try (NodeClient session = NodeClient.open(node))
        {
            final int minor = session.info().minor();
            final WorkloadRunner runner = new WorkloadRunner(session);
            runner.load(0, image(3));
            final int dbc = runner.activate(0).dbcId();
            final Path tight = config("tight.toml", "cores = { min = 1, max = 2 }");
            final Path edited = config("edited.toml", "cores = { min = 2, max = 12 }");

            final MountedDevfs.Cli refused = devfs.cli("apply", "--config", tight.toString());
            assertEquals(1, refused.status(), refused.toString());
            assertTrue(refused.toString().contains("refused: resize batch: partition uses more than the new max " +
                "(--force to preempt its newest workloads): id=" + before.id() + " active=1 cores used=3 max=2"),
                refused.toString());
            final PartitionEntryEx unchanged = entry("batch");
            assertEquals(before.min(), unchanged.min(), "nothing changed");
            assertEquals(before.max(), unchanged.max(), "nothing changed");

            final MountedDevfs.Cli apply = devfs.cli("apply", "--config", edited.toString());
            assertEquals(0, apply.status(), apply.toString());
            assertTrue(apply.out().contains("0 to create, 0 to destroy, 0 to recreate, 1 to resize"), apply.out());
            assertTrue(apply.out().contains("resize   batch id=" + before.id() + " minor=" + minor +
                " active=1 cores=1..14->2..12"), apply.out());
            final PartitionEntryEx after = entry("batch");
            assertEquals(before.id(), after.id());
            assertEquals(Resources.of(2, GIB, 0, 0, 1), after.min());
            assertEquals(Resources.of(12, 16 * GIB, 16, 32, 8), after.max());
            assertEquals(node, devfs.node("batch"));
            assertEquals(minor, session.info().minor());
            assertArrayEquals(HexFormat.of().parseHex(OUTPUT), runner.execute(dbc, INPUT));

            final MountedDevfs.Cli again = devfs.cli("apply", "--config", edited.toString());
            assertEquals(0, again.status(), again.toString());
            assertTrue(again.out().contains("nothing to do"), again.out());

            final MountedDevfs.Cli forced = devfs.cli("apply", "--force", "--config", tight.toString());
            assertEquals(0, forced.status(), forced.toString());
            assertTrue(forced.out().contains("; preempts: newest workloads of batch until used <= max " +
                "(cores used=3 max=2)"), forced.out());
            final NodeException cancelled = assertThrows(NodeException.class, () -> runner.execute(dbc, INPUT));
            assertEquals(Errno.ECANCELED.status(), cancelled.status(), cancelled.getMessage());
            assertPreempted(EventsFile.await(attribute("batch", "events"), (l) -> l.contains(" preempted "), TIMEOUT),
                dbc, "limit");
            assertEquals(node, devfs.node("batch"));
            assertEquals(minor, session.info().minor());
            assertEquals(Resources.of(1, GIB, 0, 0, 1), entry("batch").min());
        }
    }

    /** {@code shadowdev resize}, {@code drain}, {@code drain --undo} and {@code ls} print what docs/CONFIG.md says. */
    @Test
    void theCliResizesDrainsAndListsThroughTheMount() throws Exception
    {
        final int id = entry("batch").id();
        final MountedDevfs.Cli resize = devfs.cli("resize", "batch", "--cores", "2..6", "--memory", "1GiB..8GiB");
        assertEquals(0, resize.status(), resize.toString());
        assertEquals("resize: batch cores=2..6 memory=1GiB..8GiB bus_replicators=0..16 semaphores=0..32 " +
            "dma_channels=1..8 lend=false preempted=0 (id=" + id + ")\n", resize.out());
        assertEquals(Resources.of(6, 8 * GIB, 16, 32, 8), entry("batch").max());

        final MountedDevfs.Cli bad = devfs.cli("resize", "batch", "--cores", "6..2");
        assertEquals(2, bad.status(), bad.toString());
        assertTrue(bad.err().contains("resize: min above max: cores=6..2"), bad.err());

        try (NodeClient session = NodeClient.open(devfs.node("batch")))
        {
            final WorkloadRunner runner = new WorkloadRunner(session);
            runner.load(0, image(3));
            runner.activate(0);
            final MountedDevfs.Cli drain = devfs.cli("drain", "batch", "--grace", "30s");
            assertEquals(0, drain.status(), drain.toString());
            assertEquals("drain: batch active=1 grace=30s (id=" + id + ")\n", drain.out());
            assertTrue(new StateStore(devfs.state).load().find("batch").drained(), "the state keeps the cordon");

            final MountedDevfs.Cli ls = devfs.cliMountOnly("ls");
            assertEquals(0, ls.status(), ls.toString());
            assertTrue(ls.out().contains("""
                         min:       cores=2 memory=1GiB bus_replicators=0 semaphores=0 dma_channels=1
                         max:       cores=6 memory=8GiB bus_replicators=16 semaphores=32 dma_channels=8
                         used:      cores=3 memory=1MiB bus_replicators=0 semaphores=0 dma_channels=1
                         borrowed:  cores=1 memory=0B bus_replicators=0 semaphores=0 dma_channels=0
                         state:     draining lend=false workloads=1
                """), ls.out());
            assertTrue(ls.out().contains("""
                         used:      cores=0 memory=0B bus_replicators=0 semaphores=0 dma_channels=0
                         borrowed:  cores=0 memory=0B bus_replicators=0 semaphores=0 dma_channels=0
                         state:     active lend=true workloads=0
                """), ls.out());

            final MountedDevfs.Cli undo = devfs.cli("drain", "batch", "--undo");
            assertEquals(0, undo.status(), undo.toString());
            assertEquals("undrain: batch active=1 (id=" + id + ")\n", undo.out());
            assertFalse(new StateStore(devfs.state).load().find("batch").drained());
        }
        assertEquals("active", entry("batch").stateName());
    }

    private static void assertPreempted(final String line, final int dbc, final String reason)
    {
        final var m = PREEMPTED.matcher(line);
        assertTrue(m.matches(), line);
        assertEquals(dbc, Integer.parseInt(m.group(1)), line);
        assertEquals(reason, m.group(2), line);
    }

    private PartitionEntryEx entry(final String name) throws NodeException
    {
        return base.partQueryEx().stream().filter((e) -> e.name().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no partition: name=" + name));
    }

    /** @return a copy of {@link #CONFIG} with batch's cores line replaced by {@code cores}. */
    private Path config(final String name, final String cores) throws Exception
    {
        return Files.writeString(dir.resolve(name), CONFIG.replace("cores = { min = 1, max = 14 }", cores));
    }

    private Path attribute(final String name, final String attribute) throws Exception
    {
        return devfs.mount.resolve("class/accel").resolve(devfs.node(name).getFileName()).resolve(attribute);
    }

    /** A container running {@code elastic_tenant.py ARGS} on {@code partition}'s node, with its events if given. */
    private RuncBundle bundle(final Path work, final String name, final String partition, final Path events,
        final String... args) throws Exception
    {
        final RuncBundle bundle = RuncBundle.create(dir.resolve("bundle-" + name));
        ContainerIT.pythonReady(bundle.dir().resolve("rootfs"));
        bundle.bind(devfs.node(partition), "/dev/accel/accel0")
            .bindReadOnly(Path.of("/usr"), "/usr")
            .bindReadOnly(work, "/work");
        if (events != null)
        {
            Files.createFile(bundle.dir().resolve("rootfs/events"));
            bundle.bindReadOnly(events, "/events");
        }
        final String[] argv = new String[args.length + 3];
        argv[0] = "/usr/bin/python3";
        argv[1] = "-B";
        argv[2] = "/work/elastic_tenant.py";
        System.arraycopy(args, 0, argv, 3, args.length);
        return bundle.args(argv).write();
    }

    private static JsonNode json(final String line) throws Exception
    {
        return JSON.readTree(line.substring(line.indexOf(' ') + 1));
    }

    /** XOR8 0xFF needing {@code cores} cores, 1 MiB and one DMA channel. */
    static byte[] image(final int cores)
    {
        return new WorkloadImageWriter().name("elastic-" + cores).needs(cores, MIB, 0, 0, 1).op(WorkloadOp.XOR8)
            .opArg(0xFF).payload(new byte[4096]).toBytes();
    }
}

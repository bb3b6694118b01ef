package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.it.MountedDevfs;
import dev.shadowdev.devfs.wiring.EmbeddedDevfs;
import dev.shadowdev.driver.AccelDriver;
import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.firmware.model.PartitionInfo;
import dev.shadowdev.firmware.model.PoolSnapshot;
import dev.shadowdev.firmware.model.WorkloadInfo;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real devfs for the reliability tests, as {@code shadowdev up} runs it (embedded card and driver, FUSE mount,
 * default driver options, no wire trace) with the default four-partition config applied by the CLI. A JUnit 5
 * extension: {@code @RegisterExtension static final ReliabilityMount devfs = new ReliabilityMount();} mounts it in a
 * temporary directory of its own before the class's tests and unmounts it (and deletes the directory) after them.
 * Besides the paths it offers the checks every test ends with, all read-only below the node ABI: the firmware's
 * accounts, the config's partitions untouched, and the driver back to its baseline of sessions and host memory.
 */
final class ReliabilityMount implements BeforeAllCallback, AfterAllCallback
{
    static final List<String> NAMES = List.of("infer-a", "infer-b", "train-a", "batch");
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The temporary directory: the mount point, the state file and config below it; free for the test's files. */
    Path dir;
    Path mount;
    Path state;
    Path config;
    EmbeddedDevfs devfs;
    private MountedDevfs mounted;
    private int baselineSessions;
    private long baselineHostMemory;

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception
    {
        dir = Files.createTempDirectory("shadowdev-reliability-");
        try
        {
            start();
        }
        catch (final Exception | Error ex)
        {
            deleteDir();
            throw ex;
        }
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception
    {
        try
        {
            if (mounted != null)
            {
                mounted.close();
            }
        }
        finally
        {
            mounted = null;
            deleteDir();
        }
    }

    /** A {@link MountedDevfs} without a wire trace (the fuzzers send far too much for one), then the baselines. */
    private void start() throws Exception
    {
        mounted = MountedDevfs.start(dir, DriverOptions.builder().build());
        config = dir.resolve("partitions.toml");
        mount = mounted.mount;
        state = mounted.state;
        devfs = mounted.devfs;
        final long deadline = System.nanoTime() + SETTLE_NANOS;
        while (driver().openSessions() != 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        baselineSessions = driver().openSessions();
        // The last session's close gives its buffers back just after the session count drops: take the
        // baseline once host memory has held still for a while.
        long memory = driver().allocator().allocatedBytes();
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < 200_000_000L && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
            final long now = driver().allocator().allocatedBytes();
            if (now != memory)
            {
                memory = now;
                stableSince = System.nanoTime();
            }
        }
        baselineHostMemory = memory;
    }

    private void deleteDir() throws IOException
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }

    /** @return {exit status, stdout, stderr} of the CLI run against this mount and state file. */
    String[] cli(final String... args)
    {
        final MountedDevfs.Cli result = mounted.cli(args);
        return new String[]{Integer.toString(result.status()), result.out(), result.err()};
    }

    Path node(final String name) throws Exception
    {
        return mounted.node(name);
    }

    Path base()
    {
        return mount.resolve("accel/accel0");
    }

    int minor(final String name) throws Exception
    {
        return Integer.parseInt(node(name).getFileName().toString().substring("accel".length()));
    }

    int partitionId(final String name) throws Exception
    {
        return Integer.parseInt(attribute(minor(name), "partition"));
    }

    /** @return an attribute file of {@code class/accel/accel<minor>/}, without its newline. */
    String attribute(final int minor, final String attribute) throws Exception
    {
        return Files.readString(mount.resolve("class/accel/accel" + minor).resolve(attribute)).trim();
    }

    AccelDriver driver()
    {
        return devfs.driver();
    }

    /** @return the firmware model, for read-only queries. */
    Firmware firmware()
    {
        return devfs.card().firmware();
    }

    /**
     * The daemon still answers (STATUS through a fresh session on the base node), the accounts balance, the config's
     * four partitions are there as configured with nothing used and no workload, and once every session is gone
     * the driver is back to its baseline of sessions and host memory.
     */
    void assertHealthyAndIdle() throws Exception
    {
        try (NodeClient base = NodeClient.open(base()))
        {
            assertEquals(5, base.status().major(), "STATUS through the base node");
        }
        awaitQuiet();
        assertEquals(baselineSessions, driver().openSessions(), "sessions left open");
        assertEquals(baselineHostMemory, driver().allocator().allocatedBytes(), "host memory not given back");
        assertAccountsBalance();
        final DevfsConfig parsed = ConfigLoader.load(config);
        final List<PartitionInfo> partitions = firmware().queryPartitions(-1, 0);
        assertEquals(NAMES, partitions.stream().map(PartitionInfo::name).toList(), "the config's partitions");
        for (final PartitionInfo p : partitions)
        {
            final PartitionSpec spec = parsed.partition(p.name());
            for (final Resource r : Resource.values())
            {
                assertEquals(spec.resources().get(r), p.reserved().get(r), p.name() + " reserved " + r.key());
                assertEquals(0, p.used().get(r), p.name() + " used " + r.key());
            }
            assertEquals(0, p.activeWorkloads(), p.name() + " workloads");
        }
        final List<WorkloadInfo> workloads = firmware().queryWorkloads(-1, 0);
        assertEquals(List.of(), workloads, "workloads left on the card");
    }

    /** sum over partitions of reserved + global used + global free == capacity; used <= reserved. */
    void assertAccountsBalance() throws FirmwareException
    {
        final Firmware firmware = firmware();
        final PoolSnapshot global = firmware.queryPool(-1, 0);
        final List<PartitionInfo> partitions = firmware.queryPartitions(-1, 0);
        for (int r = 0; r < Resource.COUNT; r++)
        {
            long reserved = 0;
            for (final PartitionInfo partition : partitions)
            {
                reserved += partition.reserved().get(r);
                assertTrue(partition.used().get(r) <= partition.reserved().get(r), "used <= reserved: " + partition);
            }
            assertEquals(firmware.profile().capacity().get(r), global.free().get(r) + reserved + global.used().get(r),
                "accounts of " + Resource.of(r).key());
        }
    }

    /** Wait (up to 10 s) until the kernel's asynchronous releases have closed every session. */
    void awaitQuiet() throws InterruptedException
    {
        final long deadline = System.nanoTime() + SETTLE_NANOS;
        while ((driver().openSessions() != baselineSessions ||
            driver().allocator().allocatedBytes() != baselineHostMemory) && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
    }
}

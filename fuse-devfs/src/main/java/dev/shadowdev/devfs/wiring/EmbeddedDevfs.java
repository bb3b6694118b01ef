package dev.shadowdev.devfs.wiring;

import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.fs.AccelFs;
import dev.shadowdev.devfs.fs.ProcCgroupReader;
import dev.shadowdev.devfs.fs.FuseMountPoint;
import dev.shadowdev.devfs.up.DevfsMount;
import dev.shadowdev.devfs.up.UpOptions;
import dev.shadowdev.driver.AccelDriver;
import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.driver.api.NodeAccess;
import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.firmware.card.FirmwareCard;
import dev.shadowdev.firmware.model.DeviceProfile;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole stack in one JVM, as {@code shadowdev up} runs it: the emulated card ({@link FirmwareCard}) on one side of
 * a shared region and register block, the {@link AccelDriver} on the other, and the {@link AccelFs} mounted over the
 * driver. Nothing but the region and the registers connects card and driver. With {@link ShadowdevMain}, the one place
 * in this module that wires firmware, driver and filesystem together.
 */
public final class EmbeddedDevfs implements DevfsMount
{
    /** Host memory shared with the card: rings, receive buffers, image and execute buffers, DBC queues. */
    public static final int REGION_BYTES = 64 << 20;
    private static final long MOUNT_TIMEOUT_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDevfs.class);

    private final Path mountPoint;
    private final FirmwareCard card;
    private final AccelDriver driver;
    private final AccelFs fs;
    private final CountDownLatch unmounted = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDevfs(final Path mountPoint, final FirmwareCard card, final AccelDriver driver, final AccelFs fs)
    {
        this.mountPoint = mountPoint;
        this.card = card;
        this.driver = driver;
        this.fs = fs;
    }

    /** What {@code up} mounts ({@link ShadowdevMain} hands it to the CLI as its {@code DevfsMounter}). */
    static DevfsMount mount(final UpOptions options) throws IOException, InterruptedException
    {
        final DriverOptions.Builder driver = DriverOptions.builder().tracePath(options.traceFile());
        if (options.opensPerSecond() > 0)
        {
            driver.opensPerSecond(options.opensPerSecond());
        }
        return start(profileOf(options.config()), options.mountPoint(), driver.build(), CardOptions.defaults());
    }

    /**
     * @param config a validated config.
     * @return the firmware profile to run it on: the named profile, or {@code custom} with the config's capacities.
     */
    public static DeviceProfile profileOf(final DevfsConfig config)
    {
        return DeviceProfile.of(config.profile(), config.capacity().toArray());
    }

    /**
     * Start card and driver, probe, and mount. On any failure everything started so far is stopped again.
     *
     * @throws IOException when probing or mounting fails (the message says which and why).
     */
    public static EmbeddedDevfs start(final DeviceProfile profile, final Path mountPoint,
        final DriverOptions driverOptions, final CardOptions cardOptions) throws IOException, InterruptedException
    {
        final SharedRegion region = new SharedRegion(REGION_BYTES);
        final MhiRegisters registers = new MhiRegisters();
        final FirmwareCard card = new FirmwareCard(profile, region, registers, cardOptions).start();
        AccelDriver driver = null;
        AccelFs fs = null;
        try
        {
            // The shared cgroup node reads /proc/<pid>/cgroup with plain system calls (ProcCgroupReader).
            final DriverOptions options = driverOptions.cgroupSource() != null ? driverOptions :
                driverOptions.toBuilder().cgroupSource(ProcCgroupReader::read).build();
            driver = new AccelDriver(new DmaAllocator(region), registers, options);
            final ProbeResult probed = driver.probe();
            if (!probed.ok())
            {
                throw new IOException("probe failed: status=" + probed.status() + " reason=" + probed.reason());
            }
            FuseMountPoint.prepare(mountPoint);
            fs = new AccelFs(driver);
            fs.mount(mountPoint, false, false, new String[] {"-o", FuseMountPoint.OPTIONS});
            if (!FuseMountPoint.awaitMounted(mountPoint, MOUNT_TIMEOUT_MS))
            {
                throw new IOException("mount did not appear: mount=" + mountPoint + " timeout_ms=" + MOUNT_TIMEOUT_MS);
            }
            LOG.info("devfs mounted: mount={} profile={}", mountPoint, profile);
            return new EmbeddedDevfs(mountPoint, card, driver, fs);
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            if (fs != null)
            {
                fs.umount();
                fs.detach();
            }
            if (driver != null)
            {
                driver.close();
            }
            card.close();
            throw ex;
        }
    }

    @Override
    public Path mountPoint()
    {
        return mountPoint;
    }

    @Override
    public NodeAccess nodes()
    {
        return driver;
    }

    /** @return the driver, for tests and tools that look below the node ABI (counters, recovery). */
    public AccelDriver driver()
    {
        return driver;
    }

    /** @return FUSE worker threads started since the mount (flat under steady load: no thread churn). */
    public int fuseWorkersStarted()
    {
        return fs.fuseWorkersStarted();
    }

    /** @return FUSE worker threads alive now (0 once the request loop has ended). */
    public int fuseWorkersAlive()
    {
        return fs.fuseWorkersAlive();
    }

    /** @return the emulated card, for fault injection in tests. */
    public FirmwareCard card()
    {
        return card;
    }

    @Override
    public void awaitUnmount() throws InterruptedException
    {
        while (!unmounted.await(200, TimeUnit.MILLISECONDS))
        {
            if (!FuseMountPoint.isMounted(mountPoint))
            {
                LOG.info("devfs unmounted from outside: mount={}", mountPoint);
                return;
            }
        }
    }

    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true))
        {
            return;
        }
        fs.umount();
        if (FuseMountPoint.isMounted(mountPoint))
        {
            FuseMountPoint.unmount(mountPoint);
        }
        fs.detach();
        driver.close();
        card.close();
        unmounted.countDown();
        LOG.info("devfs stopped: mount={}", mountPoint);
    }
}

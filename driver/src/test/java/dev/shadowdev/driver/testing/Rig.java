package dev.shadowdev.driver.testing;

import dev.shadowdev.driver.AccelDriver;
import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.firmware.card.FirmwareCard;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.model.DeviceProfile;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.wire.node.NodeTypes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The real firmware card and the driver in one JVM over the real transport, as the devfs wires them. */
public final class Rig implements AutoCloseable
{
    public final SharedRegion region = new SharedRegion(16 << 20);
    public final DmaAllocator allocator = new DmaAllocator(region);
    public final MhiRegisters registers = new MhiRegisters();
    public final WireCapture wire = new WireCapture();
    public final FirmwareCard card;
    public final AccelDriver driver;

    public Rig()
    {
        this(b -> {}, CardOptions.defaults());
    }

    public Rig(final Consumer<DriverOptions.Builder> tweak)
    {
        this(tweak, CardOptions.defaults());
    }

    public Rig(final Consumer<DriverOptions.Builder> tweak, final CardOptions cardOptions)
    {
        this(DeviceProfile.aic100(), tweak, cardOptions);
    }

    public Rig(final DeviceProfile profile, final Consumer<DriverOptions.Builder> tweak, final CardOptions cardOptions)
    {
        card = new FirmwareCard(profile, region, registers, cardOptions).start();
        final DriverOptions.Builder builder = DriverOptions.builder()
            .tap(wire)
            .controlTimeout(Duration.ofSeconds(2))
            .executeTimeout(Duration.ofSeconds(2))
            .probeTimeout(Duration.ofSeconds(2))
            .timerTick(Duration.ofMillis(5));
        tweak.accept(builder);
        try
        {
            driver = new AccelDriver(allocator, registers, builder.build());
        }
        catch (final IOException ex)
        {
            card.close();
            throw new UncheckedIOException(ex);
        }
    }

    /** Probe, failing the test when it does not succeed. */
    public Rig up()
    {
        final ProbeResult probed = driver.probe();
        if (!probed.ok())
        {
            throw new AssertionError("probe failed: " + probed);
        }
        return this;
    }

    public int baseMinor()
    {
        for (final NodeView view : driver.nodes())
        {
            if (view.isBase())
            {
                return view.minor();
            }
        }
        throw new AssertionError("no base node");
    }

    /** @return the shared cgroup node's minor. */
    public int cgroupMinor()
    {
        for (final NodeView view : driver.nodes())
        {
            if (view.isCgroupNode())
            {
                return view.minor();
            }
        }
        throw new AssertionError("no cgroup node");
    }

    public Client open(final int minor)
    {
        return new Client(driver.open(minor).session());
    }

    public Client base()
    {
        return open(baseMinor());
    }

    /** Create a partition through the base node: @return its ID. */
    public int createPartition(final Client base, final String name, final long... res)
    {
        final Rsp rsp = base.transact(Msg.tag(1).partCreate(name, res));
        if (rsp.txn(0).status() != 0 || rsp.txn(0).type() != NodeTypes.PART_CREATE)
        {
            throw new AssertionError("partition not created: " + rsp.statuses());
        }
        return rsp.txn(0).i32(0);
    }

    /** Create a partition and its shadow node: @return the node's minor. */
    public int shadow(final Client base, final String name, final long... res)
    {
        final int id = createPartition(base, name, res);
        final int[] created = base.partDev(id, 0, 0);
        if (created[0] != 0)
        {
            throw new AssertionError("shadow node not created: status=" + created[0]);
        }
        return created[1];
    }

    /** A small partition: 2 cores, 1 GiB, 2 bus replicators, 2 semaphores, 2 DMA channels. */
    public static long[] small()
    {
        return new long[] { 2, 1L << 30, 2, 2, 2 };
    }

    /** An image of {@code op} needing one core, 1 MiB, one DMA channel. */
    public static byte[] image(final int op, final int opArg, final int payloadBytes)
    {
        final byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)(i * 7 + 3);
        }
        return new WorkloadImageWriter().name("test-" + op).needs(1, 1 << 20, 0, 0, 1).op(op).opArg(opArg)
            .payload(payload).toBytes();
    }

    public static byte[] echoImage()
    {
        return image(WorkloadOp.ECHO, 0, 64);
    }

    /** Wait up to 10 s for a condition. */
    public static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Client.sleepMicros(500);
        }
    }

    @Override
    public void close()
    {
        driver.close();
        card.close();
    }
}

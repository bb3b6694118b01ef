package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A small card (8 cores, 1 MiB, 8 bus replicators, 8 semaphores, 8 DMA channels) with a preemption outbox and a
 * clock the test moves, for the elastic partition tests.
 */
final class ElasticFixture
{
    static final int BASE = -1;
    static final long KIB64 = 64 * 1024;
    static final DeviceProfile PROFILE = DeviceProfile.of("elastic", 8, 1 << 20, 8, 8, 8);

    final PreemptionOutbox outbox = new PreemptionOutbox();
    final long[] now = { 1_000_000_000L };
    final Firmware firmware = new Firmware(PROFILE, true, outbox, () -> now[0]);

    /** An elastic partition with 64 KiB of memory fixed (min = max) and nothing else of the counted resources. */
    int create(final String name, final long minCores, final long maxCores, final long minDma, final long maxDma,
        final int flags) throws FirmwareException
    {
        return firmware.createPartition(BASE, 1, name,
            new long[]{ minCores, KIB64, 0, 0, minDma }, new long[]{ maxCores, KIB64, 0, 0, maxDma }, flags);
    }

    int resize(final int id, final int flags, final long minCores, final long maxCores, final long minDma,
        final long maxDma) throws FirmwareException
    {
        return firmware.resizePartition(BASE, 1, id, flags,
            new long[]{ minCores, KIB64, 0, 0, minDma }, new long[]{ maxCores, KIB64, 0, 0, maxDma });
    }

    /** Load and activate an ECHO image needing {@code cores} cores, 128 bytes and {@code dma} channels. */
    WorkloadInfo activate(final int partition, final int handle, final int slot, final long cores, final long dma)
        throws FirmwareException
    {
        return TestImages.activate(firmware, partition, handle, slot,
            TestImages.image(WorkloadOp.ECHO, 0, cores, 128, 0, 0, dma));
    }

    ElasticPartitionInfo info(final int id) throws FirmwareException
    {
        return firmware.queryPartitionsEx(BASE, 1).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    List<Preemption> preemptions()
    {
        final List<Preemption> list = new ArrayList<>();
        for (Preemption p = outbox.pollPreemption(); p != null; p = outbox.pollPreemption())
        {
            list.add(p);
        }
        return list;
    }

    /** Asserts the refusal: errno, mask and message, and that nothing changed. */
    FirmwareException refused(final Errno errno, final int mask, final String message,
        final PartitionManagementTest.Request request)
    {
        final Snapshot before = Snapshot.of(firmware);
        final FirmwareException ex = assertThrows(FirmwareException.class, request::run);
        assertEquals(message, ex.getMessage());
        assertEquals(errno, ex.errno());
        assertEquals(mask, ex.shortMask(), "mask");
        assertEquals(before, Snapshot.of(firmware), "a refusal changed the books");
        assertEquals(0, outbox.preemptions(), "a refusal preempted");
        return ex;
    }

    static ResourceVector cores(final long cores, final long memory, final long dma)
    {
        return ResourceVector.of(cores, memory, 0, 0, dma);
    }

    static long[] v(final long... values)
    {
        return values;
    }

    static final int ECANCELED = Errno.ECANCELED.status();
}

package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static dev.shadowdev.firmware.model.ElasticFixture.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** PART_DRAIN: cordon, grace on the firmware's clock, preemption when it runs out, undo. */
class DrainTest
{
    private static final long MS = 1_000_000L;

    private final ElasticFixture card = new ElasticFixture();
    private final Firmware firmware = card.firmware;

    @Test
    void aDrainCordonsAndPreemptsWhatIsLeftWhenTheGraceRunsOut() throws FirmwareException
    {
        final int a = card.create("a", 2, 4, 2, 4, 0);
        final WorkloadInfo running = card.activate(a, 1, 0, 1, 1);

        assertEquals(1, firmware.drainPartition(BASE, 1, a, 0, 1000));

        assertEquals(PartitionState.DRAINING, card.info(a).state());
        card.refused(Errno.ESHUTDOWN, 0, "partition cordoned: partition=1 state=draining",
            () -> firmware.activate(a, 1, 0));
        assertEquals(2, firmware.execute(a, 1, running.dbcId(), ByteBuffer.allocate(2), 0, 2, ByteBuffer.allocate(2), 0, 2));
        card.now[0] += 999 * MS;
        assertEquals(0, firmware.tick());
        card.now[0] += MS;
        assertEquals(1, firmware.tick());

        assertEquals(List.of(new Preemption(a, 1, running.dbcId(), "wl", PreemptionReason.DRAINED)),
            card.preemptions());
        assertEquals(Integer.valueOf(a), card.outbox.pollDrained());
        assertEquals(PartitionState.DRAINED, card.info(a).state());
        card.refused(Errno.ESHUTDOWN, 0, "partition cordoned: partition=1 state=drained",
            () -> firmware.activate(a, 1, 0));
    }

    @Test
    void anyRequestEndsAGraceThatRanOut() throws FirmwareException
    {
        final int a = card.create("a", 2, 4, 2, 4, 0);
        final WorkloadInfo running = card.activate(a, 1, 0, 1, 1);
        firmware.drainPartition(BASE, 1, a, 0, 5);
        card.now[0] += 5 * MS;

        assertEquals(Errno.ECANCELED.status(), firmware.execute(
            a, 1, running.dbcId(), ByteBuffer.allocate(2), 0, 2, ByteBuffer.allocate(2), 0, 2));
        assertEquals(PartitionState.DRAINED, card.info(a).state());
    }

    @Test
    void graceZeroPreemptsAtOnceAndAnEmptyPartitionIsDrainedAtOnce() throws FirmwareException
    {
        final int a = card.create("a", 2, 4, 2, 4, 0);
        final int empty = card.create("empty", 1, 1, 1, 1, 0);
        card.activate(a, 1, 0, 1, 1);
        card.activate(a, 2, 0, 1, 1);

        assertEquals(2, firmware.drainPartition(BASE, 1, a, 0, 0));
        assertEquals(0, firmware.drainPartition(BASE, 1, empty, 0, Firmware.GRACE_NEVER));

        assertEquals(2, card.preemptions().size());
        assertEquals(PartitionState.DRAINED, card.info(a).state());
        assertEquals(PartitionState.DRAINED, card.info(empty).state());
        assertEquals(Integer.valueOf(a), card.outbox.pollDrained());
        assertEquals(Integer.valueOf(empty), card.outbox.pollDrained());
    }

    @Test
    void graceNeverWaitsForTheLastWorkloadToEnd() throws FirmwareException
    {
        final int a = card.create("a", 2, 4, 2, 4, 0);
        final WorkloadInfo running = card.activate(a, 1, 0, 1, 1);
        firmware.drainPartition(BASE, 1, a, 0, Firmware.GRACE_NEVER);

        card.now[0] += Long.MAX_VALUE / 2;
        assertEquals(0, firmware.tick());
        assertEquals(PartitionState.DRAINING, card.info(a).state());
        firmware.deactivate(a, 1, running.dbcId());

        assertEquals(PartitionState.DRAINED, card.info(a).state());
        assertEquals(Integer.valueOf(a), card.outbox.pollDrained());
        assertEquals(List.of(), card.preemptions());
    }

    @Test
    void undoLiftsTheCordonAndCancelsTheGrace() throws FirmwareException
    {
        final int a = card.create("a", 2, 4, 2, 4, 0);
        card.activate(a, 1, 0, 1, 1);
        firmware.drainPartition(BASE, 1, a, 0, 10);

        assertEquals(1, firmware.drainPartition(BASE, 1, a, Firmware.DRAIN_UNDO, 0));
        card.now[0] += 20 * MS;

        assertEquals(0, firmware.tick());
        assertEquals(PartitionState.ACTIVE, card.info(a).state());
        card.activate(a, 1, 1, 1, 1);
        assertEquals(2, card.info(a).activeWorkloads());
        assertNull(card.outbox.pollDrained());
    }

    @Test
    void aDrainedPartitionIsResizedAndDestroyedWithoutForce() throws FirmwareException
    {
        final int a = card.create("a", 2, 4, 2, 4, 0);
        card.activate(a, 1, 0, 3, 1);
        firmware.drainPartition(BASE, 1, a, 0, 0);

        assertEquals(0, card.resize(a, 0, 1, 1, 1, 1));
        assertEquals(0, firmware.destroyPartition(BASE, 1, a, false));

        assertEquals(List.of(), firmware.queryPartitionsEx(BASE, 1));
    }

    @Test
    void badDrainsAreRefused() throws FirmwareException
    {
        final int a = card.create("a", 1, 1, 1, 1, 0);

        card.refused(Errno.EINVAL, 0, "bad part_drain flags: flags=0x2",
            () -> firmware.drainPartition(BASE, 1, a, 2, 0));
        card.refused(Errno.EINVAL, 0, "grace out of range: grace_ms=4294967296",
            () -> firmware.drainPartition(BASE, 1, a, 0, 1L << 32));
        card.refused(Errno.ENOENT, 0, "no such partition: id=4", () -> firmware.drainPartition(BASE, 1, 4, 0, 0));
        card.refused(Errno.EPERM, 0, "partition management needs the base node: partition=1",
            () -> firmware.drainPartition(a, 1, a, 0, 0));
    }
}

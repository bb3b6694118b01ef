package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static dev.shadowdev.firmware.model.ElasticFixture.BASE;
import static dev.shadowdev.firmware.model.ElasticFixture.KIB64;
import static dev.shadowdev.firmware.model.ElasticFixture.cores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PART_RESIZE in place: the partition, its ID and its running workloads stay unless a rule preempts them. */
class ResizeTest
{
    private final ElasticFixture card = new ElasticFixture();
    private final Firmware firmware = card.firmware;

    @Test
    void growingAMinTakesUnreservedCapacityAndRevokesItsBorrowers() throws FirmwareException
    {
        final int a = card.create("a", 1, 8, 1, 8, 0);
        final int b = card.create("b", 1, 8, 1, 8, 0);
        final WorkloadInfo borrower = card.activate(a, 1, 0, 5, 1);
        final WorkloadInfo running = card.activate(b, 2, 0, 1, 1);

        assertEquals(1, card.resize(b, 0, 4, 8, 1, 8));

        assertEquals(List.of(new Preemption(a, 1, borrower.dbcId(), "wl", PreemptionReason.REVOKED)),
            card.preemptions());
        assertEquals(0b1_1110L, firmware.queryPartitions(b, 2).get(0).coreMask());
        assertEquals(cores(4, KIB64, 1), card.info(b).min());
        assertEquals(List.of(running), firmware.queryWorkloads(b, 2));
        final ByteBuffer out = ByteBuffer.allocate(3);
        assertEquals(3, firmware.execute(b, 2, running.dbcId(), ByteBuffer.wrap(new byte[]{ 4, 5, 6 }), 0, 3, out, 0, 3));
        assertArrayEquals(new byte[]{ 4, 5, 6 }, out.array());
    }

    @Test
    void growingAMinPastTheCardIsEnospcAndChangesNothing() throws FirmwareException
    {
        final int a = card.create("a", 2, 8, 1, 8, 0);
        card.create("b", 4, 4, 1, 1, 0);
        card.activate(a, 1, 0, 3, 1);

        card.refused(Errno.ENOSPC, 0x01, "not enough resources: short_mask=0x01 short=cores",
            () -> card.resize(a, 0, 5, 8, 1, 8));
        assertEquals(0, card.resize(a, 0, 4, 8, 1, 8));
        assertEquals(ResourceVector.ZERO, card.info(a).borrowed());
    }

    @Test
    void loweringMaxBelowUseIsEbusyUnlessForceWhichPreemptsTheNewestOwnWorkloads() throws FirmwareException
    {
        final int a = card.create("a", 2, 8, 1, 8, 0);
        final WorkloadInfo oldest = card.activate(a, 1, 0, 2, 1);
        final WorkloadInfo middle = card.activate(a, 1, 1, 2, 1);
        final WorkloadInfo newest = card.activate(a, 2, 0, 1, 1);

        card.refused(Errno.EBUSY, 0x01, "partition uses more than the new max: id=1 over_mask=0x01 over=cores",
            () -> card.resize(a, 0, 2, 3, 1, 8));
        assertEquals(2, card.resize(a, Firmware.RESIZE_FORCE, 2, 3, 1, 8));

        assertEquals(List.of(
            new Preemption(a, 2, newest.dbcId(), "wl", PreemptionReason.LIMIT),
            new Preemption(a, 1, middle.dbcId(), "wl", PreemptionReason.LIMIT)), card.preemptions());
        assertEquals(List.of(oldest), firmware.queryWorkloads(a, 1));
        assertEquals(cores(2, 128, 1), card.info(a).used());
    }

    @Test
    void loweringMinBelowUseTurnsTheExcessIntoBorrowedAndPreemptsNothing() throws FirmwareException
    {
        final int a = card.create("a", 4, 8, 2, 8, 0);
        final WorkloadInfo workload = card.activate(a, 1, 0, 4, 1);

        assertEquals(0, card.resize(a, 0, 2, 8, 1, 8));

        assertEquals(List.of(workload), firmware.queryWorkloads(a, 1));
        assertEquals(cores(2, 0, 0), card.info(a).borrowed());
        final long units = firmware.queryPartitions(a, 1).get(0).coreMask();
        assertEquals(2, Long.bitCount(units));
        assertEquals(units, units & workload.coreMask(), "its own use stays inside its reservation");
        assertEquals(workload.coreMask() & ~units, workload.coreMask() & firmware.queryPool(BASE, 1).coreMask());
    }

    @Test
    void setLendLetsOthersBorrowAndClearLendClaimsItBack() throws FirmwareException
    {
        final int a = card.create("a", 4, 4, 4, 4, 0);
        final int b = card.create("b", 0, 8, 0, 4, 0);
        TestImages.load(firmware, b, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 6, 128, 0, 0, 1));
        card.refused(Errno.ENOSPC, 0x01, "not enough resources: short_mask=0x01 short=cores",
            () -> firmware.activate(b, 1, 0));

        assertEquals(0, card.resize(a, Firmware.RESIZE_SET_LEND, 4, 4, 4, 4));
        final WorkloadInfo borrower = firmware.activate(b, 1, 0);
        assertEquals(Firmware.PART_LEND, card.info(a).flags());
        assertEquals(1, card.resize(a, Firmware.RESIZE_CLEAR_LEND, 4, 4, 4, 4));

        assertEquals(List.of(new Preemption(b, 1, borrower.dbcId(), "wl", PreemptionReason.REVOKED)),
            card.preemptions());
        assertEquals(0, card.info(a).flags());
    }

    @Test
    void badResizesAreRefused() throws FirmwareException
    {
        final int a = card.create("a", 1, 2, 1, 1, 0);

        card.refused(Errno.EINVAL, 0, "bad part_resize flags: flags=0x8", () -> card.resize(a, 8, 1, 2, 1, 1));
        card.refused(Errno.EINVAL, 0, "set and clear lend: flags=0x6", () -> card.resize(a, 6, 1, 2, 1, 1));
        card.refused(Errno.EINVAL, 0, "min above max: min[0]=3 max[0]=2", () -> card.resize(a, 0, 3, 2, 1, 1));
        card.refused(Errno.ENOENT, 0, "no such partition: id=9", () -> card.resize(9, 0, 1, 2, 1, 1));
        card.refused(Errno.EPERM, 0, "partition management needs the base node: partition=1",
            () -> firmware.resizePartition(a, 1, a, 0, new long[5], new long[5]));
    }
}

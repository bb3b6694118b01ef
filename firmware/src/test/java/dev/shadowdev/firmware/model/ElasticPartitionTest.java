package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.shadowdev.firmware.model.ElasticFixture.BASE;
import static dev.shadowdev.firmware.model.ElasticFixture.KIB64;
import static dev.shadowdev.firmware.model.ElasticFixture.cores;
import static dev.shadowdev.firmware.model.ElasticFixture.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reservations and limits: admission, EDQUOT, borrowing order, and what PART_QUERY_EX / POOL_QUERY report. */
class ElasticPartitionTest
{
    private final ElasticFixture card = new ElasticFixture();
    private final Firmware firmware = card.firmware;

    @Test
    void aV1PartitionIsMinEqualsMaxNotLending() throws FirmwareException
    {
        final int id = firmware.createPartition(BASE, 1, "v1", v(2, KIB64, 1, 1, 2));

        assertEquals(List.of(new ElasticPartitionInfo(id, 0, "v1", PartitionState.ACTIVE, 0,
            ResourceVector.of(2, KIB64, 1, 1, 2), ResourceVector.of(2, KIB64, 1, 1, 2), ResourceVector.ZERO,
            ResourceVector.ZERO, ResourceVector.ZERO)), firmware.queryPartitionsEx(BASE, 1));
    }

    @Test
    void reservationsAreAdmittedAgainstTheCardNotLimits() throws FirmwareException
    {
        final int a = card.create("a", 5, 8, 1, 8, 0);

        card.refused(Errno.ENOSPC, 0x01, "not enough resources: short_mask=0x01 short=cores",
            () -> card.create("b", 4, 4, 1, 1, 0));
        final int b = card.create("b", 3, 8, 7, 8, Firmware.PART_LEND);

        assertEquals(0b11111L, firmware.queryPartitions(a, 1).get(0).coreMask());
        assertEquals(0b11100000L, firmware.queryPartitions(b, 1).get(0).coreMask());
        assertEquals(Firmware.PART_LEND, card.info(b).flags());
        assertEquals(ResourceVector.of(0, (1 << 20) - 2 * KIB64, 8, 8, 0), firmware.queryPool(BASE, 1).free());
    }

    @Test
    void badLimitsAndFlagsAreRefused() throws FirmwareException
    {
        final int shadow = card.create("shadow", 1, 1, 1, 1, 0);

        card.refused(Errno.EINVAL, 0, "min above max: min[0]=4 max[0]=2", () -> card.create("a", 4, 2, 1, 1, 0));
        card.refused(Errno.EINVAL, 0, "partition needs cores: max[0]=0", () -> card.create("a", 0, 0, 1, 1, 0));
        card.refused(Errno.EINVAL, 0, "partition needs dma channels: max[4]=0", () -> card.create("a", 0, 1, 0, 0, 0));
        card.refused(Errno.EINVAL, 0, "bad partition flags: flags=0x2", () -> card.create("a", 1, 1, 1, 1, 2));
        card.refused(Errno.EINVAL, 0, "resource out of range: max[1]=18446744073709551615",
            () -> firmware.createPartition(BASE, 1, "a", v(1, 0, 0, 0, 1), v(1, -1, 0, 0, 1), 0));
        card.refused(Errno.EINVAL, 0, "bad resource vector: length=4",
            () -> firmware.createPartition(BASE, 1, "a", v(1, 0, 0, 0), v(1, 0, 0, 0, 1), 0));
        card.refused(Errno.EPERM, 0, "partition management needs the base node: partition=1",
            () -> firmware.createPartition(shadow, 1, "a", v(1, 0, 0, 0, 1), v(1, 0, 0, 0, 1), 0));
    }

    @Test
    void aPartitionWithNoReservedCoresBorrowsThemAll() throws FirmwareException
    {
        final int batch = card.create("batch", 0, 8, 0, 8, 0);

        final WorkloadInfo workload = card.activate(batch, 1, 0, 3, 1);

        assertEquals(0b111L, workload.coreMask());
        assertEquals(cores(3, 0, 1), card.info(batch).borrowed());
        assertEquals(cores(3, 128, 1), card.info(batch).used());
    }

    @Test
    void passingMaxIsEdquotNamingTheResourcesAtTheirLimit() throws FirmwareException
    {
        final int a = card.create("a", 1, 2, 1, 4, 0);
        card.activate(a, 1, 0, 2, 1);
        TestImages.load(firmware, a, 1, 1, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));

        card.refused(Errno.EDQUOT, 0x01, "partition limit reached: partition=1 limit_mask=0x01 limit=cores",
            () -> firmware.activate(a, 1, 1));
    }

    @Test
    void aLimitEqualToTheReservationIsShortAsInV1() throws FirmwareException
    {
        final int a = card.create("a", 1, 4, 1, 4, 0);
        TestImages.load(firmware, a, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 1, KIB64 + 1, 0, 0, 1));

        card.refused(Errno.ENOSPC, 0x02, "not enough resources: short_mask=0x02 short=memory",
            () -> firmware.activate(a, 1, 0));
        TestImages.load(firmware, a, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 5, KIB64 + 1, 0, 0, 1));
        card.refused(Errno.EDQUOT, 0x03,
            "partition limit reached: partition=1 limit_mask=0x03 limit=cores,memory", () -> firmware.activate(a, 1, 0));
    }

    @Test
    void borrowingTakesTheUnreservedPoolFirstThenLendersNeverOthers() throws FirmwareException
    {
        final int a = card.create("a", 2, 8, 2, 8, 0);
        final int lender = card.create("lender", 2, 2, 2, 2, Firmware.PART_LEND);
        final int keeper = card.create("keeper", 1, 1, 1, 1, 0);

        final WorkloadInfo first = card.activate(a, 1, 0, 5, 1);
        final WorkloadInfo second = card.activate(a, 1, 1, 2, 1);

        assertEquals(0b1110_0011L, first.coreMask());
        assertEquals(0b0000_1100L, second.coreMask());
        assertEquals(cores(7, 256, 2), card.info(a).used());
        assertEquals(cores(5, 0, 0), card.info(a).borrowed());
        assertEquals(cores(7, 256, 2), card.info(a).peak());
        TestImages.load(firmware, a, 1, 2, TestImages.image(WorkloadOp.ECHO, 0, 1, 128, 0, 0, 1));
        card.refused(Errno.ENOSPC, 0x01, "not enough resources: short_mask=0x01 short=cores",
            () -> firmware.activate(a, 1, 2));
        assertEquals(0b1_0000L, firmware.queryPartitions(keeper, 1).get(0).coreMask());
        assertEquals(0, card.info(lender).activeWorkloads());
    }

    @Test
    void poolQueryShowsWhatANewWorkloadMayTake() throws FirmwareException
    {
        final int a = card.create("a", 2, 6, 2, 8, 0);
        final int lender = card.create("lender", 2, 2, 2, 2, Firmware.PART_LEND);

        card.activate(a, 1, 0, 3, 1);

        assertEquals(new PoolSnapshot(cores(2, KIB64, 2), cores(3, KIB64 - 128, 7), cores(3, 128, 1), 0b11L, 0b11L),
            firmware.queryPool(a, 1));
        assertEquals(cores(2, KIB64, 2), firmware.queryPool(lender, 1).free());
        assertEquals(ResourceVector.of(4, (1 << 20) - 2 * KIB64, 8, 8, 4), firmware.queryPool(BASE, 1).free());
    }

    @Test
    void peakKeepsTheHighestUse() throws FirmwareException
    {
        final int a = card.create("a", 1, 8, 1, 8, 0);
        final WorkloadInfo big = card.activate(a, 1, 0, 4, 2);
        firmware.deactivate(a, 1, big.dbcId());
        card.activate(a, 1, 0, 1, 1);

        assertEquals(cores(1, 128, 1), card.info(a).used());
        assertEquals(cores(4, 128, 2), card.info(a).peak());
        assertEquals(ResourceVector.ZERO, card.info(a).borrowed());
    }
}

package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static dev.shadowdev.firmware.model.ElasticFixture.BASE;
import static dev.shadowdev.firmware.model.ElasticFixture.ECANCELED;
import static dev.shadowdev.firmware.model.ElasticFixture.cores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Revocation: a reservation claimed back preempts borrowers, newest first, never a workload inside its own min. */
class RevocationTest
{
    private final ElasticFixture card = new ElasticFixture();
    private final Firmware firmware = card.firmware;

    @Test
    void aLenderActivatingWithinItsMinPreemptsTheNewestBorrower() throws FirmwareException
    {
        final int a = card.create("a", 2, 8, 2, 8, 0);
        final int lender = card.create("lender", 2, 2, 2, 2, Firmware.PART_LEND);
        final WorkloadInfo older = card.activate(a, 7, 0, 5, 1);
        final WorkloadInfo newer = card.activate(a, 7, 1, 2, 1);
        assertEquals(0b1000_0100L, newer.coreMask());

        final WorkloadInfo first = card.activate(lender, 9, 0, 1, 1);
        assertEquals(List.of(), card.preemptions(), "the unreserved pool still covers what is borrowed");
        final WorkloadInfo second = card.activate(lender, 9, 1, 1, 1);

        assertEquals(0b1000L, first.coreMask());
        assertEquals(0b0100L, second.coreMask());
        assertEquals(List.of(new Preemption(a, 7, newer.dbcId(), "wl", PreemptionReason.REVOKED)), card.preemptions());
        assertEquals(List.of(older, first, second), firmware.queryWorkloads(BASE, 1));
        assertEquals(cores(3, 0, 0), card.info(a).borrowed());
        assertEquals(cores(7, 256, 2), card.info(a).peak());
    }

    @Test
    void aPreemptedWorkloadAnswersEcanceledUntilItsOwnerDeactivatesIt() throws FirmwareException
    {
        final int a = card.create("a", 0, 8, 1, 8, 0);
        final int lender = card.create("lender", 8, 8, 1, 1, Firmware.PART_LEND);
        final WorkloadInfo borrower = card.activate(a, 7, 0, 8, 1);
        card.activate(lender, 9, 0, 8, 1);
        final ByteBuffer in = ByteBuffer.wrap(new byte[]{ 1, 2, 3 });
        final ByteBuffer out = ByteBuffer.allocate(8);

        assertEquals(ECANCELED, firmware.execute(a, 7, borrower.dbcId(), in, 0, 3, out, 0, 8));
        assertEquals(Errno.ENOENT.status(), firmware.execute(a, 8, borrower.dbcId(), in, 0, 3, out, 0, 8),
            "only the owner is told");
        assertTrue(firmware.isPreempted(a, 7, borrower.dbcId()));
        final Snapshot before = Snapshot.of(firmware);
        final FirmwareException ex = assertThrows(FirmwareException.class,
            () -> firmware.deactivate(a, 7, borrower.dbcId()));
        assertEquals(Errno.ECANCELED, ex.errno());
        assertEquals("workload preempted: dbc_id=" + borrower.dbcId() + " partition=1 handle=7", ex.getMessage());
        assertEquals(before.workloads(), Snapshot.of(firmware).workloads());

        assertFalse(firmware.isPreempted(a, 7, borrower.dbcId()), "deactivate acknowledged it");
        assertEquals(Errno.ENOENT.status(), firmware.execute(a, 7, borrower.dbcId(), in, 0, 3, out, 0, 8));
    }

    @Test
    void terminateOrANewWorkloadOnTheSameDbcForgetsThePreemption() throws FirmwareException
    {
        final int a = card.create("a", 0, 8, 0, 8, 0);
        final int lender = card.create("lender", 8, 8, 1, 1, Firmware.PART_LEND);
        final WorkloadInfo seven = card.activate(a, 7, 0, 4, 1);
        final WorkloadInfo eight = card.activate(a, 8, 0, 4, 1);
        card.activate(lender, 9, 0, 8, 1);
        assertEquals(2, card.preemptions().size());

        firmware.terminate(a, 7);
        assertFalse(firmware.isPreempted(a, 7, seven.dbcId()));
        assertTrue(firmware.isPreempted(a, 8, eight.dbcId()));
        firmware.terminate(lender, 9);
        assertEquals(seven.dbcId(), card.activate(a, 8, 0, 1, 1).dbcId());
        assertTrue(firmware.isPreempted(a, 8, eight.dbcId()));
        assertEquals(eight.dbcId(), card.activate(a, 8, 1, 1, 1).dbcId());

        assertFalse(firmware.isPreempted(a, 8, eight.dbcId()), "the owner now means its new workload");
    }

    @Test
    void aWorkloadInsideItsOwnReservationIsNeverPreemptedEvenWhenNewer() throws FirmwareException
    {
        final int a = card.create("a", 1, 8, 1, 4, 0);
        final int lender = card.create("lender", 2, 2, 2, 2, Firmware.PART_LEND);
        final int c = card.create("c", 1, 1, 1, 1, 0);
        final WorkloadInfo borrower = card.activate(a, 1, 0, 6, 1);
        final WorkloadInfo inside = card.activate(c, 1, 0, 1, 1);

        card.activate(lender, 1, 0, 2, 1);

        assertEquals(List.of(new Preemption(a, 1, borrower.dbcId(), "wl", PreemptionReason.REVOKED)),
            card.preemptions());
        assertEquals(List.of(inside), firmware.queryWorkloads(c, 1));
    }

    @Test
    void borrowingNeverPreempts() throws FirmwareException
    {
        final int a = card.create("a", 1, 8, 1, 8, Firmware.PART_LEND);
        final int b = card.create("b", 0, 8, 0, 8, 0);
        final WorkloadInfo own = card.activate(a, 1, 0, 1, 1);
        final WorkloadInfo borrowing = card.activate(a, 1, 1, 6, 1);
        final WorkloadInfo bBorrows = card.activate(b, 1, 0, 1, 1);

        card.refused(Errno.ENOSPC, 0x01, "not enough resources: short_mask=0x01 short=cores",
            () -> card.activate(b, 1, 1, 1, 1));
        assertEquals(List.of(own, borrowing, bBorrows), firmware.queryWorkloads(BASE, 1));
    }

    @Test
    void creatingAPartitionThatDoesNotLendRevokesWhatWasBorrowedOfItsReservation() throws FirmwareException
    {
        final int a = card.create("a", 1, 8, 1, 8, 0);
        final WorkloadInfo first = card.activate(a, 1, 0, 3, 1);
        final WorkloadInfo second = card.activate(a, 1, 1, 3, 1);

        card.create("lends", 3, 3, 1, 1, Firmware.PART_LEND);
        assertEquals(List.of(), card.preemptions(), "a lending reservation lends what is borrowed of it");
        card.create("keeps", 4, 4, 1, 1, 0);

        assertEquals(List.of(new Preemption(a, 1, second.dbcId(), "wl", PreemptionReason.REVOKED)),
            card.preemptions());
        assertEquals(List.of(first), firmware.queryWorkloads(a, 1));
        for (final PartitionInfo partition : firmware.queryPartitions(BASE, 1))
        {
            assertEquals(partition.reserved().get(0), Long.bitCount(partition.coreMask()));
        }
    }

    @Test
    void aBaseNodeWorkloadTakesUnreservedUnitsBorrowersSitOnWhenLendersHaveIdleOnes() throws FirmwareException
    {
        final int a = card.create("a", 2, 8, 2, 8, 0);
        final int lender = card.create("lender", 2, 2, 2, 2, Firmware.PART_LEND);
        final WorkloadInfo borrower = card.activate(a, 1, 0, 5, 1);
        TestImages.load(firmware, BASE, 1, 0, TestImages.image(WorkloadOp.ECHO, 0, 4, 128, 0, 0, 1));
        card.refused(Errno.ENOSPC, 0x01, "not enough resources: short_mask=0x01 short=cores",
            () -> firmware.activate(BASE, 1, 0));

        final WorkloadInfo base = card.activate(BASE, 1, 0, 3, 1);

        assertEquals(0, base.coreMask() & borrower.coreMask());
        assertEquals(base.coreMask(), base.coreMask() & firmware.queryPool(BASE, 1).coreMask());
        assertEquals(0b0011_0000L, firmware.queryPartitions(lender, 1).get(0).coreMask());

        card.activate(lender, 1, 0, 2, 1);

        assertEquals(List.of(new Preemption(a, 1, borrower.dbcId(), "wl", PreemptionReason.REVOKED)),
            card.preemptions());
    }
}

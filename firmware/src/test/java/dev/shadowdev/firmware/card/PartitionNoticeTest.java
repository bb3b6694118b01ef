package dev.shadowdev.firmware.card;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.firmware.model.DeviceProfile;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.DbcQueue;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The card tells the host about preemptions and drains unasked: one PARTITION_NOTICE_FROM_DEV per message, sequence
 * 0, the preempted session's handle and partition in the header, exact bytes; the DBC of a preempted workload
 * stops serving its queues; a drain's grace period ends on the card's own duty with no request at all.
 */
class PartitionNoticeTest
{
    private static final int BASE = -1;
    private static final int HB = 7;
    private static final int HL = 9;
    private static final long KIB64 = 64 * 1024;
    /** 4 cores, 1 MiB, 4 bus replicators, 4 semaphores, 4 DMA channels. */
    private static final DeviceProfile PROFILE = DeviceProfile.of("notice", 4, 1 << 20, 4, 4, 4);

    private final long[] now = { 1_000_000_000L };

    @Test
    void aLenderTakingItsReservationBackSendsThePreemptedNoticeAfterItsAnswer() throws Exception
    {
        try (TestHost test = TestHost.manual(PROFILE, CardOptions.defaults(), () -> now[0]))
        {
            final Firmware firmware = test.card.firmware();
            final int lender = firmware.createPartition(BASE, 0, "lender",
                new long[]{ 2, KIB64, 0, 0, 2 }, new long[]{ 2, KIB64, 0, 0, 2 }, Firmware.PART_LEND);
            final int borrower = firmware.createPartition(BASE, 0, "borrower",
                new long[]{ 1, KIB64, 0, 0, 1 }, new long[]{ 4, KIB64, 0, 0, 4 }, 0);
            final int dbc = activate(test, borrower, HB, 3);
            test.settle();
            assertEquals(0, test.pendingNotices(), "no notice without a preemption");

            final int lenderDbc = activate(test, lender, HL, 2);

            final Answer notice = new Answer(test.awaitNotice(), true);
            assertArrayEquals(expectedNotice(1, borrower, HB, dbc, 0), Arrays.copyOfRange(notice.bytes, 4, 64),
                "notice bytes after the crc");
            assertEquals(64, notice.bytes.length);
            assertTrue(firmware.isPreempted(borrower, HB, dbc));
            assertEquals(1, test.card.noticesSent());
            assertEquals(0, test.card.noticesDropped());
            assertTrue(test.card.dbcEngine().isBound(lenderDbc), "the lender's channel serves the lender");
            test.settle();
            assertEquals(0, test.pendingNotices(), "one notice per preemption");
        }
    }

    @Test
    void aDrainsGraceEndsOnTheCardsDutyWithNoRequestAndTheChannelStopsServing() throws Exception
    {
        try (TestHost test = TestHost.manual(PROFILE, CardOptions.defaults(), () -> now[0]))
        {
            final Firmware firmware = test.card.firmware();
            final int part = firmware.createPartition(BASE, 0, "batch",
                new long[]{ 2, KIB64, 0, 0, 2 }, new long[]{ 2, KIB64, 0, 0, 2 }, 0);
            final DbcQueue queue = new DbcQueue(test, 4, 256);
            final int dbc = activate(test, part, HB, 1, queue);
            assertEquals(1, firmware.drainPartition(BASE, 0, part, 0, 50));

            now[0] += TimeUnit.MILLISECONDS.toNanos(49);
            test.settle();
            assertEquals(0, test.pendingAnswers(), "nothing before the grace ran out");
            assertTrue(test.card.dbcEngine().isBound(dbc));

            now[0] += TimeUnit.MILLISECONDS.toNanos(1);
            test.pump();
            final Answer preempted = new Answer(test.awaitNotice(), true);
            assertArrayEquals(expectedNotice(1, part, HB, dbc, 2), Arrays.copyOfRange(preempted.bytes, 4, 64));
            final Answer drained = new Answer(test.awaitNotice(), true);
            assertArrayEquals(expectedNotice(2, part, 0, 0, 0), Arrays.copyOfRange(drained.bytes, 4, 64));
            assertFalse(test.card.dbcEngine().isBound(dbc), "a preempted workload's channel is unbound");
            assertEquals(2, test.card.noticesSent());

            final long ignored = test.card.dbcEngine().ignoredDoorbells();
            queue.put(1, new byte[16], 256);
            queue.ring();
            test.settle();
            assertEquals(ignored + 1, test.card.dbcEngine().ignoredDoorbells());
            assertEquals(List.of(), queue.takeResponses(), "the card never writes a preempted workload's queues");
        }
    }

    @Test
    void theDeviceThreadEndsAGracePeriodWhileParked() throws Exception
    {
        try (TestHost test = TestHost.threaded(CardOptions.defaults().withThreadName("notice-card")))
        {
            final Firmware firmware = test.card.firmware();
            final int part = firmware.createPartition(BASE, 0, "batch",
                new long[]{ 2, KIB64, 0, 0, 2 }, new long[]{ 2, KIB64, 0, 0, 2 }, 0);
            final int dbc = activate(test, part, HB, 1);
            assertEquals(1, firmware.drainPartition(BASE, 0, part, 0, 20));

            final Answer preempted = new Answer(test.awaitNotice(), true);
            assertArrayEquals(expectedNotice(1, part, HB, dbc, 2), Arrays.copyOfRange(preempted.bytes, 4, 64));
            final Answer drained = new Answer(test.awaitNotice(), true);
            assertEquals(0, drained.sequenceNumber());
            assertEquals(part, drained.partitionId());
            assertNull(test.pollNotice(TimeUnit.MILLISECONDS.toNanos(50)), "nothing more");
        }
    }

    @Test
    void aResetDropsTheNoticesNotSentYet() throws Exception
    {
        try (TestHost test = TestHost.manual(PROFILE, CardOptions.defaults(), () -> now[0]))
        {
            final Firmware firmware = test.card.firmware();
            final int part = firmware.createPartition(BASE, 0, "batch",
                new long[]{ 2, KIB64, 0, 0, 2 }, new long[]{ 2, KIB64, 0, 0, 2 }, 0);
            activate(test, part, HB, 1);
            firmware.drainPartition(BASE, 0, part, 0, 0);
            test.card.crash("test");
            test.resetAndBringUp();
            test.settle();
            assertEquals(0, test.pendingAnswers());
            assertEquals(0, test.card.noticesSent());
            assertEquals(2, test.card.noticesDropped());
        }
    }

    /** Load an ECHO image needing {@code units} cores and DMA channels over the wire and activate it. */
    /**
     * The race the doorbell generation closes: the card gives a preempted borrower's DBC to the lender (a new
     * generation) while the borrower's session, not yet told, rings it; the stale doorbell is dropped by the
     * registers, and the lender's first request on the DBC is served.
     */
    @Test
    void aPreemptedBorrowersDoorbellCannotTouchTheLendersQueues() throws Exception
    {
        try (TestHost test = TestHost.manual(PROFILE, CardOptions.defaults(), () -> now[0]))
        {
            final Firmware firmware = test.card.firmware();
            final int lender = firmware.createPartition(BASE, 0, "lender",
                new long[]{ 2, KIB64, 0, 0, 2 }, new long[]{ 2, KIB64, 0, 0, 2 }, Firmware.PART_LEND);
            final int borrower = firmware.createPartition(BASE, 0, "borrower",
                new long[]{ 1, KIB64, 0, 0, 1 }, new long[]{ 4, KIB64, 0, 0, 4 }, 0);
            final DbcQueue borrowerQueue = new DbcQueue(test, 4, 256);
            final int dbc = activate(test, borrower, HB, 3, borrowerQueue);
            final int borrowerGeneration = test.card.dbcEngine().generation(dbc);
            final DbcQueue lenderQueue = new DbcQueue(test, 4, 256);
            assertEquals(dbc, activate(test, lender, HL, 2, lenderQueue), "the lender got the borrower's DBC");
            final int lenderGeneration = test.card.dbcEngine().generation(dbc);
            assertNotEquals(borrowerGeneration, lenderGeneration);

            borrowerQueue.put(7, new byte[]{ 9, 9, 9 }, 64);
            borrowerQueue.put(8, new byte[]{ 9, 9, 9 }, 64);
            assertEquals(Errno.EACCES.status(), borrowerQueue.ring(borrowerGeneration), "the stale doorbell");
            lenderQueue.put(1, new byte[]{ 1, 2, 3 }, 64);
            assertEquals(0, lenderQueue.ring(lenderGeneration));

            assertEquals(List.of("1:0"), lenderQueue.awaitResponses(1), "the lender's request, served");
            assertEquals(1, test.registers.staleDbcWrites());
        }
    }

    private static int activate(final TestHost test, final int partition, final int handle, final int units)
    {
        return activate(test, partition, handle, units, new DbcQueue(test, 4, 256));
    }

    private static int activate(
        final TestHost test, final int partition, final int handle, final int units, final DbcQueue queue)
    {
        final byte[] image = new WorkloadImageWriter().name("echo-" + handle).needs(units, 4096, 0, 0, units)
            .op(WorkloadOp.ECHO).payload(new byte[64]).toBytes();
        final long at = test.put(image);
        final WireRequestWriter writer = test.begin(handle, partition);
        writer.appendDmaXfer(1, 0, 0, new long[]{ at }, new long[]{ image.length }, 0, 1);
        queue.appendActivate(writer, 1, 256);
        final Answer answer = test.call();
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), answer.describe());
        assertEquals(test.sequence(), answer.sequenceNumber());
        final int dbc = answer.getInt(1, ActivateFromDevFlyweight.DBC_ID_OFFSET) & 0xFFFF; // upper half: the generation
        queue.dbc(dbc);
        return dbc;
    }

    /** Bytes 4..63 of a notice message: magic, sequence 0, len 64, count 1, handle, partition, pad; the body. */
    private static byte[] expectedNotice(
        final int kind, final int partition, final int handle, final int dbc, final int reason)
    {
        final ByteBuffer b = ByteBuffer.allocate(60).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(WireMessageHeaderFlyweight.MAGIC).putInt(0).putInt(64).putInt(1).putInt(handle).putInt(partition)
            .putInt(0);
        b.putInt(0x112).putInt(32).putInt(kind).putInt(partition).putInt(handle).putInt(dbc).putInt(reason).putInt(0);
        return b.array();
    }
}

package dev.shadowdev.firmware.card;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.DbcQueue;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.TransferTreFlyweight;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.PartQueryFromDevFlyweight;
import dev.shadowdev.wire.PoolQueryFromDevFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crash and reset, hang and resume, and answers that wait for host buffers. */
class FirmwareCardFaultTest
{
    private static final int BASE = -1;
    private static final int H = 9;

    @Test
    void crashThenResetLosesEverything() throws Exception
    {
        try (TestHost test = TestHost.manual(CardOptions.defaults()))
        {
            test.begin(H, BASE).appendPartCreate("p", new long[]{ 2, 1 << 20, 0, 0, 2 });
            assertEquals(List.of("PART_CREATE_FROM_DEV 0"), test.call().describe());
            final DbcQueue queue = activateEcho(test, 1);

            test.card.crash("injected");
            test.host.doWork();

            assertEquals(MhiState.SYS_ERR, test.host.state());
            assertEquals(Errno.EIO.status(), test.host.queue(TestHost.TX, test.alloc(64), 64,
                TransferTreFlyweight.FLAG_IEOT));
            queue.put(1, new byte[8], 64);
            queue.ring();
            test.settle();
            assertEquals(List.of(), queue.takeResponses());
            assertEquals(1, test.card.dbcEngine().ignoredDoorbells());

            test.resetAndBringUp();

            assertEquals(1, test.card.reboots());
            assertEquals(false, test.card.dbcEngine().isBound(queue.dbc()));
            test.begin(H, BASE).appendStatus();
            test.writer.appendPartQuery();
            test.writer.appendPoolQuery();
            final Answer answer = test.call();
            assertEquals(List.of("STATUS_FROM_DEV 0", "PART_QUERY_FROM_DEV 0", "POOL_QUERY_FROM_DEV 0"),
                answer.describe());
            assertEquals(0, answer.getInt(1, PartQueryFromDevFlyweight.N_OFFSET));
            final PoolQueryFromDevFlyweight pool = new PoolQueryFromDevFlyweight().wrap(answer.buffer, answer.offset(2));
            assertEquals(16, pool.free(0));
            assertEquals(16, pool.free(4));
            assertEquals(List.of(), test.card.firmware().queryWorkloads(BASE, 0));
            test.begin(H, 1).appendStatus();
            assertEquals(List.of("STATUS_FROM_DEV -19"), test.call().describe());
        }
    }

    @Test
    void aHungCardSwallowsControlMessagesAndHoldsDbcRequestsUntilResumed()
    {
        try (TestHost test = TestHost.manual(CardOptions.defaults()))
        {
            final DbcQueue queue = activateEcho(test, BASE);
            test.card.hang();

            test.begin(H, BASE).appendStatus();
            test.finishAndSend(true);
            queue.put(5, new byte[]{ 1, 2, 3 }, 64);
            queue.ring();

            assertNull(test.poll(TimeUnit.MILLISECONDS.toNanos(100)));
            assertEquals(List.of(), queue.takeResponses());
            assertEquals(1, test.card.control().swallowed());

            test.card.resume();

            assertEquals(List.of("5:0"), queue.awaitResponses(1));
            test.begin(H, BASE).appendStatus();
            final Answer answer = test.call();
            assertEquals(test.sequence(), answer.sequenceNumber());
            assertEquals(List.of("STATUS_FROM_DEV 0"), answer.describe());
        }
    }

    @Test
    void aTransportResetEndsAHang()
    {
        try (TestHost test = TestHost.manual(CardOptions.defaults()))
        {
            test.card.hang();
            test.resetAndBringUp();

            assertEquals(false, test.card.isHung());
            test.begin(H, BASE).appendStatus();
            assertEquals(List.of("STATUS_FROM_DEV 0"), test.call().describe());
        }
    }

    @Test
    void aHungCardOnItsThreadLetsTheHostTimeOutThenRecovers()
    {
        try (TestHost test = TestHost.threaded(CardOptions.defaults().withThreadName("hang-card")))
        {
            test.card.hang();
            test.begin(H, BASE).appendStatus();
            test.finishAndSend(true);

            assertNull(test.poll(TimeUnit.MILLISECONDS.toNanos(150)));

            test.resetAndBringUp();
            test.begin(H, BASE).appendStatus();
            assertEquals(List.of("STATUS_FROM_DEV 0"), test.call().describe());
            assertTrue(test.card.isDeviceThreadAlive());
        }
    }

    @Test
    void answersWaitForHostBuffersInOrderAndNoneIsDropped()
    {
        try (TestHost test = TestHost.manual(CardOptions.defaults(), 4))
        {
            final List<Integer> sequences = new ArrayList<>();
            for (int i = 0; i < 8; i++)
            {
                final long at = test.alloc(256);
                final WireRequestWriter writer = test.beginAt(at, 256, H, BASE);
                writer.appendStatus();
                sequences.add(test.sequence());
                test.sendAt(at, writer.finish(true));
            }
            for (int i = 0; i < 10; i++)
            {
                test.card.doWork();
            }

            assertEquals(4, test.card.responses().queued());
            assertEquals(4, test.card.responses().sent());

            final List<Integer> answered = new ArrayList<>();
            for (int i = 0; i < 8; i++)
            {
                answered.add(new Answer(test.await(), true).sequenceNumber());
            }
            assertEquals(sequences, answered);
            assertEquals(0, test.card.responses().queued());
            assertEquals(8, test.card.responses().sent());
            assertEquals(0, test.card.responses().dropped());
        }
    }

    /** Load and activate an echo workload for the base node or a partition; @return its queue. */
    private static DbcQueue activateEcho(final TestHost test, final int partitionId)
    {
        final byte[] image = new WorkloadImageWriter().name("e").needs(1, 4096, 0, 0, 1).op(WorkloadOp.ECHO).toBytes();
        final long at = test.put(image);
        final DbcQueue queue = new DbcQueue(test, 4, 64);
        final WireRequestWriter writer = test.begin(H, partitionId);
        writer.appendDmaXfer(0, 0, 0, new long[]{ at }, new long[]{ image.length }, 0, 1);
        queue.appendActivate(writer, 0, 64);
        final Answer answer = test.call();
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), answer.describe());
        return queue.dbc(answer.getInt(1, ActivateFromDevFlyweight.DBC_ID_OFFSET));
    }
}

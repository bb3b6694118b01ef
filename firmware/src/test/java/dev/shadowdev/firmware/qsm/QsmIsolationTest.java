package dev.shadowdev.firmware.qsm;

import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.DbcQueue;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.PartQueryFromDevFlyweight;
import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Requests act for the partition and handle of their header only: partition A cannot touch partition B's workload
 * or slots, no body field overrides the header, and a shadow partition cannot manage or see other partitions.
 */
class QsmIsolationTest
{
    private static final int BASE = -1;
    private static final int A = 1;
    private static final int B = 2;
    private static final int H = 5;

    private final TestHost test = TestHost.manual(CardOptions.defaults());
    private final DbcQueue queueOfB = new DbcQueue(test, 4, 256);
    private int dbcOfB;

    @BeforeEach
    void twoPartitionsAndAWorkloadInB()
    {
        test.begin(H, BASE).appendPartCreate("a", new long[]{ 2, 1 << 20, 0, 0, 2 });
        test.writer.appendPartCreate("b", new long[]{ 2, 1 << 20, 0, 0, 2 });
        assertEquals(List.of("PART_CREATE_FROM_DEV 0", "PART_CREATE_FROM_DEV 0"), test.call().describe());
        final byte[] image = new WorkloadImageWriter().name("b").needs(1, 4096, 0, 0, 1).op(WorkloadOp.ECHO).toBytes();
        final long at = test.put(image);
        final WireRequestWriter writer = test.begin(H, B);
        writer.appendDmaXfer(0, 0, 0, new long[]{ at }, new long[]{ image.length }, 0, 1);
        queueOfB.appendActivate(writer, 0, 256);
        final Answer answer = test.call();
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), answer.describe());
        dbcOfB = answer.getInt(1, ActivateFromDevFlyweight.DBC_ID_OFFSET);
        queueOfB.dbc(dbcOfB);
    }

    @AfterEach
    void close()
    {
        test.close();
    }

    @Test
    void partitionACannotDeactivateOrActivateWhatBelongsToB() throws Exception
    {
        test.begin(H, A).appendDeactivate(dbcOfB);
        new DbcQueue(test, 4, 64).appendActivate(test.writer, 0, 64);
        test.writer.appendTerminate(H);

        assertEquals(List.of("DEACTIVATE_FROM_DEV -13", "ACTIVATE_FROM_DEV -2", "TERMINATE_FROM_DEV 0"),
            test.call().describe());
        assertEquals(true, test.card.dbcEngine().isBound(dbcOfB));
        assertEquals(1, test.card.firmware().queryPartitions(BASE, 0).get(1).activeWorkloads());

        final byte[] input = { 1, 2, 3, 4, 5, 6, 7, 8 };
        final int index = queueOfB.put(9, input, 256);
        queueOfB.ring();
        assertEquals(List.of("9:0"), queueOfB.awaitResponses(1));
        assertArrayEquals(input, queueOfB.output(index));
    }

    @Test
    void anotherHandleOfTheSamePartitionIsRefusedToo()
    {
        test.begin(H + 1, B).appendDeactivate(dbcOfB);

        assertEquals(List.of("DEACTIVATE_FROM_DEV -13"), test.call().describe());
        assertEquals("dbc not owned by requester: dbc_id=" + dbcOfB + " partition=2 handle=6",
            test.controlProblems.last());
    }

    @Test
    void terminateCannotNameAnotherHandleInItsBody()
    {
        test.begin(H + 1, B).appendTerminate(H);

        assertEquals(List.of("TERMINATE_FROM_DEV -13"), test.call().describe());
        assertEquals("terminate handle mismatch: handle=5 header_handle=6", test.controlProblems.last());
        assertEquals(true, test.card.dbcEngine().isBound(dbcOfB));
    }

    @Test
    void aShadowPartitionCannotManageOrSeeOtherPartitions() throws Exception
    {
        final WireRequestWriter writer = test.begin(H, A);
        writer.appendPartCreate("c", new long[]{ 1, 0, 0, 0, 1 });
        writer.appendPartDestroy(B, 1);
        writer.appendValidatePartition(B);
        writer.appendValidatePartition(A);
        writer.appendPartQuery();

        final Answer answer = test.call();

        assertEquals(List.of("PART_CREATE_FROM_DEV -1", "PART_DESTROY_FROM_DEV -1", "VALIDATE_PARTITION_FROM_DEV -2",
            "VALIDATE_PARTITION_FROM_DEV 0", "PART_QUERY_FROM_DEV 0"), answer.describe());
        assertEquals(1, answer.getInt(4, PartQueryFromDevFlyweight.N_OFFSET));
        assertEquals(A, new PartitionEntryFlyweight()
            .wrap(answer.buffer, answer.offset(4) + PartQueryFromDevFlyweight.ENTRIES_OFFSET).id());
        assertEquals(2, test.card.firmware().queryPartitions(BASE, 0).size());
    }

    @Test
    void anUnknownPartitionInTheHeaderIsEnodev()
    {
        test.begin(H, 9).appendStatus();
        test.writer.appendPoolQuery();

        assertEquals(List.of("STATUS_FROM_DEV -19", "POOL_QUERY_FROM_DEV -19"), test.call().describe());
        assertEquals("unknown partition: partition=9", test.controlProblems.last());
    }

    @Test
    void destroyingBUnbindsItsQueuesAndTheDbcIgnoresLaterDoorbells()
    {
        test.begin(H, BASE).appendPartDestroy(B, 0);
        test.writer.appendPartDestroy(B, 1);
        assertEquals(List.of("PART_DESTROY_FROM_DEV -16", "PART_DESTROY_FROM_DEV 0"), test.call().describe());
        assertEquals(false, test.card.dbcEngine().isBound(dbcOfB));

        queueOfB.put(1, new byte[8], 256);
        queueOfB.ring();
        test.settle();

        assertEquals(List.of(), queueOfB.takeResponses());
        assertEquals(1, test.card.dbcEngine().ignoredDoorbells());
        assertEquals("doorbell on unbound dbc: dbc=" + dbcOfB, test.dbcProblems.last());
    }
}

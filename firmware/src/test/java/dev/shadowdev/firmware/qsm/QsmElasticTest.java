package dev.shadowdev.firmware.qsm;

import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.DbcQueue;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartCreateFromDevFlyweight;
import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartDrainFromDevFlyweight;
import dev.shadowdev.wire.PartQueryExFromDevFlyweight;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.PartResizeFromDevFlyweight;
import dev.shadowdev.wire.PartitionEntryExFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.shadowdev.firmware.model.DeviceProfile.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The elastic transactions of ABI.md 6.1 over the real transport: PART_CREATE with the v1.1 body, PART_RESIZE,
 * PART_DRAIN and PART_QUERY_EX, decoded by the QSM, served by the model, encoded back with the model's errno,
 * short mask, preempted count and entries.
 */
class QsmElasticTest
{
    private static final int BASE = -1;
    private static final int H = 7;
    private static final int LEND = PartCreateExFlyweight.FLAG_LEND;

    private final TestHost test = TestHost.manual(CardOptions.defaults());

    @AfterEach
    void close()
    {
        test.close();
    }

    @Test
    void createV11BesideV1AndQueryEx()
    {
        test.begin(H, BASE).appendPartCreateEx("burst", new long[]{1, GIB, 0, 0, 1},
            new long[]{4, 2 * GIB, 2, 2, 2}, LEND);
        test.writer.appendPartCreate("fixed", new long[]{2, GIB, 1, 1, 1});
        test.writer.appendPartQueryEx();
        final Answer answer = test.call();

        assertEquals(List.of("PART_CREATE_FROM_DEV 0", "PART_CREATE_FROM_DEV 0", "PART_QUERY_EX_FROM_DEV 0"),
            answer.describe());
        assertEquals(1, answer.getInt(0, PartCreateFromDevFlyweight.PARTITION_ID_OFFSET));
        assertEquals(2, answer.getInt(1, PartCreateFromDevFlyweight.PARTITION_ID_OFFSET));
        assertEquals(2, answer.getInt(2, PartQueryExFromDevFlyweight.N_OFFSET));
        final PartitionEntryExFlyweight burst = entry(answer, 2, 0);
        assertEquals(1, burst.id());
        assertEquals("burst", burst.name());
        assertEquals(PartitionEntryExFlyweight.STATE_ACTIVE, burst.state());
        assertEquals(LEND, burst.flags());
        assertEquals(1, burst.min(0));
        assertEquals(4, burst.max(0));
        assertEquals(2 * GIB, burst.max(1));
        assertEquals(0, burst.used(0));
        final PartitionEntryExFlyweight fixed = entry(answer, 2, 1);
        assertEquals("fixed", fixed.name());
        assertEquals(0, fixed.flags());
        assertEquals(2, fixed.min(0));
        assertEquals(2, fixed.max(0));

        test.begin(H, 2).appendPartQueryEx();
        final Answer shadow = test.call();
        assertEquals(1, shadow.getInt(0, PartQueryExFromDevFlyweight.N_OFFSET));
        assertEquals("fixed", entry(shadow, 0, 0).name());
    }

    @Test
    void badCreatesGiveTheModelsErrnoAndCreateNothing()
    {
        test.begin(H, BASE).appendPartCreateEx("a", new long[]{4, 0, 0, 0, 1}, new long[]{2, 0, 0, 0, 1}, 0);
        test.writer.appendPartCreateEx("b", new long[]{1, 0, 0, 0, 1}, new long[]{1, 0, 0, 0, 1}, 2);
        test.writer.appendPartCreateEx("c", new long[]{17, 0, 0, 0, 1}, new long[]{17, 0, 0, 0, 1}, 0);
        final int reserved = test.writer.appendPartCreateEx(
            "d", new long[]{1, 0, 0, 0, 1}, new long[]{1, 0, 0, 0, 1}, 0);
        test.memory.putInt(reserved + PartCreateExFlyweight.RESERVED_OFFSET, 9);
        final Answer answer = test.call();

        assertEquals(List.of("PART_CREATE_FROM_DEV -22", "PART_CREATE_FROM_DEV -22", "PART_CREATE_FROM_DEV -28",
            "PART_CREATE_FROM_DEV -22"), answer.describe());
        assertEquals(0x01, answer.getInt(2, PartCreateFromDevFlyweight.SHORT_MASK_OFFSET));
        assertEquals(List.of("min above max: min[0]=4 max[0]=2", "bad partition flags: flags=0x2",
            "not enough resources: short_mask=0x01 short=cores", "bad reserved field: type=0x102 value=0x9"),
            lastProblems(4));
        test.begin(H, BASE).appendPartQueryEx();
        assertEquals(0, test.call().getInt(0, PartQueryExFromDevFlyweight.N_OFFSET));
    }

    @Test
    void activateAtMaxIsEdquotWithTheMaskAndResizeMovesTheLimitInPlace()
    {
        test.begin(H, BASE).appendPartCreateEx("burst", new long[]{1, 0, 0, 0, 1},
            new long[]{2, GIB, 0, 0, 2}, 0);
        assertEquals(List.of("PART_CREATE_FROM_DEV 0"), test.call().describe());
        final byte[] image = new WorkloadImageWriter().name("two").needs(2, 4096, 0, 0, 1)
            .op(WorkloadOp.ECHO).toBytes();
        final long at = test.put(image);
        final WireRequestWriter load = test.begin(H, 1);
        load.appendDmaXfer(0, 0, 0, new long[]{at}, new long[]{image.length}, 0, 1);
        new DbcQueue(test, 4, 64).appendActivate(load, 0, 64);
        new DbcQueue(test, 4, 64).appendActivate(load, 0, 64);
        final Answer activated = test.call();

        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0", "ACTIVATE_FROM_DEV -122"),
            activated.describe());
        assertEquals(0x01L, activated.getLong(2, ActivateFromDevFlyweight.OPTIONS_OFFSET));
        assertEquals("partition limit reached: partition=1 limit_mask=0x01 limit=cores",
            test.controlProblems.last());

        test.begin(H, BASE).appendPartResize(1, 0, new long[]{1, 0, 0, 0, 1}, new long[]{1, GIB, 0, 0, 2});
        test.writer.appendPartResize(1, 0, new long[]{1, 0, 0, 0, 1}, new long[]{4, GIB, 0, 0, 2});
        test.writer.appendPartResize(1, 8, new long[]{1, 0, 0, 0, 1}, new long[]{4, GIB, 0, 0, 2});
        test.writer.appendPartResize(9, 0, new long[]{1, 0, 0, 0, 1}, new long[]{4, GIB, 0, 0, 2});
        test.writer.appendPartResize(1, 0, new long[]{17, 0, 0, 0, 1}, new long[]{17, GIB, 0, 0, 2});
        test.writer.appendPartQueryEx();
        final Answer resized = test.call();

        assertEquals(List.of("PART_RESIZE_FROM_DEV -16", "PART_RESIZE_FROM_DEV 0", "PART_RESIZE_FROM_DEV -22",
            "PART_RESIZE_FROM_DEV -2", "PART_RESIZE_FROM_DEV -28", "PART_QUERY_EX_FROM_DEV 0"), resized.describe());
        assertEquals(0x01, resized.getInt(0, PartResizeFromDevFlyweight.SHORT_MASK_OFFSET));
        assertEquals(0, resized.getInt(1, PartResizeFromDevFlyweight.PREEMPTED_OFFSET));
        assertEquals(0x01, resized.getInt(4, PartResizeFromDevFlyweight.SHORT_MASK_OFFSET));
        final PartitionEntryExFlyweight entry = entry(resized, 5, 0);
        assertEquals(4, entry.max(0));
        assertEquals(1, entry.activeWorkloads());
        assertEquals(2, entry.used(0));
        assertEquals(1, entry.borrowed(0));

        test.begin(H, BASE).appendPartResize(
            1, PartResizeFlyweight.FLAG_FORCE, new long[]{1, 0, 0, 0, 1}, new long[]{1, GIB, 0, 0, 2});
        final Answer forced = test.call();
        assertEquals(List.of("PART_RESIZE_FROM_DEV 0"), forced.describe());
        assertEquals(1, forced.getInt(0, PartResizeFromDevFlyweight.PREEMPTED_OFFSET));
        assertTrue(test.card.firmware().isPreempted(1, H, 0));
    }

    @Test
    void drainCordonsPreemptsAfterTheGraceAndUndoLiftsIt()
    {
        test.begin(H, BASE).appendPartCreateEx("d", new long[]{2, 0, 0, 0, 1}, new long[]{2, GIB, 0, 0, 1}, 0);
        assertEquals(List.of("PART_CREATE_FROM_DEV 0"), test.call().describe());
        final byte[] image = new WorkloadImageWriter().name("one").needs(1, 4096, 0, 0, 1)
            .op(WorkloadOp.ECHO).toBytes();
        final long at = test.put(image);
        final WireRequestWriter load = test.begin(H, 1);
        load.appendDmaXfer(0, 0, 0, new long[]{at}, new long[]{image.length}, 0, 1);
        new DbcQueue(test, 4, 64).appendActivate(load, 0, 64);
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), test.call().describe());

        test.begin(H, BASE).appendPartDrain(1, 0, PartDrainFlyweight.GRACE_NEVER);
        test.writer.appendPartDrain(9, 0, 0);
        test.writer.appendPartDrain(1, 2, 0);
        final int reserved = test.writer.appendPartDrain(1, 0, 0);
        test.memory.putInt(reserved + PartDrainFlyweight.RESERVED_OFFSET, 1);
        test.writer.appendPartQueryEx();
        final Answer drained = test.call();

        assertEquals(List.of("PART_DRAIN_FROM_DEV 0", "PART_DRAIN_FROM_DEV -2", "PART_DRAIN_FROM_DEV -22",
            "PART_DRAIN_FROM_DEV -22", "PART_QUERY_EX_FROM_DEV 0"), drained.describe());
        assertEquals(1, drained.getInt(0, PartDrainFromDevFlyweight.ACTIVE_WORKLOADS_OFFSET));
        assertEquals(PartitionEntryExFlyweight.STATE_DRAINING, entry(drained, 4, 0).state());
        assertEquals(List.of("no such partition: id=9", "bad part_drain flags: flags=0x2",
            "bad reserved field: type=0x10e value=0x1"), lastProblems(3));

        final WireRequestWriter again = test.begin(H, 1);
        new DbcQueue(test, 4, 64).appendActivate(again, 0, 64);
        assertEquals(List.of("ACTIVATE_FROM_DEV -108"), test.call().describe());

        test.begin(H, 1).appendPartDrain(1, 0, 0);
        assertEquals(List.of("PART_DRAIN_FROM_DEV -1"), test.call().describe());

        test.begin(H, BASE).appendPartDrain(1, 0, 0);
        test.writer.appendPartQueryEx();
        final Answer now = test.call();
        assertEquals(List.of("PART_DRAIN_FROM_DEV 0", "PART_QUERY_EX_FROM_DEV 0"), now.describe());
        assertEquals(PartitionEntryExFlyweight.STATE_DRAINED, entry(now, 1, 0).state());
        assertEquals(0, entry(now, 1, 0).activeWorkloads());
        assertTrue(test.card.firmware().isPreempted(1, H, 0));

        test.begin(H, BASE).appendPartDrain(1, PartDrainFlyweight.FLAG_UNDO, 0);
        test.writer.appendPartQueryEx();
        final Answer undone = test.call();
        assertEquals(List.of("PART_DRAIN_FROM_DEV 0", "PART_QUERY_EX_FROM_DEV 0"), undone.describe());
        assertEquals(PartitionEntryExFlyweight.STATE_ACTIVE, entry(undone, 1, 0).state());
    }

    @Test
    void aQueryExAnswerThatCannotFitIsEmsgsize()
    {
        final WireRequestWriter writer = test.begin(H, BASE);
        for (int i = 0; i < 264; i++)
        {
            writer.appendPartCreateEx("p" + i, new long[5], new long[]{1, 0, 0, 0, 1}, 0);
        }
        assertEquals(264, test.call().count());
        test.begin(H, BASE).appendPartQueryEx();
        final Answer full = test.call();
        assertEquals(List.of("PART_QUERY_EX_FROM_DEV 0"), full.describe());
        assertEquals(264, full.getInt(0, PartQueryExFromDevFlyweight.N_OFFSET));
        assertEquals(32 + 24 + 264 * (208 + 40), full.bytes.length);

        test.begin(H, BASE).appendPartCreateEx("one-more", new long[5], new long[]{1, 0, 0, 0, 1}, 0);
        test.writer.appendPartQueryEx();
        assertEquals(List.of("PART_CREATE_FROM_DEV 0", "PART_QUERY_EX_FROM_DEV -90"), test.call().describe());
        assertEquals("answer does not fit: index=1 type=0x111 length=65744", test.controlProblems.last());
    }

    private List<String> lastProblems(final int n)
    {
        final List<String> all = test.controlProblems.all();
        return all.subList(all.size() - n, all.size());
    }

    private static PartitionEntryExFlyweight entry(final Answer answer, final int transaction, final int i)
    {
        return new PartitionEntryExFlyweight().wrap(answer.buffer,
            new PartQueryExFromDevFlyweight().wrap(answer.buffer, answer.offset(transaction)).entryIndex(i));
    }
}

package dev.shadowdev.driver.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.OpenResult;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.PartitionEntryExFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The elastic transactions of ABI.md 6.1 through the driver and the real card: PART_CREATE with the v1.1 body,
 * PART_RESIZE and PART_DRAIN on the base node (EPERM elsewhere, nothing sent), PART_QUERY_EX everywhere, and what
 * they do to running workloads (EDQUOT at max, ESHUTDOWN while cordoned, ECANCELED once preempted).
 */
class ElasticTest
{
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final int LEND = PartCreateExFlyweight.FLAG_LEND;
    private static final int FORCE = PartResizeFlyweight.FLAG_FORCE;
    private static final int CORES_AND_DMA = 0x11;
    private static final int PID = 4242;

    private final Map<Integer, String> procs = new ConcurrentHashMap<>();
    private final Rig rig = new Rig(b -> b.cgroupSource(procs::get)).up();
    private final Client base = rig.base();

    @AfterEach
    void close()
    {
        base.close();
        rig.close();
    }

    @Test
    void createV11AndQueryExOnTheBaseNodeAndOnAShadowNode()
    {
        final Rsp created = base.transact(Msg.tag(1)
            .partCreateEx("burst", vector(1, GIB, 0, 0, 1), vector(4, 4 * GIB, 2, 2, 4), LEND)
            .partCreate("fixed", Rig.small()));
        assertEquals(List.of("PART_CREATE:0", "PART_CREATE:0"), created.statuses());
        final int burst = created.txn(0).i32(0);
        final int fixed = created.txn(1).i32(0);

        final Rsp.Txn all = base.transact(Msg.tag(2).partQueryEx()).txn(0);
        assertEquals(0, all.status());
        assertEquals(2, all.i32(0));
        final PartitionEntryExFlyweight entry = entry(all, 0);
        assertEquals(burst, entry.id());
        assertEquals("burst", entry.name());
        assertEquals(PartitionEntryExFlyweight.STATE_ACTIVE, entry.state());
        assertEquals(LEND, entry.flags());
        assertEquals(1, entry.min(0));
        assertEquals(4, entry.max(0));
        assertEquals(4 * GIB, entry.max(1));
        assertEquals(0, entry.used(0));
        assertEquals(fixed, entry(all, 1).id());
        assertEquals(2, entry(all, 1).min(0));
        assertEquals(2, entry(all, 1).max(0));
        assertEquals(0, entry(all, 1).flags());
        assertEquals(1L, base.transact(Msg.tag(3).partQuery()).txn(0).i64(8 + 40), "v1 PART_QUERY: reserved = min");

        try (Client shadow = rig.open(partDev(burst)))
        {
            final Rsp.Txn own = shadow.transact(Msg.tag(4).partQueryEx()).txn(0);
            assertEquals(0, own.status());
            assertEquals(1, own.i32(0));
            assertEquals("burst", entry(own, 0).name());
            assertEquals(24 + 208, 16 + own.body().length);
        }
    }

    @Test
    void resizeAndDrainAreRefusedOnShadowAndCgroupNodesWithNothingSent()
    {
        final int id = createEx("tenant", vector(1, GIB, 0, 0, 1), vector(2, GIB, 0, 0, 2), 0);
        assertEquals(List.of("PART_BIND:0"), base.transact(Msg.tag(1).partBind(id, 0, "/tenant")).statuses());
        procs.put(PID, "0::/tenant\n");
        final OpenResult opened = rig.driver.open(rig.cgroupMinor(), PID);
        assertEquals(0, opened.status());
        try (Client shadow = rig.open(partDev(id)); Client cgroup = new Client(opened.session()))
        {
            for (final Client client : List.of(shadow, cgroup))
            {
                final int sent = rig.wire.sentCount();
                final Rsp rsp = client.transact(Msg.tag(2)
                    .partResize(id, 0, vector(2, GIB, 0, 0, 2), vector(4, GIB, 0, 0, 4))
                    .partDrain(id, 0, 0).partDrain(id, PartDrainFlyweight.FLAG_UNDO, 0));
                assertEquals(List.of("PART_RESIZE:-1", "PART_DRAIN:-1", "PART_DRAIN:-1"), rsp.statuses());
                assertEquals(sent, rig.wire.sentCount());
                final Rsp.Txn own = client.transact(Msg.tag(3).partQueryEx()).txn(0);
                assertEquals(1, own.i32(0));
                assertEquals(id, entry(own, 0).id());
            }
        }
        final PartitionEntryExFlyweight after = entry(base.transact(Msg.tag(4).partQueryEx()).txn(0), 0);
        assertEquals(2, after.max(0));
        assertEquals(PartitionEntryExFlyweight.STATE_ACTIVE, after.state());
    }

    @Test
    void edquotAtMaxThenResizeGrowsAndShrinksInPlaceWhileAWorkloadExecutes()
    {
        final int id = createEx("elastic", vector(1, 64 * MIB, 0, 0, 1), vector(2, GIB, 0, 0, 2), 0);
        final int minor = partDev(id);
        try (Client shadow = rig.open(minor))
        {
            final int first = shadow.load(1, Rig.echoImage());
            final int second = shadow.load(2, Rig.echoImage());
            assertArrayEquals(new byte[] {1, 2, 3}, shadow.execute(first, new byte[] {1, 2, 3}));

            final Rsp quota = shadow.transact(Msg.tag(3).dmaXfer(3, 0, Rig.echoImage(), 0, Rig.echoImage().length)
                .activate(3));
            assertEquals(List.of("DMA_XFER:0", "ACTIVATE:" + Errno.EDQUOT.status()), quota.statuses());
            assertEquals(CORES_AND_DMA, quota.txn(1).i32(4), "short_mask names the resources at their limit");

            final Rsp grown = base.transact(Msg.tag(4)
                .partResize(id, 0, vector(1, 64 * MIB, 0, 0, 1), vector(4, GIB, 0, 0, 4)));
            assertEquals(List.of("PART_RESIZE:0"), grown.statuses());
            assertEquals(0, grown.txn(0).i32(4), "preempted");
            final Rsp third = shadow.transact(Msg.tag(5).activate(3));
            assertEquals(List.of("ACTIVATE:0"), third.statuses());
            final int newest = third.txn(0).i32(0);
            assertArrayEquals(new byte[] {4, 5}, shadow.execute(first, new byte[] {4, 5}));
            assertArrayEquals(new byte[] {6}, shadow.execute(newest, new byte[] {6}));

            final Rsp busy = base.transact(Msg.tag(6)
                .partResize(id, 0, vector(1, 64 * MIB, 0, 0, 1), vector(2, GIB, 0, 0, 2)));
            assertEquals(List.of("PART_RESIZE:" + Errno.EBUSY.status()), busy.statuses());
            assertEquals(CORES_AND_DMA, busy.txn(0).i32(0), "over the new max");
            assertEquals(4, query(id).max(0), "a refusal changes nothing");

            final Rsp forced = base.transact(Msg.tag(7)
                .partResize(id, FORCE, vector(1, 64 * MIB, 0, 0, 1), vector(2, GIB, 0, 0, 2)));
            assertEquals(List.of("PART_RESIZE:0"), forced.statuses());
            assertEquals(1, forced.txn(0).i32(4), "the newest workload is preempted");
            assertEquals(List.of("EXECUTE:" + Errno.ECANCELED.status()),
                shadow.transact(Msg.tag(8).execute(newest, new byte[] {1})).statuses());
            assertArrayEquals(new byte[] {9, 8, 7}, shadow.execute(first, new byte[] {9, 8, 7}));
            assertArrayEquals(new byte[] {1}, shadow.execute(second, new byte[] {1}));

            final PartitionEntryExFlyweight now = query(id);
            assertEquals(2, now.max(0));
            assertEquals(2, now.used(0));
            assertEquals(1, now.borrowed(0));
            assertEquals(2, now.activeWorkloads());
            assertEquals(minor, partDev(id), "the node and its minor stay");
        }
    }

    @Test
    void drainCordonsUndoLiftsAndGraceZeroPreempts()
    {
        final int id = createEx("drained", vector(2, GIB, 0, 0, 2), vector(2, GIB, 0, 0, 2), 0);
        try (Client shadow = rig.open(partDev(id)))
        {
            final int running = shadow.load(1, Rig.echoImage());

            final Rsp cordon = base.transact(Msg.tag(2).partDrain(id, 0, PartDrainFlyweight.GRACE_NEVER));
            assertEquals(List.of("PART_DRAIN:0"), cordon.statuses());
            assertEquals(1, cordon.txn(0).i32(0), "active workloads when the drain began");
            assertEquals(PartitionEntryExFlyweight.STATE_DRAINING, query(id).state());
            final Rsp refused = shadow.transact(Msg.tag(3).dmaXfer(2, 0, Rig.echoImage(), 0,
                Rig.echoImage().length).activate(2));
            assertEquals(List.of("DMA_XFER:0", "ACTIVATE:" + Errno.ESHUTDOWN.status()), refused.statuses());
            assertArrayEquals(new byte[] {5}, shadow.execute(running, new byte[] {5}), "running workloads go on");

            assertEquals(List.of("PART_DRAIN:0"),
                base.transact(Msg.tag(4).partDrain(id, PartDrainFlyweight.FLAG_UNDO, 0)).statuses());
            assertEquals(PartitionEntryExFlyweight.STATE_ACTIVE, query(id).state());
            final Rsp again = shadow.transact(Msg.tag(5).activate(2));
            assertEquals(List.of("ACTIVATE:0"), again.statuses());
            final int second = again.txn(0).i32(0);

            final Rsp now = base.transact(Msg.tag(6).partDrain(id, 0, 0));
            assertEquals(List.of("PART_DRAIN:0"), now.statuses());
            assertEquals(2, now.txn(0).i32(0));
            final PartitionEntryExFlyweight drained = query(id);
            assertEquals(PartitionEntryExFlyweight.STATE_DRAINED, drained.state());
            assertEquals(0, drained.activeWorkloads());
            assertEquals(0, drained.used(0));
            assertEquals(List.of("EXECUTE:" + Errno.ECANCELED.status(), "EXECUTE:" + Errno.ECANCELED.status()),
                shadow.transact(Msg.tag(7).execute(running, new byte[] {1}).execute(second, new byte[] {1}))
                    .statuses());
        }
    }

    @Test
    void badInputsGiveTheModelsErrnoAndChangeNothing()
    {
        final int id = createEx("kept", vector(1, GIB, 0, 0, 1), vector(2, GIB, 0, 0, 2), LEND);
        final Rsp refused = base.transact(Msg.tag(1)
            .partCreateEx("inverted", vector(4, GIB, 0, 0, 1), vector(2, GIB, 0, 0, 1), 0)
            .partCreateEx("huge", vector(17, GIB, 0, 0, 1), vector(17, GIB, 0, 0, 1), 0)
            .partResize(id, 0, vector(3, GIB, 0, 0, 1), vector(2, GIB, 0, 0, 2))
            .partResize(id, PartResizeFlyweight.FLAG_SET_LEND | PartResizeFlyweight.FLAG_CLEAR_LEND,
                vector(1, GIB, 0, 0, 1), vector(2, GIB, 0, 0, 2))
            .partResize(id + 100, 0, vector(1, GIB, 0, 0, 1), vector(2, GIB, 0, 0, 2))
            .partResize(id, 0, vector(17, GIB, 0, 0, 1), vector(17, GIB, 0, 0, 2))
            .partDrain(id + 100, 0, 0));
        assertEquals(List.of("PART_CREATE:-22", "PART_CREATE:-28", "PART_RESIZE:-22", "PART_RESIZE:-22",
            "PART_RESIZE:-2", "PART_RESIZE:-28", "PART_DRAIN:-2"), refused.statuses());
        assertEquals(0x01, refused.txn(1).i32(4), "PART_CREATE short_mask");
        assertEquals(0x01, refused.txn(5).i32(0), "PART_RESIZE short_mask");

        final int sent = rig.wire.sentCount();
        final byte[] badResize = Msg.tag(2).partResize(id, 0x8, vector(1, GIB, 0, 0, 1), vector(2, GIB, 0, 0, 2))
            .bytes();
        final byte[] badDrain = Msg.tag(3).partDrain(id, 0x2, 0).bytes();
        final byte[] badCreate = Msg.tag(4).partCreateEx("x", vector(1, 0, 0, 0, 1), vector(1, 0, 0, 0, 1), 0x4)
            .bytes();
        for (final byte[] bad : List.of(badResize, badDrain, badCreate))
        {
            assertEquals(Errno.EINVAL.status(), base.write(bad));
        }
        assertEquals(sent, rig.wire.sentCount());

        final Rsp.Txn all = base.transact(Msg.tag(5).partQueryEx()).txn(0);
        assertEquals(1, all.i32(0));
        final PartitionEntryExFlyweight kept = entry(all, 0);
        assertEquals(1, kept.min(0));
        assertEquals(2, kept.max(0));
        assertEquals(LEND, kept.flags());
        assertEquals(PartitionEntryExFlyweight.STATE_ACTIVE, kept.state());
    }

    private int createEx(final String name, final long[] min, final long[] max, final int flags)
    {
        final Rsp rsp = base.transact(Msg.tag(1).partCreateEx(name, min, max, flags));
        assertEquals(List.of("PART_CREATE:0"), rsp.statuses(), name);
        assertEquals(NodeTypes.PART_CREATE, rsp.txn(0).type());
        return rsp.txn(0).i32(0);
    }

    /** SD_IOC_PART_DEV: the partition's shadow node (created once, then answered with its minor). */
    private int partDev(final int id)
    {
        final int[] created = base.partDev(id, 0, 0);
        assertEquals(0, created[0]);
        return created[1];
    }

    private PartitionEntryExFlyweight query(final int id)
    {
        final Rsp.Txn all = base.transact(Msg.tag(9).partQueryEx()).txn(0);
        assertEquals(0, all.status());
        for (int i = 0; i < all.i32(0); i++)
        {
            if (entry(all, i).id() == id)
            {
                return entry(all, i);
            }
        }
        throw new AssertionError("no partition: id=" + id);
    }

    private static PartitionEntryExFlyweight entry(final Rsp.Txn txn, final int i)
    {
        return new PartitionEntryExFlyweight().wrap(txn.view(), 8 + i * PartitionEntryExFlyweight.LENGTH);
    }

    private static long[] vector(final long cores, final long memory, final long bus, final long sems, final long dma)
    {
        return new long[] {cores, memory, bus, sems, dma};
    }
}

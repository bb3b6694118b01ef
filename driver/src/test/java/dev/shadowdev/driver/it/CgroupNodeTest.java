package dev.shadowdev.driver.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.CgroupBinding;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.api.OpenResult;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.firmware.model.DeviceProfile;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartBindRequestFlyweight;
import dev.shadowdev.wire.node.SdInfoFlyweight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ABI.md 7 through the driver's node API, with {@code /proc/<pid>/cgroup} contents given per pid: the shared node,
 * PART_BIND and its refusals, the lookup at open, sessions bound for life, bindings gone with their partition or the
 * firmware, and no minor per partition.
 */
class CgroupNodeTest
{
    private static final int PID_A = 101;
    private static final int PID_B = 102;
    private static final int PID_NOBODY = 103;

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
    void theSharedNodeHasTheLastMinorAndNoPartition()
    {
        final NodeView node = rig.driver.nodes().stream().filter(NodeView::isCgroupNode).findFirst().orElseThrow();
        assertEquals((1 << 20) - 1, node.minor());
        assertEquals(NodeView.CGROUP_NODE, node.partitionId());
        assertTrue(node.online());
        assertEquals(2, rig.driver.minorsInUse());
    }

    @Test
    void eachCallerReachesThePartitionItsCgroupIsBoundTo()
    {
        final int a = rig.createPartition(base, "tenant-a", Rig.small());
        final int b = rig.createPartition(base, "tenant-b", Rig.small());
        bind(a, "/shadowdev/tenant-a", 0);
        bind(b, "/shadowdev/tenant-b", 0);
        procs.put(PID_A, "9:name=systemd:/shadowdev/tenant-a/job\n0::/shadowdev/tenant-a/job\n");
        procs.put(PID_B, "0::/shadowdev/tenant-b\n");
        procs.put(PID_NOBODY, "0::/shadowdev/tenant-ab\n");

        try (Client clientA = open(PID_A); Client clientB = open(PID_B))
        {
            assertSees(clientA, a, "tenant-a");
            assertSees(clientB, b, "tenant-b");
            final int dbc = clientA.load(0, Rig.echoImage());
            assertEquals(7, clientA.execute(dbc, new byte[] { 7 })[0]);
            assertEquals(List.of("PART_CREATE:" + Errno.EPERM.status()),
                clientA.transact(Msg.tag(3).partCreate("x", Rig.small())).statuses());
            assertEquals(List.of("PART_BIND:" + Errno.EPERM.status()),
                clientA.transact(Msg.tag(4).partBind(a, 0, "/elsewhere")).statuses());
        }
        assertEquals(Errno.EACCES.status(), rig.driver.open(rig.cgroupMinor(), PID_NOBODY).status());
        assertEquals(Errno.ESRCH.status(), rig.driver.open(rig.cgroupMinor(), 999).status());
        assertEquals(Errno.ESRCH.status(), rig.driver.open(rig.cgroupMinor()).status());
    }

    @Test
    void aSessionKeepsThePartitionItOpenedWithWhenItsProcessMoves()
    {
        final int a = rig.createPartition(base, "tenant-a", Rig.small());
        final int b = rig.createPartition(base, "tenant-b", Rig.small());
        bind(a, "/a", 0);
        bind(b, "/b", 0);
        procs.put(PID_A, "0::/a\n");

        try (Client before = open(PID_A))
        {
            procs.put(PID_A, "0::/b/moved\n");
            try (Client after = open(PID_A))
            {
                assertSees(before, a, "tenant-a");
                assertSees(after, b, "tenant-b");
            }
        }
    }

    @Test
    void bindRefusalsChangeNothing()
    {
        final int a = rig.createPartition(base, "tenant-a", Rig.small());
        final int b = rig.createPartition(base, "tenant-b", Rig.small());
        bind(a, "/a", 0);

        bind(b, "/a", Errno.EEXIST.status());
        bind(a, "/a", 0);
        bind(a + b + 100, "/c", Errno.ENOENT.status());
        bind(-1, "/c", Errno.ENOENT.status());
        bind(b, "relative", Errno.EINVAL.status());
        bind(b, "", Errno.EINVAL.status());
        bind(b, "/x/../a", Errno.EINVAL.status());
        bind(b, "/x/./a", Errno.EINVAL.status());
        bind(b, "/" + "x".repeat(4096), Errno.ENAMETOOLONG.status());
        assertEquals(List.of("PART_BIND:" + Errno.EINVAL.status()),
            base.transact(Msg.tag(9).partBindRaw(b, 0, new byte[] { '/', (byte)0xFF })).statuses());
        assertEquals(List.of("PART_BIND:" + Errno.ENOENT.status()),
            base.transact(Msg.tag(9).partBind(b, PartBindRequestFlyweight.FLAG_UNBIND, "/a")).statuses());
        assertEquals(List.of("PART_BIND:" + Errno.ENOENT.status()),
            base.transact(Msg.tag(9).partBind(a, PartBindRequestFlyweight.FLAG_UNBIND, "/zzz")).statuses());

        assertEquals(List.of(new CgroupBinding("/a", "tenant-a", a)), rig.driver.cgroupBindings());

        assertEquals(List.of("PART_BIND:0", "STATUS:0", "PART_BIND:0"), base.transact(Msg.tag(10)
            .partBind(a, PartBindRequestFlyweight.FLAG_UNBIND, "/a").status().partBind(b, 0, "/a")).statuses());
        assertEquals(List.of(new CgroupBinding("/a", "tenant-b", b)), rig.driver.cgroupBindings());
    }

    @Test
    void aDestroyedPartitionEndsItsBoundSessionsAndDropsItsBindings()
    {
        final int a = rig.createPartition(base, "tenant-a", Rig.small());
        bind(a, "/a", 0);
        procs.put(PID_A, "0::/a\n");
        try (Client bound = open(PID_A))
        {
            assertEquals(List.of("PART_DESTROY:0"), base.transact(Msg.tag(2).partDestroy(a, 0)).statuses());

            assertEquals(Errno.ENODEV.status(), bound.write(Msg.tag(3).status().bytes()));
            final int[] status = new int[1];
            bound.info(status);
            assertEquals(Errno.ENODEV.status(), status[0]);
            assertEquals(List.of(), rig.driver.cgroupBindings());
            assertEquals(Errno.EACCES.status(), rig.driver.open(rig.cgroupMinor(), PID_A).status());
        }
    }

    /**
     * As many partitions as a card can hold (a v1 partition needs a core and a DMA channel of its own, and a card has
     * at most 64 of each), each bound to ten cgroups and reached through them: the base node and the shared node
     * are the only minors in use.
     */
    @Test
    void partitionsBoundThroughCgroupsUseNoMinor()
    {
        try (Rig big = new Rig(DeviceProfile.of("big", 64, 64 * DeviceProfile.GIB, 64, 64, 64),
            b -> b.cgroupSource(procs::get), CardOptions.defaults()).up(); Client root = big.base())
        {
            for (int i = 0; i < 64; i++)
            {
                final int id = big.createPartition(root, "p" + i, 1, DeviceProfile.GIB, 1, 1, 1);
                for (int k = 0; k < 10; k++)
                {
                    assertEquals(List.of("PART_BIND:0"),
                        root.transact(Msg.tag(1).partBind(id, 0, "/tenants/t" + i + "/" + k)).statuses());
                }
            }
            assertEquals(640, big.driver.cgroupBindings().size());
            assertEquals(2, big.driver.minorsInUse());

            procs.put(PID_A, "0::/tenants/t37/7/pod/container\n");
            final OpenResult opened = big.driver.open(big.cgroupMinor(), PID_A);
            try (Client client = new Client(opened.session()))
            {
                final SdInfoFlyweight info = new SdInfoFlyweight().wrap(client.info(new int[1]), 0);
                assertEquals("p37", info.name());
                assertEquals(big.cgroupMinor(), info.minor());
            }
            assertEquals(2, big.driver.minorsInUse());
        }
    }

    /**
     * ABI.md 7's scale: a thousand partitions (elastic ones with no reservation, ABI.md 6, so that a card holds them
     * all), each bound through a cgroup and reached through it: the base node and the shared node stay the only
     * minors in use, and an open finds its partition among a thousand bindings.
     */
    @Test
    void aThousandPartitionsBoundThroughCgroupsUseNoMinor()
    {
        final int[] ids = new int[1000];
        for (int i = 0; i < ids.length; i++)
        {
            final Rsp created = base.transact(Msg.tag(1).partCreateEx("t" + i, new long[5],
                new long[] { 1, DeviceProfile.GIB, 0, 0, 1 }, 0));
            assertEquals(List.of("PART_CREATE:0"), created.statuses(), "partition " + i);
            ids[i] = created.txn(0).i32(0);
            bind(ids[i], "/tenants/t" + i, 0);
        }
        assertEquals(1000, rig.driver.cgroupBindings().size());
        assertEquals(2, rig.driver.minorsInUse());

        procs.put(PID_A, "0::/tenants/t737/pod/container\n");
        try (Client client = open(PID_A))
        {
            assertSees(client, ids[737], "t737");
            final int dbc = client.load(0, Rig.echoImage());
            assertEquals(9, client.execute(dbc, new byte[] { 9 })[0], "a workload runs on what t737 may borrow");
        }
        assertEquals(2, rig.driver.minorsInUse());
    }

    private void bind(final int partitionId, final String path, final int expected)
    {
        final Rsp rsp = base.transact(Msg.tag(1).partBind(partitionId, 0, path));
        assertEquals(List.of("PART_BIND:" + expected), rsp.statuses(), path);
    }

    private Client open(final int pid)
    {
        final OpenResult opened = rig.driver.open(rig.cgroupMinor(), pid);
        assertEquals(0, opened.status(), "open as pid " + pid);
        return new Client(opened.session());
    }

    /** SD_IOC_INFO and PART_QUERY name the partition alone; the node is a shadow one. */
    private static void assertSees(final Client client, final int partitionId, final String name)
    {
        final int[] status = new int[1];
        final SdInfoFlyweight info = new SdInfoFlyweight().wrap(client.info(status), 0);
        assertEquals(0, status[0]);
        assertEquals(partitionId, info.partitionId());
        assertEquals(name, info.name());
        assertEquals(SdInfoFlyweight.FLAG_SHADOW | SdInfoFlyweight.FLAG_ONLINE, info.flags());
        final Rsp query = client.transact(Msg.tag(2).partQuery());
        assertEquals(NodeTypes.PART_QUERY, query.txn(0).type());
        assertEquals(1, query.txn(0).i32(0));
        assertEquals(partitionId, query.txn(0).i32(8));
    }
}

package dev.shadowdev.driver.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.session.Session;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.PcapRecords;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.driver.testing.WireCapture;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacker tests: what a container holding a shadow node can and cannot do. The driver tags every wire message
 * with the session's handle and the node's partition; nothing written into a node reaches the header.
 */
class IsolationTest
{
    private static final long GIB = 1L << 30;

    @Test
    void aShadowSessionCannotCreateOrDestroyPartitions()
    {
        try (Rig rig = new Rig().up(); Client base = rig.base())
        {
            final int minor = rig.shadow(base, "tenant", Rig.small());
            final int other = rig.createPartition(base, "victim", Rig.small());
            try (Client shadow = rig.open(minor))
            {
                final int sent = rig.wire.sentCount();
                final Rsp rsp = shadow.transact(Msg.tag(1).partCreate("mine", 1, GIB, 1, 1, 1)
                    .partDestroy(other, 1).partDestroy(((Session)shadow.session).partitionId(), 1));
                assertEquals(List.of("PART_CREATE:-1", "PART_DESTROY:-1", "PART_DESTROY:-1"), rsp.statuses());
                assertEquals(sent, rig.wire.sentCount());
                assertEquals(Errno.EPERM.status(), shadow.partDev(other, 0, 0)[0]);
                assertEquals(2, base.transact(Msg.tag(2).partQuery()).txn(0).i32(0));
            }
        }
    }

    @Test
    void noSessionReachesAnotherSessionsOrPartitionsDbc()
    {
        try (Rig rig = new Rig().up(); Client base = rig.base())
        {
            final int minorA = rig.shadow(base, "a", Rig.small());
            final int minorB = rig.shadow(base, "b", Rig.small());
            try (Client a1 = rig.open(minorA); Client a2 = rig.open(minorA); Client b = rig.open(minorB))
            {
                final int dbcA = a1.load(1, Rig.echoImage());
                final int dbcBase = base.load(1, Rig.echoImage());
                final int sent = rig.wire.sentCount();
                final long elements = rig.wire.dbcRequests();

                for (final Client intruder : List.of(a2, b, base))
                {
                    final Rsp rsp = intruder.transact(Msg.tag(2).execute(dbcA, new byte[] { 1 }).deactivate(dbcA));
                    assertEquals(List.of("EXECUTE:-13", "DEACTIVATE:-13"), rsp.statuses());
                }
                final Rsp fromShadow = b.transact(Msg.tag(3).execute(dbcBase, new byte[] { 1 }).deactivate(dbcBase)
                    .execute(99, new byte[] { 1 }).deactivate(-1));
                assertEquals(List.of("EXECUTE:-13", "DEACTIVATE:-13", "EXECUTE:-13", "DEACTIVATE:-13"),
                    fromShadow.statuses());
                assertEquals(sent, rig.wire.sentCount());
                assertEquals(elements, rig.wire.dbcRequests());
                assertEquals(new byte[] { 7 }[0], a1.execute(dbcA, new byte[] { 7 })[0]);
            }
        }
    }

    @Test
    void nothingAShadowSessionWritesChangesTheHeadersIdentity(@TempDir final Path dir) throws Exception
    {
        final Path trace = dir.resolve("wire.pcap");
        final int handle;
        final int partition;
        final List<WireCapture.Control> tapped;
        try (Rig rig = new Rig(b -> b.tracePath(trace)).up(); Client base = rig.base())
        {
            final int minor = rig.shadow(base, "tenant", Rig.small());
            try (Client shadow = rig.open(minor))
            {
                handle = ((Session)shadow.session).handle();
                partition = ((Session)shadow.session).partitionId();
                rig.wire.clear();
                final byte[] forged = forgedHeader(7, -1);
                final Random random = new Random(42);
                shadow.transact(Msg.tag(forgedTag()).passthrough(forged).status().poolQuery().partQuery());
                shadow.transact(Msg.tag(-1).dmaXfer(0, 0, forged, 0, forged.length).activate(0));
                final byte[] image = Rig.echoImage();
                final int dbc = shadow.load(5, image);
                shadow.execute(dbc, forged);
                for (int i = 0; i < 50; i++)
                {
                    final byte[] noise = new byte[8 * (1 + random.nextInt(64))];
                    random.nextBytes(noise);
                    shadow.transact(Msg.tag(random.nextInt()).passthrough(noise).dmaXfer(random.nextInt(4), 0, noise,
                        0, noise.length).execute(dbc, noise).deactivate(random.nextInt(16)));
                }
                final int[] status = new int[1];
                shadow.manage(Msg.tag(3).passthrough(forged).bytes(), status);
                assertEquals(0, status[0]);
                shadow.info(status);
                tapped = rig.wire.sent();
            }
        }
        assertTrue(tapped.size() > 50);
        for (final WireCapture.Control message : tapped)
        {
            assertEquals(handle, message.handle(), "handle of " + message.types());
            assertEquals(partition, message.partitionId(), "partition of " + message.types());
        }
        int checked = 0;
        for (final PcapRecords.Record record : PcapRecords.read(trace))
        {
            if (record.direction() == 0 && record.kind() == 0 &&
                record.i32(WireMessageHeaderFlyweight.HANDLE_OFFSET) == handle)
            {
                assertEquals(partition, record.i32(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET));
                checked++;
            }
            if (record.direction() == 0 && record.kind() == 0 &&
                record.i32(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET) == partition)
            {
                assertEquals(handle, record.i32(WireMessageHeaderFlyweight.HANDLE_OFFSET));
            }
        }
        assertEquals(tapped.size() + 1, checked, "every message of the session, and its TERMINATE, in the trace");
    }

    private static int forgedTag()
    {
        return 0x7fff_ffff;
    }

    /** A complete wire message header claiming the base partition and another handle. */
    private static byte[] forgedHeader(final int handle, final int partition)
    {
        final ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(WireMessageHeaderFlyweight.MAGIC_OFFSET, WireMessageHeaderFlyweight.MAGIC);
        b.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, 64);
        b.putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, 1);
        b.putInt(WireMessageHeaderFlyweight.HANDLE_OFFSET, handle);
        b.putInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET, partition);
        b.putInt(32, WireTypes.PART_DESTROY_TO_DEV);
        b.putInt(36, 16);
        b.putInt(40, 1);
        b.putInt(44, 1);
        return b.array();
    }
}

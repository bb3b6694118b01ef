package dev.shadowdev.driver.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.NodeListener;
import dev.shadowdev.driver.api.NodeUsage;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.session.Session;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.WireCapture;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.SdPartDevFlyweight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions: handles, TERMINATE on close, everything given back, nodes removed under them. */
class SessionLifecycleTest
{
    private final Rig rig = new Rig().up();
    private final Client base = rig.base();

    @AfterEach
    void close()
    {
        base.close();
        rig.close();
    }

    @Test
    void closingASessionGivesEverythingBack()
    {
        final int minor = rig.shadow(base, "tenant", Rig.small());
        try (Client observer = rig.open(minor))
        {
            final long[] freeBefore = free(observer);
            Rig.await(() -> rig.driver.controlInFlight() == 0, "transport quiet");
            final long hostBytes = rig.allocator.allocatedBytes();
            final Client tenant = rig.open(minor);
            final int handle = ((Session)tenant.session).handle();
            final int echo = tenant.load(1, Rig.echoImage());
            final int crc = tenant.load(2, Rig.image(WorkloadOp.CRC32C, 0, 512));
            tenant.execute(echo, new byte[1000]);
            tenant.execute(crc, new byte[10]);
            tenant.send(Msg.tag(9).dmaXfer(3, 0, new byte[4000], 0, 4000));
            tenant.send(Msg.tag(10).execute(echo, new byte[64]).status());
            assertNotEquals(freeBefore[0], free(observer)[0]);
            assertTrue(rig.allocator.allocatedBytes() > hostBytes);

            tenant.close();

            assertTrue(((Session)tenant.session).closed());
            assertEquals(List.of(freeBefore[0], freeBefore[1], freeBefore[4]),
                List.of(free(observer)[0], free(observer)[1], free(observer)[4]));
            Rig.await(() -> rig.allocator.allocatedBytes() == hostBytes, "host memory back to " + hostBytes);
            final List<WireCapture.Control> terminates = rig.wire.sent().stream()
                .filter(c -> c.types().contains(WireTypes.TERMINATE_TO_DEV)).toList();
            assertEquals(1, terminates.size());
            assertEquals(List.of(WireTypes.TERMINATE_TO_DEV), terminates.get(0).types());
            assertEquals(handle, terminates.get(0).handle());
            assertEquals(-1, rig.card.firmware().slotLength(((Session)tenant.session).partitionId(), handle, 3));
            assertEquals(Errno.ENODEV.status(), tenant.write(Msg.tag(1).status().bytes()));
        }
        Rig.await(() -> rig.driver.openSessions() == 1, "sessions closed");
    }

    @Test
    void opensPastAShadowNodesRateAreRefusedWithEagainAndTheBaseNodeIsExempt()
    {
        final AtomicLong clock = new AtomicLong(1_000_000_000L);
        try (Rig limited = new Rig(b -> b.opensPerSecond(10).openBurst(3).nanoClock(clock::get)).up();
             Client root = limited.base())
        {
            final int minor = limited.shadow(root, "churner", Rig.small());
            final List<Client> opened = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                opened.add(limited.open(minor));
            }
            assertEquals(Errno.EAGAIN.status(), limited.driver.open(minor).status(),
                "the fourth open within the burst's instant");
            opened.forEach(Client::close);
            assertEquals(Errno.EAGAIN.status(), limited.driver.open(minor).status(),
                "closing gives no opens back: only time does");
            clock.addAndGet(100_000_000L);
            opened.add(limited.open(minor));
            for (int i = 0; i < 10; i++)
            {
                limited.base().close();
            }
            opened.forEach(Client::close);
        }
    }

    @Test
    void handlesAreNeverZeroAndUnique()
    {
        final Set<Integer> handles = new HashSet<>();
        final List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            final Client c = rig.base();
            clients.add(c);
            final int handle = ((Session)c.session).handle();
            assertTrue(handle != 0);
            assertTrue(handles.add(handle));
        }
        assertTrue(!handles.contains(((Session)base.session).handle()));
        clients.forEach(Client::close);
    }

    @Test
    void removingANodeKillsItsSessionsForGood()
    {
        final List<String> events = new ArrayList<>();
        rig.driver.addListener(recorder(events));
        final int id = rig.createPartition(base, "gone", Rig.small());
        final int minor = base.partDev(id, 0, 0)[1];
        final Client tenant = rig.open(minor);
        assertEquals(List.of("STATUS:0"), tenant.transact(Msg.tag(1).status()).statuses());

        assertEquals(0, base.partDev(id, SdPartDevFlyweight.FLAG_REMOVE, 0)[0]);

        assertEquals(Errno.ENODEV.status(), tenant.write(Msg.tag(2).status().bytes()));
        assertEquals(Errno.ENODEV.status(), tenant.session.read(ByteBuffer.allocate(4096), false));
        assertTrue(tenant.session.pollIn());
        assertEquals(Errno.ENOENT.status(), rig.driver.open(minor).status());
        final int reused = base.partDev(id, 0, 0)[1];
        assertEquals(minor, reused);
        assertEquals(Errno.ENODEV.status(), tenant.write(Msg.tag(3).status().bytes()));
        tenant.close();
        assertEquals(List.of("added " + minor + " " + id, "removed " + minor, "added " + minor + " " + id), events);
    }

    @Test
    void destroyingAPartitionRemovesItsNode()
    {
        final int minor = rig.shadow(base, "doomed", Rig.small());
        final int id = rig.driver.nodes().stream().filter(n -> n.minor() == minor).findFirst().orElseThrow()
            .partitionId();
        try (Client tenant = rig.open(minor))
        {
            tenant.load(1, Rig.echoImage());
            assertEquals(List.of("PART_DESTROY:-16"), base.transact(Msg.tag(1).partDestroy(id, 0)).statuses());
            assertTrue(rig.driver.nodes().stream().anyMatch(n -> n.minor() == minor));
            assertEquals(List.of("PART_DESTROY:0"), base.transact(Msg.tag(2).partDestroy(id, 1)).statuses());
            assertTrue(rig.driver.nodes().stream().noneMatch(n -> n.minor() == minor));
            assertEquals(Errno.ENODEV.status(), tenant.write(Msg.tag(3).status().bytes()));
        }
    }

    @Test
    void aPartitionFoundGoneLosesItsNode() throws Exception
    {
        final int minor = rig.shadow(base, "vanishing", Rig.small());
        final int id = rig.driver.nodes().stream().filter(n -> n.minor() == minor).findFirst().orElseThrow()
            .partitionId();
        try (Client tenant = rig.open(minor))
        {
            rig.card.firmware().destroyPartition(-1, 0, id, true);
            assertEquals(List.of("STATUS:-19"), tenant.transact(Msg.tag(1).status()).statuses());
            assertTrue(rig.driver.nodes().stream().noneMatch(n -> n.minor() == minor));
        }
    }

    @Test
    void usageReportsPoolsWorkloadsAndEvents()
    {
        final int minor = rig.shadow(base, "used", Rig.small());
        try (Client tenant = rig.open(minor))
        {
            tenant.load(1, Rig.echoImage());
            base.load(1, Rig.echoImage());
            final NodeUsage shadow = rig.driver.usage(minor);
            assertEquals(2, shadow.total()[0]);
            assertEquals(1, shadow.free()[0]);
            assertEquals(1, shadow.activeWorkloads());
            assertTrue(shadow.events().contains("added partition="), shadow.events());
            final NodeUsage card = rig.driver.usage(rig.baseMinor());
            assertEquals(16, card.total()[0]);
            assertEquals(13, card.free()[0]);
            assertEquals(1, card.activeWorkloads());
        }
        assertNull(rig.driver.usage(999));
    }

    private static long[] free(final Client client)
    {
        final var pool = client.transact(Msg.tag(1).poolQuery()).txn(0);
        final long[] free = new long[5];
        for (int i = 0; i < 5; i++)
        {
            free[i] = pool.i64(40 + 8 * i);
        }
        return free;
    }

    private static NodeListener recorder(final List<String> events)
    {
        return new NodeListener()
        {
            @Override
            public void onNodeAdded(final NodeView node)
            {
                events.add("added " + node.minor() + " " + node.partitionId());
            }

            @Override
            public void onNodeRemoved(final NodeView node)
            {
                events.add("removed " + node.minor());
            }

            @Override
            public void onNodeChanged(final NodeView node)
            {
                events.add("changed " + node.minor());
            }
        };
    }
}

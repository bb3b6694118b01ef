package dev.shadowdev.driver.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.driver.api.ResetListener;
import dev.shadowdev.driver.node.NodeSnapshot;
import dev.shadowdev.driver.recovery.DriverState;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.wire.node.SdPartDevFlyweight;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Firmware crash and hang: nothing hangs, nothing leaks, minors survive, old files are dead for good. */
class RecoveryTest
{
    @Test
    void aCrashInTheMiddleOfTrafficHangsNothingAndLeaksNothing() throws Exception
    {
        final List<String> resets = Collections.synchronizedList(new ArrayList<>());
        try (Rig rig = new Rig().up())
        {
            rig.driver.addResetListener(recorder(resets));
            Rig.await(() -> rig.driver.controlInFlight() == 0, "transport quiet");
            final long hostBaseline = rig.allocator.allocatedBytes();
            final Client base = rig.base();
            final int minorA = rig.shadow(base, "a", 4, 2L << 30, 4, 4, 4);
            final int minorB = rig.shadow(base, "b", 4, 2L << 30, 4, 4, 4);
            final List<Client> tenants = new ArrayList<>();
            final List<Integer> dbcs = new ArrayList<>();
            for (int i = 0; i < 6; i++)
            {
                final Client tenant = rig.open(i % 2 == 0 ? minorA : minorB);
                tenants.add(tenant);
                dbcs.add(tenant.load(1, Rig.echoImage()));
            }

            final Map<Integer, List<Integer>> outcomes = new ConcurrentHashMap<>();
            final CountDownLatch started = new CountDownLatch(tenants.size());
            final List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < tenants.size(); i++)
            {
                final int index = i;
                final Client tenant = tenants.get(i);
                readers.add(new Thread(() -> traffic(tenant, dbcs.get(index), started,
                    outcomes.computeIfAbsent(index, k -> Collections.synchronizedList(new ArrayList<>())))));
            }
            readers.forEach(Thread::start);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            rig.card.hang();
            Thread.sleep(50);

            rig.card.crash("test crash");

            for (final Thread reader : readers)
            {
                reader.join(TimeUnit.SECONDS.toMillis(15));
                assertFalse(reader.isAlive(), "a reader is stuck: " + reader);
            }
            Rig.await(() -> resets.size() == 2, "recovered");
            assertEquals(DriverState.ONLINE, rig.driver.state());
            assertEquals(List.of("lost SYS_ERR", "reset 0 1"), resets);
            for (final List<Integer> statuses : outcomes.values())
            {
                final int last = statuses.get(statuses.size() - 1);
                assertTrue(last == Errno.ENODEV.status(), "session ended with " + statuses);
                assertTrue(statuses.contains(Errno.EIO.status()) || statuses.contains(Errno.ENODEV.status()));
            }

            final List<NodeView> nodes = rig.driver.nodes();
            assertEquals(4, nodes.size());
            assertTrue(nodes.get(0).isBase() && nodes.get(0).online());
            assertTrue(nodes.get(3).isCgroupNode() && nodes.get(3).online());
            assertEquals(2, ((NodeSnapshot)nodes.get(0)).generation());
            assertEquals(List.of(false, false), List.of(nodes.get(1).online(), nodes.get(2).online()));
            assertEquals(List.of(minorA, minorB), List.of(nodes.get(1).minor(), nodes.get(2).minor()));
            assertEquals(Errno.ENODEV.status(), rig.driver.open(minorA).status());
            assertEquals(Errno.ENODEV.status(), base.write(Msg.tag(1).status().bytes()));

            final Client daemon = rig.base();
            final int newA = rig.createPartition(daemon, "a", 4, 2L << 30, 4, 4, 4);
            final int[] attached = daemon.partDev(newA, SdPartDevFlyweight.FLAG_WANT_MINOR, minorA);
            assertEquals(0, attached[0]);
            assertEquals(minorA, attached[1]);
            assertTrue(rig.driver.nodes().get(1).online());
            assertEquals(newA, rig.driver.nodes().get(1).partitionId());
            assertEquals(Errno.ENODEV.status(), tenants.get(0).write(Msg.tag(1).status().bytes()));
            try (Client fresh = rig.open(minorA))
            {
                final int dbc = fresh.load(2, Rig.echoImage());
                assertEquals(5, fresh.execute(dbc, new byte[] { 5 })[0]);
            }

            tenants.forEach(Client::close);
            base.close();
            assertEquals(0, daemon.transact(Msg.tag(2).partDestroy(newA, 1)).txn(0).status());
            daemon.close();
            Rig.await(() -> rig.driver.openSessions() == 0, "sessions closed");
            Rig.await(() -> rig.driver.controlInFlight() == 0, "transport quiet");
            assertEquals(hostBaseline, rig.allocator.allocatedBytes());
            assertEquals(1, rig.driver.counters().get(Counter.RESETS));
            assertEquals(1, rig.card.reboots());
        }
    }

    @Test
    void aFirmwareThatStopsAnsweringIsResetAfterConsecutiveTimeouts()
    {
        final List<String> resets = Collections.synchronizedList(new ArrayList<>());
        try (Rig rig = new Rig(b -> b.controlTimeout(Duration.ofMillis(200)).deadAfterTimeouts(2)).up())
        {
            rig.driver.addResetListener(recorder(resets));
            final Client base = rig.base();
            rig.card.hang();
            base.send(Msg.tag(1).status());
            base.send(Msg.tag(2).poolQuery());
            assertEquals(Errno.ETIMEDOUT.status(), base.read().status());
            assertEquals(Errno.ETIMEDOUT.status(), base.read().status());
            Rig.await(() -> resets.size() == 2, "recovery");
            assertEquals(List.of("lost firmware not answering", "reset 0 1"), resets);
            assertEquals(Errno.ENODEV.status(), base.write(Msg.tag(3).status().bytes()));
            assertEquals(Errno.ENODEV.status(), base.session.read(ByteBuffer.allocate(4096), false));
            base.close();
            try (Client again = rig.base())
            {
                assertEquals(List.of("STATUS:0"), again.transact(Msg.tag(4).status()).statuses());
            }
            assertFalse(rig.card.isHung());
        }
    }

    @Test
    void anExecuteInFlightAtTheCrashIsAnsweredWithEio() throws Exception
    {
        try (Rig rig = new Rig().up(); Client base = rig.base())
        {
            final int dbc = base.load(1, Rig.echoImage());
            rig.card.hang();
            base.send(Msg.tag(1).execute(dbc, new byte[] { 1 }).status());
            final Rsp[] answer = new Rsp[1];
            final Thread reader = new Thread(() -> answer[0] = base.read());
            reader.start();
            Thread.sleep(50);
            rig.card.crash("crash with an execute in flight");
            reader.join(10_000);
            assertEquals(List.of("EXECUTE:-5", "STATUS:-19"), answer[0].statuses());
            assertEquals(Errno.EIO.status(), answer[0].status());
        }
    }

    private static void traffic(
        final Client tenant, final int dbc, final CountDownLatch started, final List<Integer> outcomes)
    {
        started.countDown();
        final byte[] buffer = new byte[131072];
        for (int i = 0; i < 100_000; i++)
        {
            final int written = tenant.write(Msg.tag(i).execute(dbc, new byte[] { (byte)i }).passthrough(new byte[64])
                .bytes());
            if (written < 0)
            {
                outcomes.add(written);
                return;
            }
            final int n = tenant.session.read(ByteBuffer.wrap(buffer), false);
            if (n <= 0)
            {
                outcomes.add(n);
                return;
            }
            final Rsp rsp = Rsp.parse(buffer, n);
            if (rsp.status() != 0)
            {
                outcomes.add(rsp.status());
            }
        }
    }

    private static ResetListener recorder(final List<String> events)
    {
        return new ResetListener()
        {
            @Override
            public void onFirmwareLost(final String reason)
            {
                events.add("lost " + reason);
            }

            @Override
            public void onReset(final ProbeResult result, final long count)
            {
                events.add("reset " + result.status() + " " + count);
            }
        };
    }
}

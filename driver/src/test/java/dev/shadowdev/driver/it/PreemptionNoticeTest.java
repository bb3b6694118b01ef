package dev.shadowdev.driver.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.NodeListener;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.session.Session;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.wire.node.NodeTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The card's preemption notices through the real card and the real driver: the elastic partitions are made in the
 * firmware model directly (the node transactions for them are built elsewhere), the workloads through node sessions.
 * A lender that takes its reservation back preempts a borrower: the borrower's next EXECUTE answers ECANCELED
 * without reaching the card, its node's events name its session and DBC, and no protocol counter moves. A drain
 * whose grace runs out fails an EXECUTE in flight with ECANCELED at once.
 */
class PreemptionNoticeTest
{
    private static final int BASE = -1;
    private static final long GIB = 1L << 30;
    private static final int ECANCELED = Errno.ECANCELED.status();

    @Test
    void aLenderTakingItsReservationBackCancelsTheBorrowersNextExecute() throws Exception
    {
        try (Rig rig = new Rig().up(); Client base = rig.base())
        {
            final Firmware firmware = rig.card.firmware();
            final int lender = firmware.createPartition(BASE, 0, "lender",
                new long[]{ 4, GIB, 0, 0, 4 }, new long[]{ 4, GIB, 0, 0, 4 }, Firmware.PART_LEND);
            final int borrower = firmware.createPartition(BASE, 0, "borrower",
                new long[]{ 1, GIB, 0, 0, 1 }, new long[]{ 16, 2 * GIB, 0, 0, 16 }, 0);
            firmware.createPartition(BASE, 0, "filler",
                new long[]{ 11, GIB, 0, 0, 11 }, new long[]{ 11, GIB, 0, 0, 11 }, 0);
            final int lenderMinor = node(base, lender);
            final int borrowerMinor = node(base, borrower);
            final Events events = new Events();
            rig.driver.addListener(events);

            try (Client b = rig.open(borrowerMinor); Client l = rig.open(lenderMinor))
            {
                final int handle = ((Session)b.session).handle();
                final int dbc = b.load(1, image("borrow", 3));
                final byte[] input = { 1, 2, 3, 4, 5, 6, 7, 8 };
                assertArrayEquals(input, b.execute(dbc, input), "the borrower runs on lent cores");
                final Map<Counter, Long> before = rig.driver.counters().snapshot();

                final int lenderDbc = l.load(1, image("own", 4));
                // The lender's ACTIVATE answer (the borrower's freed channel, bound again for the lender) arrives
                // before the notice: the driver's DbcTable sees the takeover first, then the notice.
                assertEquals(dbc, lenderDbc, "the lender got the preempted workload's channel");

                final DriverCounters counters = rig.driver.counters();
                Rig.await(() -> counters.get(Counter.NOTICES_PREEMPTED) == 1, "the preempted notice");
                final Rsp refused = b.transact(Msg.tag(9).execute(dbc, input));
                assertEquals(NodeTypes.EXECUTE, refused.txn(0).type());
                assertEquals(ECANCELED, refused.txn(0).status());
                assertEquals(before.get(Counter.DBC_REQUESTS), counters.get(Counter.DBC_REQUESTS),
                    "the cancelled EXECUTE never reached the card");
                assertArrayEquals(input, l.execute(lenderDbc, input), "the lender runs at once");

                final String line = "preempted session=" + handle + " dbc=" + dbc + " reason=revoked";
                assertTrue(rig.driver.usage(borrowerMinor).events().endsWith(" " + line),
                    rig.driver.usage(borrowerMinor).events());
                assertTrue(rig.driver.usage(rig.baseMinor()).events().endsWith(" " + line + " partition=" + borrower),
                    rig.driver.usage(rig.baseMinor()).events());
                assertFalse(rig.driver.usage(lenderMinor).events().contains("preempted"));
                assertEquals(List.of(borrowerMinor + " " + line,
                    rig.baseMinor() + " " + line + " partition=" + borrower), events.lines());

                assertEquals(0, counters.get(Counter.NOTICES_REJECTED));
                assertEquals(0, counters.get(Counter.NOTICES_DRAINED));
                for (final Counter quiet : List.of(Counter.CONTROL_PROTOCOL_ERRORS, Counter.CONTROL_UNMATCHED,
                    Counter.CONTROL_LATE, Counter.CONTROL_CORRUPT, Counter.CONTROL_TIMEOUTS, Counter.DBC_STALE,
                    Counter.DBC_TIMEOUTS))
                {
                    assertEquals(0, counters.get(quiet), quiet.name());
                }
                assertTrue(firmware.isPreempted(borrower, handle, dbc));

                assertEquals(List.of("DEACTIVATE:" + ECANCELED), b.transact(Msg.tag(10).deactivate(dbc)).statuses());
                assertFalse(firmware.isPreempted(borrower, handle, dbc), "the firmware forgot it");
                assertEquals(0, rig.driver.preemptedWorkloads(), "and so did the driver");
                assertEquals(List.of("DEACTIVATE:" + Errno.EACCES.status()),
                    b.transact(Msg.tag(11).deactivate(dbc)).statuses());
            }
        }
    }

    @Test
    void aDrainWhoseGraceRunsOutFailsTheExecuteInFlightAtOnce() throws Exception
    {
        try (Rig rig = new Rig().up(); Client base = rig.base())
        {
            final Firmware firmware = rig.card.firmware();
            final int part = firmware.createPartition(BASE, 0, "batch",
                new long[]{ 2, GIB, 0, 0, 2 }, new long[]{ 2, GIB, 0, 0, 2 }, 0);
            final int minor = node(base, part);
            try (Client c = rig.open(minor))
            {
                final int handle = ((Session)c.session).handle();
                final int dbc = c.load(1, image("batch", 1));
                final DriverCounters counters = rig.driver.counters();
                final long requests = counters.get(Counter.DBC_REQUESTS);

                rig.card.hang();
                c.send(Msg.tag(5).execute(dbc, new byte[]{ 9, 9 }));
                Rig.await(() -> counters.get(Counter.DBC_REQUESTS) == requests + 1, "the EXECUTE on the queue");
                assertFalse(c.session.pollIn(), "the hung card does not answer it");
                assertEquals(1, firmware.drainPartition(BASE, 0, part, 0, 0));
                rig.card.resume();

                final Rsp cancelled = c.read();
                assertEquals(ECANCELED, cancelled.txn(0).status());
                assertEquals(1, counters.get(Counter.DBC_CANCELED));
                assertEquals(0, counters.get(Counter.DBC_TIMEOUTS));
                Rig.await(() -> counters.get(Counter.NOTICES_DRAINED) == 1, "the drained notice");
                assertEquals(1, counters.get(Counter.NOTICES_PREEMPTED));
                assertEquals(0, rig.card.dbcEngine().served(), "the card never served the cancelled EXECUTE");

                final String events = rig.driver.usage(minor).events();
                assertTrue(events.contains(" preempted session=" + handle + " dbc=" + dbc + " reason=drained\n"),
                    events);
                assertTrue(events.endsWith(" drained"), events);
                assertTrue(rig.driver.usage(rig.baseMinor()).events().endsWith(" drained partition=" + part));

                assertEquals(ECANCELED, c.transact(Msg.tag(6).execute(dbc, new byte[]{ 1 })).txn(0).status());
                assertEquals(0, counters.get(Counter.NOTICES_REJECTED));
                assertEquals(0, counters.get(Counter.CONTROL_PROTOCOL_ERRORS));
                assertEquals(0, counters.get(Counter.CONTROL_UNMATCHED));
                assertEquals(0, counters.get(Counter.CONTROL_LATE));
            }
        }
    }

    /** A shadow node for a partition made in the model: @return its minor. */
    private static int node(final Client base, final int partition)
    {
        final int[] created = base.partDev(partition, 0, 0);
        assertEquals(0, created[0], "shadow node");
        return created[1];
    }

    /** An ECHO image needing {@code units} cores and DMA channels and 1 MiB. */
    private static byte[] image(final String name, final int units)
    {
        return new WorkloadImageWriter().name(name).needs(units, 1 << 20, 0, 0, units).op(WorkloadOp.ECHO)
            .payload(new byte[64]).toBytes();
    }

    /** Collects the event lines the driver reports, as "minor what" (timestamp cut). */
    private static final class Events implements NodeListener
    {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onNodeAdded(final NodeView node)
        {
        }

        @Override
        public void onNodeRemoved(final NodeView node)
        {
        }

        @Override
        public void onNodeChanged(final NodeView node)
        {
        }

        @Override
        public void onNodeEvent(final NodeView node, final String line)
        {
            lines.add(node.minor() + " " + line.substring(line.indexOf(' ') + 1));
        }

        List<String> lines()
        {
            synchronized (lines)
            {
                return new ArrayList<>(lines);
            }
        }
    }
}

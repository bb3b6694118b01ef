package dev.shadowdev.bench.elastic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntryEx;

import java.util.ArrayList;
import java.util.List;

/**
 * The revocation-latency client (issue 12): a lending partition L whose whole reservation is {@code lenderMin}
 * one-core workloads, and a borrowing partition B that holds its own reservation ({@code borrowerOwn} workloads)
 * and {@code lenderMin - 1} more borrowed from L's idle reservation (the only idle capacity on the card: a fixed
 * partition reserves the rest). So L always has exactly one idle core of its own:
 * <ul>
 *   <li>{@code plain}: L ACTIVATEs into that core (nothing to revoke) and DEACTIVATEs it;</li>
 *   <li>{@code revocation}: B first ACTIVATEs one more workload, borrowing L's last idle core; L's ACTIVATE then
 *   needs revocation (B's newest workload is preempted) and must succeed; B's next EXECUTE of the preempted workload
 *   must answer ECANCELED, and its DEACTIVATE (ECANCELED too) releases it; L DEACTIVATEs.</li>
 * </ul>
 * Only L's ACTIVATE is timed, from before its {@code write()} to after its response's {@code read()}, in both arms.
 * A failure is any revocation whose L ACTIVATE did not succeed, whose B EXECUTE did not answer ECANCELED, or whose
 * setup refused; and, after a round, a card state (PART_QUERY_EX through the base node) other than the one above.
 */
final class RevocationLoop implements AutoCloseable
{
    private static final byte[] INPUT = new byte[8];

    private final Session lender;
    private final Session borrower;
    private final NodeClient base;
    private final String lenderName;
    private final String borrowerName;
    private final int borrowerOwn;
    private final int lenderMin;
    private final List<Integer> held = new ArrayList<>();

    private RevocationLoop(final Session lender, final Session borrower, final NodeClient base,
        final String lenderName, final String borrowerName, final int borrowerOwn, final int lenderMin)
    {
        this.lender = lender;
        this.borrower = borrower;
        this.base = base;
        this.lenderName = lenderName;
        this.borrowerName = borrowerName;
        this.borrowerOwn = borrowerOwn;
        this.lenderMin = lenderMin;
    }

    /**
     * Open both sessions and let B take its own reservation and all but one of L's idle cores.
     *
     * @throws NodeException when a node fails, or B cannot hold what it should (the config is not the one above).
     */
    static RevocationLoop start(final ElasticArgs args) throws NodeException
    {
        final Session lender = Session.open(args.node("lender"));
        final Session borrower = Session.open(args.node("borrower"));
        final NodeClient base = NodeClient.open(args.node("base"));
        final RevocationLoop loop = new RevocationLoop(lender, borrower, base, args.name("lender"),
            args.name("borrower"), args.integer("borrower-own"), args.integer("lender-min"));
        try
        {
            for (int i = 0; i < loop.borrowerOwn + loop.lenderMin - 1; i++)
            {
                final int dbc = borrower.activate();
                if (dbc < 0)
                {
                    throw new NodeException(dbc, "revocation setup: borrower refused: workload=" + i +
                        " status=" + NodeException.describe(dbc));
                }
                loop.held.add(dbc);
            }
            final String state = loop.checkState();
            if (state != null)
            {
                throw new NodeException(Errno.EIO.status(), "revocation setup: " + state);
            }
            return loop;
        }
        catch (final NodeException | RuntimeException ex)
        {
            loop.close();
            throw ex;
        }
    }

    /** @param revoke whether L's ACTIVATE needs a revocation (else the plain arm). */
    ObjectNode round(final boolean revoke, final int iterations) throws NodeException
    {
        final Latencies times = new Latencies(iterations);
        final int tripsBefore = lender.roundTrips() + borrower.roundTrips();
        int failures = 0;
        int preempted = 0;
        String firstFailure = "";
        final long started = System.nanoTime();
        for (int i = 0; i < iterations; i++)
        {
            final String failure = revoke ? revocation(times) : plain(times);
            if (failure == null)
            {
                preempted += revoke ? 1 : 0;
            }
            else
            {
                failures++;
                firstFailure = firstFailure.isEmpty() ? failure : firstFailure;
            }
        }
        final long roundNs = System.nanoTime() - started;
        final String state = checkState();
        if (state != null)
        {
            failures++;
            firstFailure = firstFailure.isEmpty() ? state : firstFailure;
        }
        final ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("arm", revoke ? "revocation" : "plain");
        m.put("ops", times.count());
        m.put("p50_us", times.percentileUs(0.5));
        m.put("p99_us", times.percentileUs(0.99));
        m.put("max_us", times.percentileUs(1.0));
        m.put("mean_us", times.meanUs());
        m.put("preempted", preempted);
        m.put("failures", failures);
        m.put("failure", firstFailure);
        m.put("round_trips", lender.roundTrips() + borrower.roundTrips() - tripsBefore);
        m.put("round_ms", roundNs / 1e6);
        return m;
    }

    /** @return null when it went as it must, else what went wrong. */
    private String plain(final Latencies times) throws NodeException
    {
        final int dbc = timedLenderActivate(times);
        if (dbc < 0)
        {
            return "plain: lender ACTIVATE refused: status=" + NodeException.describe(dbc);
        }
        final int off = lender.deactivate(dbc);
        return off == 0 ? null : "plain: lender DEACTIVATE failed: status=" + NodeException.describe(off);
    }

    private String revocation(final Latencies times) throws NodeException
    {
        final int borrowed = borrower.activate();
        if (borrowed < 0)
        {
            return "revocation: borrower ACTIVATE refused: status=" + NodeException.describe(borrowed);
        }
        final int dbc = timedLenderActivate(times);
        final int executed = borrower.execute(borrowed, INPUT);
        final int released = borrower.deactivate(borrowed);
        if (dbc < 0)
        {
            return "revocation: lender ACTIVATE refused: status=" + NodeException.describe(dbc);
        }
        final int off = lender.deactivate(dbc);
        if (executed != Errno.ECANCELED.status())
        {
            return "revocation: borrower EXECUTE after the lender's ACTIVATE: status=" +
                NodeException.describe(executed) + " expected=ECANCELED";
        }
        if (released != Errno.ECANCELED.status())
        {
            return "revocation: borrower DEACTIVATE of the preempted workload: status=" +
                NodeException.describe(released) + " expected=ECANCELED";
        }
        return off == 0 ? null : "revocation: lender DEACTIVATE failed: status=" + NodeException.describe(off);
    }

    private int timedLenderActivate(final Latencies times) throws NodeException
    {
        final ManageRequest request = new ManageRequest().activate(0);
        final long t0 = System.nanoTime();
        final var response = lender.transact(request);
        times.add(System.nanoTime() - t0);
        final int status = Session.status(response);
        return status == 0 ? response.activate(0).dbcId() : status;
    }

    /** @return null when L uses nothing and B holds its own reservation plus L's all-but-one, else the mismatch. */
    private String checkState() throws NodeException
    {
        long lenderUsed = -1;
        long borrowerUsed = -1;
        long borrowerBorrowed = -1;
        for (final PartitionEntryEx e : base.partQueryEx())
        {
            if (e.name().equals(lenderName))
            {
                lenderUsed = e.used().get(0);
            }
            else if (e.name().equals(borrowerName))
            {
                borrowerUsed = e.used().get(0);
                borrowerBorrowed = e.borrowed().get(0);
            }
        }
        if (lenderUsed != 0 || borrowerUsed != borrowerOwn + lenderMin - 1 || borrowerBorrowed != lenderMin - 1)
        {
            return "card state: lender_used_cores=" + lenderUsed + " borrower_used_cores=" + borrowerUsed +
                " borrower_borrowed_cores=" + borrowerBorrowed + " expected=0/" + (borrowerOwn + lenderMin - 1) +
                "/" + (lenderMin - 1);
        }
        return null;
    }

    @Override
    public void close()
    {
        for (final int dbc : held)
        {
            try
            {
                borrower.deactivate(dbc);
            }
            catch (final NodeException ex)
            {
                // the session's close frees it anyway
            }
        }
        lender.close();
        borrower.close();
        base.close();
    }
}

package dev.shadowdev.bench.elastic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mixed scenario's client (issue 12): bursty inference partitions and one batch partition that keeps trying to
 * run wide, each its own session on its own thread, and a sampler that integrates the cores in use on the card
 * (PART_QUERY_EX through the base node). The same run, with the same seed, is made against an elastic card
 * (inference partitions that lend, a batch partition that borrows) and a card of fixed v1 partitions of the same
 * reservations; the figure is the card's utilisation, core-seconds in use over core-seconds there are.
 * <ul>
 *   <li>an inference client idles for 100-300 ms, then bursts: ACTIVATEs {@code inference-workloads} workloads (its
 *   whole reservation; every refusal is a missed reservation), EXECUTEs 4 KiB on each, pass after pass, for
 *   100-250 ms, and DEACTIVATEs them; the lengths come from a generator seeded per client and per round, so both
 *   cards see the same bursts;</li>
 *   <li>the batch client ACTIVATEs until refused (at most {@code batch-workloads}), EXECUTEs on what it holds,
 *   releases what was preempted (EXECUTE answered ECANCELED) and tries again every 2 ms.</li>
 * </ul>
 */
final class MixedLoad implements AutoCloseable
{
    private static final int SAMPLE_MS = 5;
    private static final int IDLE_MIN_MS = 100;
    private static final int IDLE_SPAN_MS = 200;
    private static final int BURST_MIN_MS = 100;
    private static final int BURST_SPAN_MS = 150;
    private static final int RETRY_MS = 2;
    private static final byte[] INPUT = new byte[4096];

    private final List<Session> inference = new ArrayList<>();
    private final Session batch;
    private final NodeClient base;
    private final int inferenceWorkloads;
    private final int batchWorkloads;
    private final long totalCores;

    private MixedLoad(final ElasticArgs args, final Session batch, final NodeClient base) throws NodeException
    {
        this.batch = batch;
        this.base = base;
        this.inferenceWorkloads = args.integer("inference-workloads");
        this.batchWorkloads = args.integer("batch-workloads");
        this.totalCores = base.info().total().get(0);
    }

    static MixedLoad start(final ElasticArgs args) throws NodeException
    {
        final NodeClient base = NodeClient.open(args.node("base"));
        Session batch = null;
        try
        {
            batch = Session.open(args.node("batch"));
            final MixedLoad load = new MixedLoad(args, batch, base);
            for (final String name : args.names("inference"))
            {
                load.inference.add(Session.open(args.nodeOf(name)));
            }
            return load;
        }
        catch (final NodeException | RuntimeException ex)
        {
            if (batch != null)
            {
                batch.close();
            }
            base.close();
            throw ex;
        }
    }

    /** Tallies of one run; each field written by one thread only, read after they all ended. */
    private static final class Tally
    {
        long inferenceActivations;
        long missedReservations;
        long inferenceFailures;
        long batchActivations;
        long batchRefused;
        long batchPreempted;
        long batchFailures;
        double usedCoreMs;
        double sampledMs;
        long samples;
        String failure = "";

        /** @return 1 (and remember the first) when {@code status} is not {@code expected}, else 0. */
        long fails(final String what, final int status, final int expected)
        {
            if (status == expected)
            {
                return 0;
            }
            if (failure.isEmpty())
            {
                failure = what + ": status=" + NodeException.describe(status) + " expected=" +
                    (expected == 0 ? "0" : NodeException.describe(expected));
            }
            return 1;
        }
    }

    /** One run of {@code durationMs}; the bursts are drawn from {@code seed}. */
    ObjectNode run(final long durationMs, final long seed) throws InterruptedException
    {
        final long start = System.nanoTime();
        final long deadline = start + durationMs * 1_000_000L;
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final List<Tally> tallies = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < inference.size(); i++)
        {
            final Session s = inference.get(i);
            final Tally t = new Tally();
            final Random random = new Random(seed * 1_000_003L + i);
            tallies.add(t);
            threads.add(thread("inference-" + i, error, () -> inference(s, random, deadline, t)));
        }
        final Tally b = new Tally();
        tallies.add(b);
        threads.add(thread("batch", error, () -> batch(deadline, b)));
        final Tally sampled = new Tally();
        tallies.add(sampled);
        threads.add(thread("sampler", error, () -> sample(start, deadline, sampled)));
        for (final Thread t : threads)
        {
            t.start();
        }
        for (final Thread t : threads)
        {
            t.join();
        }
        final Tally sum = new Tally();
        for (final Tally t : tallies)
        {
            sum.inferenceActivations += t.inferenceActivations;
            sum.missedReservations += t.missedReservations;
            sum.inferenceFailures += t.inferenceFailures;
            sum.batchActivations += t.batchActivations;
            sum.batchRefused += t.batchRefused;
            sum.batchPreempted += t.batchPreempted;
            sum.batchFailures += t.batchFailures;
            sum.failure = sum.failure.isEmpty() ? t.failure : sum.failure;
        }
        final ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("duration_ms", durationMs);
        m.put("seed", seed);
        m.put("total_cores", totalCores);
        m.put("utilisation", sampled.sampledMs == 0 ? 0 : sampled.usedCoreMs / (sampled.sampledMs * totalCores));
        m.put("mean_used_cores", sampled.sampledMs == 0 ? 0 : sampled.usedCoreMs / sampled.sampledMs);
        m.put("samples", sampled.samples);
        m.put("inference_activations", sum.inferenceActivations);
        m.put("missed_reservations", sum.missedReservations);
        m.put("inference_failures", sum.inferenceFailures);
        m.put("batch_activations", sum.batchActivations);
        m.put("batch_refused", sum.batchRefused);
        m.put("batch_preempted", sum.batchPreempted);
        m.put("batch_failures", sum.batchFailures);
        m.put("failure", sum.failure);
        m.put("error", error.get() == null ? "" : String.valueOf(error.get()));
        return m;
    }

    @FunctionalInterface
    private interface Body
    {
        void run() throws NodeException, InterruptedException;
    }

    private static Thread thread(final String name, final AtomicReference<Throwable> error, final Body body)
    {
        return new Thread(() ->
        {
            try
            {
                body.run();
            }
            catch (final NodeException | InterruptedException | RuntimeException ex)
            {
                error.compareAndSet(null, new IllegalStateException(name + ": " + ex.getMessage(), ex));
            }
        }, "mixed-" + name);
    }

    private void inference(final Session s, final Random random, final long deadline, final Tally t)
        throws NodeException, InterruptedException
    {
        final List<Integer> held = new ArrayList<>();
        while (true)
        {
            final long idleMs = IDLE_MIN_MS + random.nextInt(IDLE_SPAN_MS + 1);
            final long burstMs = BURST_MIN_MS + random.nextInt(BURST_SPAN_MS + 1);
            if (!sleepUntil(System.nanoTime() + idleMs * 1_000_000L, deadline))
            {
                return;
            }
            for (int k = 0; k < inferenceWorkloads; k++)
            {
                final int dbc = s.activate();
                t.inferenceActivations++;
                if (dbc < 0)
                {
                    t.missedReservations++;
                }
                else
                {
                    held.add(dbc);
                }
            }
            final long burstEnd = Math.min(deadline, System.nanoTime() + burstMs * 1_000_000L);
            while (System.nanoTime() < burstEnd)
            {
                for (final int dbc : held)
                {
                    t.inferenceFailures += t.fails("inference EXECUTE", s.execute(dbc, INPUT), 0);
                }
                Thread.sleep(1);
            }
            for (final int dbc : held)
            {
                t.inferenceFailures += t.fails("inference DEACTIVATE", s.deactivate(dbc), 0);
            }
            held.clear();
        }
    }

    private void batch(final long deadline, final Tally t) throws NodeException, InterruptedException
    {
        final List<Integer> held = new ArrayList<>();
        while (System.nanoTime() < deadline)
        {
            boolean refused = held.size() >= batchWorkloads;
            if (!refused)
            {
                final int dbc = batch.activate();
                if (dbc >= 0)
                {
                    held.add(dbc);
                    t.batchActivations++;
                    continue;
                }
                refused = true;
                t.batchRefused++;
                t.batchFailures += dbc == Errno.EDQUOT.status() ? 0 : t.fails("batch ACTIVATE", dbc, Errno.ENOSPC.status());
            }
            for (int i = held.size() - 1; i >= 0; i--)
            {
                final int status = batch.execute(held.get(i), INPUT);
                if (status == Errno.ECANCELED.status())
                {
                    t.batchPreempted++;
                    t.batchFailures += t.fails("batch DEACTIVATE of a preempted workload", batch.deactivate(held.remove(i)),
                        Errno.ECANCELED.status());
                }
                else
                {
                    t.batchFailures += t.fails("batch EXECUTE", status, 0);
                }
            }
            Thread.sleep(RETRY_MS);
        }
        for (final int dbc : held)
        {
            batch.deactivate(dbc);
        }
    }

    private void sample(final long start, final long deadline, final Tally t)
        throws NodeException, InterruptedException
    {
        long previous = start;
        long used = usedCores();
        while (true)
        {
            final boolean more = sleepUntil(System.nanoTime() + SAMPLE_MS * 1_000_000L, deadline);
            final long now = Math.min(System.nanoTime(), deadline);
            t.usedCoreMs += used * (now - previous) / 1e6;
            t.sampledMs += (now - previous) / 1e6;
            previous = now;
            if (!more)
            {
                return;
            }
            used = usedCores();
            t.samples++;
        }
    }

    private long usedCores() throws NodeException
    {
        return base.partQueryEx().stream().mapToLong((e) -> e.used().get(0)).sum();
    }

    /** @return false (at once) when {@code until} is past the deadline; else sleeps until then and returns true. */
    private static boolean sleepUntil(final long until, final long deadline) throws InterruptedException
    {
        final long end = Math.min(until, deadline);
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime())
        {
            Thread.sleep(left / 1_000_000L, (int)(left % 1_000_000L));
        }
        return until < deadline;
    }

    @Override
    public void close()
    {
        for (final Session s : inference)
        {
            s.close();
        }
        batch.close();
        base.close();
    }
}

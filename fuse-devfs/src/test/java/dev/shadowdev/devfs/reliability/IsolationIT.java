package dev.shadowdev.devfs.reliability;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.testkit.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partition X (infer-a) keeps admitting and executing workloads (load, ACTIVATE, EXECUTE 4 KiB, DEACTIVATE per
 * cycle) while partition Y (infer-b) is abused by an {@link Abuser} (hoarded sessions, requests never read,
 * 60 KiB PASSTHROUGH floods, oversized images, over-large activations, session churn). X's cycles are timed in
 * three phases of one test: alone; beside a neighbour that only burns CPU on {@link #BURNERS} threads and never
 * touches the devfs (the control: what sharing two cores costs by itself); beside the abusive neighbour. Every
 * cycle must succeed with the right output, and X's p99 beside the abuser must stay within {@link #P99_BOUND}x its
 * p99 alone, taken as at least {@link #TIMER_FLOOR_MS} ms: X's own p99 alone is about 2 ms, and with 200 cycles the
 * p99 is the second-worst sample, which one descheduling of X's thread on two busy CPUs (a scheduler time slice,
 * milliseconds) decides; a bound on a ratio to 2 ms would measure the kernel's scheduler, not the neighbour. All
 * three phases are logged.
 */
class IsolationIT
{
    /** The generous bound of the issue: X's p99 with the abusive neighbour within 20x of X alone. */
    static final int P99_BOUND = 20;
    /** The floor of the p99 the bound is taken against: a few scheduler time slices on two busy CPUs. */
    static final long TIMER_FLOOR_MS = 10;
    static final int BURNERS = 4;
    private static final Logger LOG = FuzzRun.logger(IsolationIT.class);
    private static final int CI_CYCLES = 200;
    private static final int WARM_UP = 50;

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    @Test
    void aPartitionKeepsWorkingBesideAnAbusiveNeighbour() throws Exception
    {
        final int cycles = FuzzRun.scaled(CI_CYCLES);
        final String freeBefore = devfs.attribute(devfs.minor("infer-a"), "free");
        final Phase alone;
        final Phase cpuOnly;
        final Phase abused;
        final Map<String, Long> abuse;
        try (NodeClient x = NodeClient.open(devfs.node("infer-a")))
        {
            final Cycle cycle = new Cycle(x);
            cycle.run(WARM_UP);
            alone = cycle.run(cycles);
            final CpuBurner burner = new CpuBurner(BURNERS);
            try
            {
                cpuOnly = cycle.run(cycles);
            }
            finally
            {
                burner.stop();
            }
            final Abuser abuser = new Abuser(devfs.node("infer-b")).start();
            try
            {
                abused = cycle.run(cycles);
                abuse = abuser.counts();
            }
            finally
            {
                abuser.stop();
            }
            assertEquals(List.of(), abuser.failures(), "the neighbour was refused as documented");
        }
        final long baseline = Math.max(alone.p99, TimeUnit.MILLISECONDS.toNanos(TIMER_FLOOR_MS));
        LOG.info("isolation: X=infer-a cycles={} (load+activate+execute 4 KiB+deactivate) | alone: {} | " +
            "beside a CPU-only neighbour ({} spinning threads): {} | beside the abusive neighbour: {} | " +
            "p99 abused/alone={} abused/max(alone,{}ms)={} bound={} | neighbour Y=infer-b did: {}",
            cycles, alone, BURNERS, cpuOnly, abused, String.format("%.1f", (double)abused.p99 / alone.p99),
            TIMER_FLOOR_MS, String.format("%.1f", (double)abused.p99 / baseline), P99_BOUND, abuse);
        assertTrue(abuse.getOrDefault("60 KiB PASSTHROUGH echoed", 0L) > 0 &&
            abuse.getOrDefault("oversized image refused E2BIG", 0L) > 0, "the neighbour really was busy: " + abuse);
        assertTrue(abused.p99 <= P99_BOUND * baseline, "X's p99 beside the neighbour " + abused + " is over " +
            P99_BOUND + "x its p99 alone (at least " + TIMER_FLOOR_MS + " ms) " + alone);
        devfs.awaitQuiet();
        assertEquals(freeBefore, devfs.attribute(devfs.minor("infer-a"), "free"));
        devfs.assertHealthyAndIdle();
    }

    /** Threads that only spin, until stopped. */
    private static final class CpuBurner
    {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        CpuBurner(final int count)
        {
            for (int i = 0; i < count; i++)
            {
                final Thread t = new Thread(() ->
                {
                    long x = 0;
                    while (running.get())
                    {
                        x += System.nanoTime() & 1;
                    }
                    if (x == 42)
                    {
                        Thread.onSpinWait();
                    }
                }, "cpu-burner-" + i);
                threads.add(t);
                t.start();
            }
        }

        void stop() throws InterruptedException
        {
            running.set(false);
            for (final Thread t : threads)
            {
                t.join();
            }
        }
    }

    /** One admit-and-execute cycle on X, timed. */
    private static final class Cycle
    {
        private final WorkloadRunner runner;
        private final byte[] image = new WorkloadImageWriter().name("x").needs(1, 1 << 20, 0, 0, 1)
            .op(WorkloadOp.XOR8).opArg(0x3C).payload(new byte[1024]).toBytes();
        private final SplittableRandom random = new SplittableRandom(FuzzRun.seed());

        Cycle(final NodeClient node)
        {
            this.runner = new WorkloadRunner(node);
        }

        Phase run(final int cycles) throws Exception
        {
            final long[] nanos = new long[cycles];
            final byte[] input = new byte[4096];
            final long started = System.nanoTime();
            for (int i = 0; i < cycles; i++)
            {
                random.nextBytes(input);
                final long t0 = System.nanoTime();
                final byte[] output = runner.run(image, input).output();
                nanos[i] = System.nanoTime() - t0;
                final byte[] expected = input.clone();
                for (int k = 0; k < expected.length; k++)
                {
                    expected[k] ^= 0x3C;
                }
                assertArrayEquals(expected, output, "cycle " + i);
            }
            return new Phase(cycles, System.nanoTime() - started, nanos);
        }
    }

    /** Throughput and latency of a run of cycles. */
    private static final class Phase
    {
        final long p50;
        final long p99;
        final long max;
        final double perSecond;

        Phase(final int cycles, final long elapsedNanos, final long[] nanos)
        {
            Arrays.sort(nanos);
            p50 = nanos[nanos.length / 2];
            p99 = nanos[Math.min(nanos.length - 1, nanos.length * 99 / 100)];
            max = nanos[nanos.length - 1];
            perSecond = cycles * 1e9 / elapsedNanos;
        }

        @Override
        public String toString()
        {
            return String.format("cycles_per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f", perSecond, p50 / 1e6,
                p99 / 1e6, max / 1e6);
        }
    }
}

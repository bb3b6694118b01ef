package dev.shadowdev.bench.ring;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs {@link RingThroughputBenchmark} (both groups, every message size, one JMH run) and logs, per size, the
 * producers' message rates and the ratio MHI / Agrona. JMH command line options pass through, e.g.
 * {@code java -cp benchmarks.jar dev.shadowdev.bench.ring.RingRatio -f 1 -wi 2 -i 3 -w 1s -r 2s}.
 */
public final class RingRatio
{
    private static final Logger LOG = LoggerFactory.getLogger(RingRatio.class);

    private RingRatio()
    {
    }

    /**
     * @param args JMH command line options.
     * @throws RunnerException             when JMH fails.
     * @throws CommandLineOptionException when an option is bad.
     */
    public static void main(final String[] args) throws RunnerException, CommandLineOptionException
    {
        final Collection<RunResult> results = new Runner(new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(RingThroughputBenchmark.class.getName() + "\\.")
            .build()).run();
        final Map<String, double[]> bySize = new TreeMap<>();
        for (final RunResult result : results)
        {
            final String size = result.getParams().getParam("messageSize");
            final boolean mhi = result.getParams().getBenchmark().endsWith(".mhi");
            final Result producer = result.getSecondaryResults().get(mhi ? "mhiProduce" : "agronaProduce");
            bySize.computeIfAbsent(size, (k) -> new double[2])[mhi ? 0 : 1] = producer.getScore();
        }
        for (final Map.Entry<String, double[]> entry : bySize.entrySet())
        {
            final double[] scores = entry.getValue();
            LOG.info("ring throughput: messageSize={}, mhi={} msg/s, agrona={} msg/s, ratio={}",
                entry.getKey(), String.format("%.0f", scores[0]), String.format("%.0f", scores[1]),
                String.format("%.2f", scores[0] / scores[1]));
        }
    }
}

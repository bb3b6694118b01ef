package dev.shadowdev.bench.control;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@link ControlRoundTripBenchmark} and prints each card score beside its Agrona baseline and the ratio.
 * {@code java -cp bench/target/benchmarks.jar dev.shadowdev.bench.control.ControlRoundTripRatio}
 */
public final class ControlRoundTripRatio
{
    private ControlRoundTripRatio()
    {
    }

    public static void main(final String[] args) throws RunnerException
    {
        final Options options = new OptionsBuilder()
            .include(ControlRoundTripBenchmark.class.getName())
            .build();
        final Collection<RunResult> results = new Runner(options).run();
        final Map<String, Double> scores = new HashMap<>();
        for (final RunResult result : results)
        {
            final String label = result.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        print(scores, "cardStatus", "agronaStatus");
        print(scores, "cardPassthrough64", "agronaPassthrough64");
    }

    private static void print(final Map<String, Double> scores, final String card, final String baseline)
    {
        final Double a = scores.get(card);
        final Double b = scores.get(baseline);
        if (a != null && b != null)
        {
            System.out.printf("%-20s %12.0f ops/s   %-20s %12.0f ops/s   ratio %.3f%n", card, a, baseline, b, a / b);
        }
    }
}

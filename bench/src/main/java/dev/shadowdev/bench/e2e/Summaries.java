package dev.shadowdev.bench.e2e;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A scenario's result on one target over its rounds: the median of each rate and counter (and the spread of the
 * rate), and latency percentiles over every exchange of every round.
 */
final class Summaries
{
    private Summaries()
    {
    }

    static Map<String, Object> of(final Scenario scenario, final List<Sample> samples, final LatencyHistogram latencies)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        final Sample median = samples.stream().sorted(Comparator.comparingDouble(Sample::opsPerSecond))
            .toList().get(samples.size() / 2);
        m.put("target", median.target());
        m.put("workload", scenario.workload().key());
        m.put("size", scenario.size());
        m.put("sessions", scenario.sessions());
        m.put("rounds", samples.size());
        m.put("ops_per_s", median(samples, Sample::opsPerSecond));
        m.put("ops_per_s_min", samples.stream().mapToDouble(Sample::opsPerSecond).min().orElse(0));
        m.put("ops_per_s_max", samples.stream().mapToDouble(Sample::opsPerSecond).max().orElse(0));
        m.put("mb_per_s", median(samples, Sample::megabytesPerSecond));
        m.put("p50_us", latencies.valueAt(0.50) / 1e3);
        m.put("p99_us", latencies.valueAt(0.99) / 1e3);
        m.put("p999_us", latencies.valueAt(0.999) / 1e3);
        m.put("max_us", latencies.max() / 1e3);
        m.put("exchanges", latencies.count());
        m.put("server_cpu_us_per_op", median(samples, Sample::serverCpuMicrosPerOp));
        m.put("client_cpu_us_per_op", median(samples, Sample::clientCpuMicrosPerOp));
        m.put("server_switches_per_op", median(samples, Sample::serverSwitchesPerOp));
        m.put("system_threads_created_per_op", median(samples, Sample::systemThreadsCreatedPerOp));
        m.put("alloc_bytes_per_op", samples.stream().mapToDouble(Sample::allocBytesPerOp).max().orElse(0));
        m.put("server_threads_cpu_us_per_op", median.serverThreads());
        return m;
    }

    private static double median(final List<Sample> samples, final ToDoubleFunction<Sample> f)
    {
        final double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

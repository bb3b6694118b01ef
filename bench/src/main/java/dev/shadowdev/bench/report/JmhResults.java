package dev.shadowdev.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The in-JVM baselines, read from JMH's JSON result ({@code -rf json}): the MHI ring against Agrona's
 * {@code OneToOneRingBuffer} (producer rates of the {@code mhi} and {@code agrona} groups), the control round trip
 * against two Agrona rings, and the minor allocator against {@code BitSet} and the IDA model at each occupancy.
 */
final class JmhResults
{
    private static final String RING = "dev.shadowdev.bench.ring.RingThroughputBenchmark.";
    private static final String CONTROL = "dev.shadowdev.bench.control.ControlRoundTripBenchmark.";
    private static final String MINOR = "dev.shadowdev.bench.minor.MinorAllocatorBenchmark.";
    private static final double RING_TARGET = 0.8;
    private static final double MINOR_TARGET = 10.0;
    private static final String MINOR_TARGET_OCCUPANCY = "0.90";

    private final JsonNode root;

    private JmhResults(final JsonNode root)
    {
        this.root = root;
    }

    static JmhResults read(final Path file) throws IOException
    {
        return new JmhResults(new ObjectMapper().readTree(file.toFile()));
    }

    /** @return the settings JMH ran with (from the first result; every benchmark of the run shares them). */
    Map<String, Object> settings()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        if (root.size() == 0)
        {
            return m;
        }
        final JsonNode first = root.get(0);
        for (final String key : List.of("jmhVersion", "jvm", "jdkVersion", "vmName", "vmVersion", "forks",
            "warmupIterations", "warmupTime", "measurementIterations", "measurementTime", "jvmArgs"))
        {
            if (first.has(key))
            {
                m.put(key, first.get(key));
            }
        }
        m.put("benchmarks", root.size());
        return m;
    }

    List<ReportEntry> entries()
    {
        final List<ReportEntry> list = new ArrayList<>();
        for (final String size : params(RING + "mhi", "messageSize"))
        {
            final double mhi = secondary(RING + "mhi", "messageSize", size, "mhiProduce");
            final double agrona = secondary(RING + "agrona", "messageSize", size, "agronaProduce");
            ReportEntry e = ReportEntry.of("jmh.ring." + size + "B.msgs_per_s", mhi, "msgs/s",
                "Agrona OneToOneRingBuffer, same size, same threads", agrona, true);
            list.add("64".equals(size) ? e.ratioAtLeast(RING_TARGET) : e);
        }
        for (final String[] pair : new String[][]{{"cardStatus", "agronaStatus", "status"},
            {"cardPassthrough64", "agronaPassthrough64", "passthrough64"}})
        {
            final double card = primary(CONTROL + pair[0], null, null);
            final double agrona = primary(CONTROL + pair[1], null, null);
            if (!Double.isNaN(card) && !Double.isNaN(agrona))
            {
                list.add(ReportEntry.of("jmh.control." + pair[2] + ".round_trips_per_s", card, "round trips/s",
                    "the same bytes over two Agrona OneToOneRingBuffers and a responder thread", agrona, true));
            }
        }
        for (final String pattern : params(MINOR + "minorAllocator", "pattern"))
        {
            for (final String occupancy : params(MINOR + "minorAllocator", "occupancy"))
            {
                final Map<String, String> p = Map.of("pattern", pattern, "occupancy", occupancy);
                final double minor = primary(MINOR + "minorAllocator", p);
                final String name = "jmh.minor." + pattern + "." + occupancy + ".allocs_per_s";
                ReportEntry bitSet = ReportEntry.of(name + ".vs_bitset", minor, "alloc+free/s",
                    "java.util.BitSet nextClearBit(0)+set+clear", primary(MINOR + "bitSet", p), true);
                if ("dense".equals(pattern) && MINOR_TARGET_OCCUPANCY.equals(occupancy))
                {
                    bitSet = bitSet.ratioAtLeast(MINOR_TARGET);
                }
                list.add(bitSet);
                list.add(ReportEntry.of(name + ".vs_ida", minor, "alloc+free/s",
                    "IDA model (Linux lib/idr.c ida_alloc/ida_free)", primary(MINOR + "ida", p), true));
            }
        }
        return list;
    }

    private TreeSet<String> params(final String benchmark, final String param)
    {
        final TreeSet<String> values = new TreeSet<>(JmhResults::compareNumbers);
        for (final JsonNode n : root)
        {
            if (benchmark.equals(n.path("benchmark").asText()) && n.path("params").has(param))
            {
                values.add(n.path("params").path(param).asText());
            }
        }
        return values;
    }

    private double secondary(final String benchmark, final String param, final String value, final String metric)
    {
        for (final JsonNode n : root)
        {
            if (benchmark.equals(n.path("benchmark").asText()) && value.equals(n.path("params").path(param).asText()))
            {
                return n.path("secondaryMetrics").path(metric).path("score").asDouble(Double.NaN);
            }
        }
        return Double.NaN;
    }

    private double primary(final String benchmark, final String param, final String value)
    {
        return primary(benchmark, param == null ? Map.of() : Map.of(param, value));
    }

    private double primary(final String benchmark, final Map<String, String> params)
    {
        for (final JsonNode n : root)
        {
            if (!benchmark.equals(n.path("benchmark").asText()))
            {
                continue;
            }
            boolean match = true;
            for (final Map.Entry<String, String> p : params.entrySet())
            {
                match &= p.getValue().equals(n.path("params").path(p.getKey()).asText());
            }
            if (match)
            {
                return n.path("primaryMetric").path("score").asDouble(Double.NaN);
            }
        }
        return Double.NaN;
    }

    private static boolean isNumber(final String s)
    {
        try
        {
            Double.parseDouble(s);
            return true;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    private static int compareNumbers(final String a, final String b)
    {
        return isNumber(a) && isNumber(b) ? Double.compare(Double.parseDouble(a), Double.parseDouble(b)) :
            a.compareTo(b);
    }
}

package dev.shadowdev.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The in-JVM baselines, read from JMH's JSON result ({@code -rf json}): the MHI ring against Agrona's
 * {@code OneToOneRingBuffer} (producer rates of the {@code mhi} and {@code agrona} groups), the control round trip
 * against two Agrona rings, and the minor allocator against {@code BitSet} and the IDA model at each occupancy.
 * The rounds of a JMH figure are its measurement iterations (all forks), paired by index with the baseline's: JMH
 * runs one benchmark after the other, so these rounds do not alternate as the end-to-end ones do.
 */
final class JmhResults
{
    private static final String RING = "dev.shadowdev.bench.ring.RingThroughputBenchmark.";
    private static final String CONTROL = "dev.shadowdev.bench.control.ControlRoundTripBenchmark.";
    private static final String MINOR = "dev.shadowdev.bench.minor.MinorAllocatorBenchmark.";
    private static final double RING_TARGET = 1.0;
    private static final double MINOR_TARGET = 10.0;
    private static final String MINOR_TARGET_OCCUPANCY = "0.90";

    private final JsonNode root;
    private final String beside;

    private JmhResults(final JsonNode root, final String beside)
    {
        this.root = root;
        this.beside = beside;
    }

    /** @param beside "" for a quiet run, or e.g. {@code busy.} for a run beside a busy loop (named so). */
    static JmhResults read(final Path file, final String beside) throws IOException
    {
        return new JmhResults(new ObjectMapper().readTree(file.toFile()), beside);
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
            final double[] mhi = secondary(RING + "mhi", "messageSize", size, "mhiProduce");
            final double[] agrona = secondary(RING + "agrona", "messageSize", size, "agronaProduce");
            if (mhi.length == 0 || agrona.length == 0)
            {
                continue;
            }
            ReportEntry e = ReportEntry.of("jmh.ring." + size + "B." + beside + "msgs_per_s", "msgs/s",
                "Agrona OneToOneRingBuffer, same size, same threads" + (beside.isEmpty() ? "" :
                    ", both beside one busy-looping process"), paired(mhi, agrona), paired(agrona, mhi), true);
            list.add("64".equals(size) ? e.ratioAtLeast(RING_TARGET) : e);
        }
        for (final String[] pair : new String[][]{{"cardStatus", "agronaStatus", "status"},
            {"cardPassthrough64", "agronaPassthrough64", "passthrough64"}})
        {
            final double[] card = primary(CONTROL + pair[0], Map.of());
            final double[] agrona = primary(CONTROL + pair[1], Map.of());
            if (card.length > 0 && agrona.length > 0)
            {
                list.add(ReportEntry.of("jmh.control." + pair[2] + "." + beside + "round_trips_per_s",
                    "round trips/s", "the same bytes over two Agrona OneToOneRingBuffers and a responder thread",
                    paired(card, agrona), paired(agrona, card), true));
            }
        }
        for (final String pattern : params(MINOR + "minorAllocator", "pattern"))
        {
            for (final String occupancy : params(MINOR + "minorAllocator", "occupancy"))
            {
                final Map<String, String> p = Map.of("pattern", pattern, "occupancy", occupancy);
                final double[] minor = primary(MINOR + "minorAllocator", p);
                final double[] bits = primary(MINOR + "bitSet", p);
                final double[] ida = primary(MINOR + "ida", p);
                if (minor.length == 0 || bits.length == 0 || ida.length == 0)
                {
                    continue;
                }
                final String name = "jmh.minor." + pattern + "." + occupancy + "." + beside + "allocs_per_s";
                ReportEntry bitSet = ReportEntry.of(name + ".vs_bitset", "alloc+free/s",
                    "java.util.BitSet nextClearBit(0)+set+clear", paired(minor, bits), paired(bits, minor), true);
                if ("dense".equals(pattern) && MINOR_TARGET_OCCUPANCY.equals(occupancy))
                {
                    bitSet = bitSet.ratioAtLeast(MINOR_TARGET);
                }
                list.add(bitSet);
                list.add(ReportEntry.of(name + ".vs_ida", "alloc+free/s",
                    "IDA model (Linux lib/idr.c ida_alloc/ida_free)", paired(minor, ida), paired(ida, minor), true));
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

    /** @return the iterations of a secondary metric (all forks, in order), empty when it did not run. */
    private double[] secondary(final String benchmark, final String param, final String value, final String metric)
    {
        for (final JsonNode n : root)
        {
            if (benchmark.equals(n.path("benchmark").asText()) && value.equals(n.path("params").path(param).asText()))
            {
                return iterations(n.path("secondaryMetrics").path(metric));
            }
        }
        return new double[0];
    }

    /** @return the iterations of the primary metric (all forks, in order), empty when it did not run. */
    private double[] primary(final String benchmark, final Map<String, String> params)
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
                return iterations(n.path("primaryMetric"));
            }
        }
        return new double[0];
    }

    private static double[] iterations(final JsonNode metric)
    {
        final List<Double> values = new ArrayList<>();
        for (final JsonNode fork : metric.path("rawData"))
        {
            for (final JsonNode v : fork)
            {
                values.add(v.asDouble());
            }
        }
        if (values.isEmpty() && metric.has("score"))
        {
            values.add(metric.path("score").asDouble());
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return the first {@code min(a, b)} iterations of {@code a}, so that the two pair round by round. */
    private static double[] paired(final double[] a, final double[] b)
    {
        return Arrays.copyOf(a, Math.min(a.length, b.length));
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

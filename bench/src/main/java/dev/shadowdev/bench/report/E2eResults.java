package dev.shadowdev.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end figures, read from {@code E2eSuite}'s JSON: per scenario, shadowdev's node path against the C
 * libfuse baseline (echofs) measured in the same run by the same load generator.
 */
final class E2eResults
{
    static final String SHADOWDEV = "shadowdev";
    static final String ECHOFS = "echofs";
    static final String BASELINE = "C libfuse 2.9 echofs, same mount options (write N bytes, read them back)";
    private static final int SIZE_4K = 4096;
    private static final int SIZE_60K = 61440;
    private static final double TARGET = 0.8;

    private final JsonNode root;

    private E2eResults(final JsonNode root)
    {
        this.root = root;
    }

    static E2eResults read(final Path file) throws IOException
    {
        return new E2eResults(new ObjectMapper().readTree(file.toFile()));
    }

    Map<String, Object> settings()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (final String key : List.of("mode", "rounds", "warmup_ms", "measure_ms", "server_jvm_args", "client",
            "mounts"))
        {
            m.put(key, root.get(key));
        }
        return m;
    }

    /** @return the summary row of one target and scenario, or null. */
    JsonNode row(final String target, final String workload, final int size, final int sessions)
    {
        for (final JsonNode n : root.path("summary"))
        {
            if (target.equals(n.path("target").asText()) && workload.equals(n.path("workload").asText()) &&
                n.path("size").asInt() == size && n.path("sessions").asInt() == sessions)
            {
                return n;
            }
        }
        return null;
    }

    JsonNode summary()
    {
        return root.path("summary");
    }

    List<ReportEntry> entries()
    {
        final List<ReportEntry> list = new ArrayList<>();
        for (final JsonNode s : root.path("summary"))
        {
            if (!SHADOWDEV.equals(s.path("target").asText()))
            {
                continue;
            }
            final String workload = s.path("workload").asText();
            final int size = s.path("size").asInt();
            final int sessions = s.path("sessions").asInt();
            final JsonNode c = row(ECHOFS, workload, size, sessions);
            if (c == null)
            {
                continue;
            }
            final String prefix = "e2e." + workload + "." + size + "B." + sessions + "s.";
            final boolean execute = "execute".equals(workload);
            ReportEntry ops = ReportEntry.of(prefix + "ops_per_s", s.path("ops_per_s").asDouble(), "ops/s", BASELINE,
                c.path("ops_per_s").asDouble(), true);
            if (!execute && size == SIZE_4K && sessions == 1)
            {
                ops = ops.ratioAtLeast(TARGET);
            }
            list.add(ops);
            if (execute)
            {
                ReportEntry mb = ReportEntry.of(prefix + "mb_per_s", s.path("mb_per_s").asDouble(), "MB/s", BASELINE,
                    c.path("mb_per_s").asDouble(), true);
                if (size == SIZE_60K && sessions == 1)
                {
                    mb = mb.ratioAtLeast(TARGET);
                }
                list.add(mb);
            }
            for (final String p : List.of("p50_us", "p99_us", "p999_us"))
            {
                list.add(ReportEntry.of(prefix + p, s.path(p).asDouble(), "us", BASELINE, c.path(p).asDouble(),
                    false));
            }
            list.add(ReportEntry.of(prefix + "server_cpu_us_per_op", s.path("server_cpu_us_per_op").asDouble(),
                "us CPU/op", BASELINE, c.path("server_cpu_us_per_op").asDouble(), false));
        }
        return list;
    }
}

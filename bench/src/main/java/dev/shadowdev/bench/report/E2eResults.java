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
 * The end-to-end figures, read from {@code E2eSuite}'s JSON. Per comparison scenario, shadowdev's node path is
 * judged against the faster of the two C servers in that scenario (the higher median exchanges/s: {@code echo_ll},
 * libfuse 3 low-level with clone_fd, or {@code echofs}, libfuse 2.9), round by round; the isolation victim beside
 * the abusive neighbour is judged against the same victim beside the CPU-only one; open+close on the shared cgroup
 * node ({@code cgroup-open/...}, arm {@code cgroup-node}) is judged against open+close on a shadow node from the same
 * cgroup (arm {@code shadow-node}).
 */
final class E2eResults
{
    static final String SHADOWDEV = "shadowdev";
    static final List<String> C_SERVERS = List.of("echo_ll", "echofs");
    static final String QUIET = "quiet";
    private static final Map<String, String> C_NAMES = Map.of(
        "echo_ll", "C libfuse 3 low-level echo (echo_ll.c, fuse_session_loop_mt, clone_fd)",
        "echofs", "C libfuse 2.9 echofs (echofs.c, multithreaded loop)");
    /** scenario key -> the goal on the median ratio of exchanges/s (at least). */
    private static final Map<String, Double> OPS_TARGETS = Map.of(
        "passthrough/4096B/1s/quiet", 0.9,
        "passthrough/4096B/1s/busy", 0.8,
        "execute/61440B/1s/quiet", 0.9,
        "execute/61440B/1s/busy", 0.8,
        "passthrough/4096B/16s/quiet", 0.9);
    private static final String CPU_SCENARIO = "passthrough/4096B/1s/quiet";
    private static final double CPU_TARGET = 2.0;
    private static final String ISOLATION = "isolation/";
    private static final double ISOLATION_OPS_TARGET = 0.8;
    private static final double ISOLATION_P99_TARGET = 1.5;
    static final String CGROUP_OPEN = "cgroup-open/";
    static final String CGROUP_NODE = "cgroup-node";
    static final String SHADOW_NODE = "shadow-node";
    /** Issue 14: open+close on the shared node at least 0.8x of the same on a shadow node, one session. */
    private static final Map<String, Double> CGROUP_OPEN_TARGETS = Map.of(
        "cgroup-open/1s/quiet", 0.8,
        "cgroup-open/1s/busy", 0.8);
    static final String CGROUP_OPEN_BASELINE = "open+close on partition bench-0's shadow node, client in the same " +
        "cgroup (figure: open+close on the shared node accel/cgroup, bench-0 bound 3 components above the client)";

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
            "order", "mounts"))
        {
            m.put(key, root.get(key));
        }
        for (final String optional : List.of("cgroup_open", "elastic"))
        {
            if (root.has(optional))
            {
                m.put(optional, root.get(optional));
            }
        }
        return m;
    }

    JsonNode summary()
    {
        return root.path("summary");
    }

    /** @return the summary row of one arm of a scenario, or null. */
    JsonNode row(final String scenario, final String target, final String neighbour)
    {
        for (final JsonNode n : summary())
        {
            if (scenario.equals(n.path("scenario").asText()) && target.equals(n.path("target").asText()) &&
                neighbour.equals(n.path("neighbour").asText()))
            {
                return n;
            }
        }
        return null;
    }

    /** @return the C server with the higher median exchanges/s in {@code scenario}, or null when none ran. */
    String fasterC(final String scenario, final String neighbour)
    {
        final Map<String, double[]> candidates = new LinkedHashMap<>();
        for (final String c : C_SERVERS)
        {
            final JsonNode row = row(scenario, c, neighbour);
            if (row != null)
            {
                candidates.put(c, rounds(row, "ops_per_s"));
            }
        }
        return candidates.isEmpty() ? null : Rounds.faster(candidates);
    }

    List<ReportEntry> entries()
    {
        final List<ReportEntry> list = new ArrayList<>();
        for (final JsonNode s : summary())
        {
            final String scenario = s.path("scenario").asText();
            if (!SHADOWDEV.equals(s.path("target").asText()) || scenario.startsWith(ISOLATION))
            {
                continue;
            }
            final String neighbour = s.path("neighbour").asText();
            final String faster = fasterC(scenario, neighbour);
            if (faster == null)
            {
                continue;
            }
            final JsonNode c = row(scenario, faster, neighbour);
            final String baseline = C_NAMES.get(faster) + ", the faster C server here";
            final String prefix = "e2e." + scenario.replace('/', '.') + ".";
            ReportEntry ops = pair(prefix + "ops_per_s", "exchanges/s", baseline, s, c, "ops_per_s", true);
            if (OPS_TARGETS.containsKey(scenario))
            {
                ops = ops.ratioAtLeast(OPS_TARGETS.get(scenario));
            }
            list.add(ops);
            for (final String p : List.of("p50_us", "p99_us"))
            {
                list.add(pair(prefix + p, "us", baseline, s, c, p, false));
            }
            ReportEntry cpu = pair(prefix + "server_cpu_us_per_op", "us CPU/exchange", baseline, s, c,
                "server_cpu_us_per_op", false);
            if (CPU_SCENARIO.equals(scenario))
            {
                cpu = cpu.ratioAtMost(CPU_TARGET);
            }
            list.add(cpu);
        }
        for (final JsonNode abusive : summary())
        {
            final String scenario = abusive.path("scenario").asText();
            if (!scenario.startsWith(ISOLATION) || !"abusive".equals(abusive.path("neighbour").asText()))
            {
                continue;
            }
            final JsonNode cpu = row(scenario, SHADOWDEV, "cpu");
            if (cpu == null)
            {
                continue;
            }
            final String baseline = "the same victim beside a CPU-only neighbour (two busy loops)";
            final String prefix = "e2e." + scenario.replace('/', '.') + ".victim_beside_abuser.";
            list.add(pair(prefix + "ops_per_s", "exchanges/s", baseline, abusive, cpu, "ops_per_s", true)
                .ratioAtLeast(ISOLATION_OPS_TARGET));
            list.add(pair(prefix + "p99_us", "us", baseline, abusive, cpu, "p99_us", false)
                .ratioAtMost(ISOLATION_P99_TARGET));
        }
        list.addAll(cgroupOpenEntries());
        list.addAll(ElasticResults.entries(this));
        return list;
    }

    /**
     * Per cgroup-open scenario: the shared node's opens/s (with the goal on one session), p50, p99 and server CPU
     * per open, each over the shadow node's.
     */
    private List<ReportEntry> cgroupOpenEntries()
    {
        final List<ReportEntry> list = new ArrayList<>();
        for (final JsonNode shared : summary())
        {
            final String scenario = shared.path("scenario").asText();
            if (!scenario.startsWith(CGROUP_OPEN) || !CGROUP_NODE.equals(shared.path("target").asText()))
            {
                continue;
            }
            final JsonNode shadow = row(scenario, SHADOW_NODE, shared.path("neighbour").asText());
            if (shadow == null)
            {
                continue;
            }
            final String prefix = "e2e." + scenario.replace('/', '.') + ".shared_vs_shadow.";
            ReportEntry ops = pair(prefix + "ops_per_s", "opens/s", CGROUP_OPEN_BASELINE, shared, shadow, "ops_per_s",
                true);
            if (CGROUP_OPEN_TARGETS.containsKey(scenario))
            {
                ops = ops.ratioAtLeast(CGROUP_OPEN_TARGETS.get(scenario));
            }
            list.add(ops);
            for (final String p : List.of("p50_us", "p99_us"))
            {
                list.add(pair(prefix + p, "us", CGROUP_OPEN_BASELINE, shared, shadow, p, false));
            }
            list.add(pair(prefix + "server_cpu_us_per_op", "us CPU/open", CGROUP_OPEN_BASELINE, shared, shadow,
                "server_cpu_us_per_op", false));
        }
        return list;
    }

    private static ReportEntry pair(final String name, final String unit, final String baseline,
        final JsonNode figure, final JsonNode against, final String field, final boolean higherIsBetter)
    {
        return ReportEntry.of(name, unit, baseline, rounds(figure, field), rounds(against, field), higherIsBetter);
    }

    /** @return a summary row's per-round values of {@code field}, in the order the rounds ran. */
    static double[] rounds(final JsonNode row, final String field)
    {
        final JsonNode list = row.path("per_round").path(field);
        final double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++)
        {
            v[i] = list.get(i).asDouble();
        }
        return v;
    }
}

package dev.shadowdev.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shadowdev.bench.report.Rounds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The end-to-end suite: mounts shadowdev ({@code shadowdev.jar up}) and the two C baselines ({@code echo_ll}, libfuse
 * 3 low-level with clone_fd; {@code echofs}, libfuse 2.9), each in its own process, and measures them through real
 * system calls with the C load generator ({@code loadgen}), scenario by scenario. The arms of a scenario take turns
 * and their order alternates every round (shadowdev, echo_ll, echofs, echofs, echo_ll, shadowdev, ...), so that noise
 * from other work on the machine falls on all of them alike. Writes every round and a per-arm summary (median, min
 * and max of each figure, and the rounds in order) as JSON.
 * <p>
 * The cgroup-open scenarios ({@code cgroup-open/1s/quiet}, {@code cgroup-open/1s/busy}, {@code cgroup-open/4s/quiet};
 * issue 14) run on a second shadowdev server of their own ({@link CgroupOpenTarget}: {@code up --opens-per-second
 * 1000000}, bench-0 bound to a cgroup of this run's) and compare one open+close per exchange on the shared node
 * {@code accel/cgroup} ({@code cgroup-node}) with the same on bench-0's shadow node ({@code shadow-node}), the client
 * in a cgroup three components below the bound one for both arms ({@link ClientCgroup}). Their rounds are half as
 * long as the others (half the warm-up, half the measured window); they are left out, with a log line, on a host
 * without a unified cgroup hierarchy or when {@code --targets} leaves shadowdev out.
 * <p>
 * The elastic scenarios ({@code elastic-revoke/quiet}, {@code elastic-revoke/busy}, {@code elastic-mixed/quiet};
 * issue 12, {@link ElasticScenario}) run on shadowdev servers of their own with elastic configs
 * ({@link ElasticBench}); when only they (or only cgroup-open ones) are selected with {@code --only}, the main
 * shadowdev server and the C servers are not started.
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.shadowdev.bench.e2e.E2eSuite --mode quick \
 *       --shadowdev-jar fuse-devfs/target/shadowdev.jar --echofs bench/target/echofs --echo-ll bench/target/echo_ll \
 *       --loadgen bench/target/loadgen --work bench/target/e2e --out bench/results/e2e.json
 * </pre>
 * Options: {@code --rounds N} (at least 3), {@code --warmup-ms N}, {@code --measure-ms N},
 * {@code --server-jvm-opts "..."} (e.g. a JFR recording of the shadowdev server), {@code --only KEY,...} (scenario
 * keys, e.g. {@code passthrough/4096B/1s/busy}, {@code isolation/passthrough/4096B/1s} or
 * {@code cgroup-open/1s/quiet} or {@code elastic-revoke/quiet}) and
 * {@code --targets shadowdev,echo_ll} to measure a part.
 */
public final class E2eSuite
{
    private static final long SUITE_WARMUP_MS = 3_000;
    private static final int MIN_ROUNDS = 3;
    private static final long ABUSER_SLACK_MS = 60_000;
    private static final int VICTIM_PARTITION = 0;
    private static final int ABUSER_PARTITION = 1;
    /** The cgroup-open rounds' warm-up and measured window are the suite's divided by this. */
    private static final int OPEN_ROUND_DIVISOR = 2;
    /** Elastic revocation: the lender's ACTIVATEs per arm and round (3 rounds: 3,000 revocations; full, 5 rounds: 10,000). */
    private static final int ELASTIC_ITERATIONS = 1000;
    private static final int ELASTIC_ITERATIONS_FULL = 2000;
    /** Elastic mixed: how long each card runs per round. */
    private static final long ELASTIC_MIXED_MS = 2000;
    private static final long ELASTIC_MIXED_MS_FULL = 5000;

    private E2eSuite()
    {
    }

    /** One arm of a scenario: a target beside a neighbour, run once per round. */
    private record Arm(String target, String neighbour, RoundRunner runner)
    {
    }

    @FunctionalInterface
    private interface RoundRunner
    {
        ObjectNode run() throws IOException, InterruptedException;
    }

    @FunctionalInterface
    private interface Starter
    {
        Loadgen.Neighbour start() throws IOException, InterruptedException;
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = parse(args);
        final boolean full = "full".equals(options.getOrDefault("mode", "quick"));
        final int rounds = Integer.parseInt(options.getOrDefault("rounds", full ? "5" : "3"));
        if (rounds < MIN_ROUNDS)
        {
            throw new IllegalArgumentException("too few rounds, want at least 3: rounds=" + rounds);
        }
        final long warmupMs = Long.parseLong(options.getOrDefault("warmup-ms", full ? "2000" : "1000"));
        final long measureMs = Long.parseLong(options.getOrDefault("measure-ms", full ? "5000" : "2000"));
        final Path work = Path.of(options.getOrDefault("work", "bench/target/e2e")).toAbsolutePath();
        final Path out = Path.of(options.getOrDefault("out", "bench/results/e2e.json"));
        final List<String> serverJvm = split(options.getOrDefault("server-jvm-opts", ""));
        final String java = ProcessHandle.current().info().command().orElse("java");
        final List<Scenario> suite = Scenario.suite(full).stream()
            .filter((sc) -> !options.containsKey("only") || List.of(options.get("only").split(",")).contains(sc.key()))
            .toList();
        final List<ElasticScenario> elastic = ElasticScenario.suite().stream()
            .filter((sc) -> !options.containsKey("only") || List.of(options.get("only").split(",")).contains(sc.key()))
            .toList();
        // the main servers only when a scenario of theirs is selected (e.g. not for --only elastic-revoke/quiet)
        final boolean mainTargets = suite.stream().anyMatch((sc) -> !sc.cgroupOpen());
        final List<String> targetNames = List.of(options.getOrDefault("targets",
            "shadowdev," + CEchoTarget.ECHO_LL + "," + CEchoTarget.ECHOFS).split(","));
        final Loadgen loadgen = new Loadgen(Path.of(options.get("loadgen")));
        final Path cgroupHierarchy = cgroupOpenHierarchy(suite, targetNames);

        final ObjectMapper mapper = mapper();
        final ObjectNode result = mapper.createObjectNode();
        result.put("mode", full ? "full" : "quick");
        result.put("rounds", rounds);
        result.put("warmup_ms", warmupMs);
        result.put("measure_ms", measureMs);
        result.set("server_jvm_args", mapper.valueToTree(serverJvm));
        result.put("client", "bench/src/main/c/loadgen.c: one thread per session, open/write/read (cgroup-open: " +
            "open/close), page-aligned buffers, every exchange of the measured window timed");
        result.put("order", "arms take turns, their order reversed every other round");

        try (Target shadowdev = !mainTargets ? null :
                ShadowdevTarget.start(java, serverJvm, Path.of(options.get("shadowdev-jar")), work);
            Target echoLl = !mainTargets ? null :
                CEchoTarget.start(CEchoTarget.ECHO_LL, Path.of(options.get("echo-ll")), work);
            Target echofs = !mainTargets ? null :
                CEchoTarget.start(CEchoTarget.ECHOFS, Path.of(options.get("echofs")), work);
            CgroupOpenTarget cgroupOpen = cgroupHierarchy == null ? null : CgroupOpenTarget.start(java, serverJvm,
                Path.of(options.get("shadowdev-jar")), work.resolve("cgroup-open"), cgroupHierarchy))
        {
            final List<Target> targets = Stream.of(shadowdev, echoLl, echofs).filter(Objects::nonNull)
                .filter((t) -> targetNames.contains(t.name())).toList();
            final Map<String, String> mounts = new LinkedHashMap<>();
            for (final String name : mainTargets ? List.of("shadowdev", CEchoTarget.ECHO_LL, CEchoTarget.ECHOFS) :
                List.<String>of())
            {
                mounts.put(name, MountInfo.line(work.resolve(name + "-mnt")));
            }
            if (cgroupOpen != null)
            {
                mounts.put(cgroupOpen.name(), MountInfo.line(cgroupOpen.mount()));
                result.set("cgroup_open", cgroupOpenSettings(mapper, cgroupOpen, warmupMs, measureMs));
            }
            result.set("mounts", mapper.valueToTree(mounts));
            log("mounted: " + mounts);

            for (final Target t : targets)
            {
                loadgen.measure(t, Workload.PASSTHROUGH, Scenario.SIZE_4K, 1, t.nodes(), 0, SUITE_WARMUP_MS);
                loadgen.measure(t, Workload.EXECUTE, Scenario.SIZE_60K, 1, t.nodes(), 0, SUITE_WARMUP_MS / 2);
            }
            if (cgroupOpen != null)
            {
                // both nodes at once (one session each), so that the server's JIT sees both from the start; longer
                // than the main server's warm-up: with less, the first round still paid for C2 compilations
                loadgen.within(cgroupOpen.cgroups().clientProcs()).measure(cgroupOpen, Workload.OPENCLOSE, 0,
                    cgroupOpen.nodes().size(), cgroupOpen.nodes(), 0, SUITE_WARMUP_MS * 2);
            }

            final ArrayNode samples = mapper.createArrayNode();
            final ArrayNode summary = mapper.createArrayNode();
            for (final Scenario s : suite)
            {
                if ((s.isolation() && !targets.contains(shadowdev)) || (s.cgroupOpen() && cgroupOpen == null))
                {
                    continue;
                }
                final List<Arm> arms;
                if (s.isolation())
                {
                    arms = isolationArms(loadgen, shadowdev, s, warmupMs, measureMs);
                }
                else if (s.cgroupOpen())
                {
                    arms = cgroupOpenArms(loadgen, cgroupOpen, s, warmupMs / OPEN_ROUND_DIVISOR,
                        measureMs / OPEN_ROUND_DIVISOR);
                }
                else
                {
                    arms = targets.stream().map((t) -> comparisonArm(loadgen, t, s, warmupMs, measureMs)).toList();
                }
                final Map<Arm, List<ObjectNode>> byArm = new HashMap<>();
                for (int r = 0; r < rounds; r++)
                {
                    for (final int k : Rounds.order(r, arms.size()))
                    {
                        final Arm arm = arms.get(k);
                        final ObjectNode sample = arm.runner().run();
                        sample.put("scenario", s.key());
                        sample.put("target", arm.target());
                        sample.put("neighbour", arm.neighbour());
                        sample.put("round", r + 1);
                        samples.add(sample);
                        byArm.computeIfAbsent(arm, (a) -> new ArrayList<>()).add(sample);
                        log(String.format("%-30s %-9s %-8s round %d: %9.0f ops/s  p50 %7.1f us  p99 %8.1f us  " +
                            "server cpu %6.1f us/op", s.key(), arm.target(), arm.neighbour(), r + 1,
                            sample.path("ops_per_s").asDouble(), sample.path("p50_us").asDouble(),
                            sample.path("p99_us").asDouble(), sample.path("server_cpu_us_per_op").asDouble()));
                    }
                }
                for (final Arm arm : arms)
                {
                    summary.add(Summaries.of(s, arm.target(), arm.neighbour(), byArm.get(arm)));
                }
            }
            if (!elastic.isEmpty())
            {
                final ElasticBench.Settings es = new ElasticBench.Settings(java, serverJvm,
                    Path.of(options.get("shadowdev-jar")), work.resolve("elastic"), rounds,
                    full ? ELASTIC_ITERATIONS_FULL : ELASTIC_ITERATIONS, full ? ELASTIC_MIXED_MS_FULL : ELASTIC_MIXED_MS);
                result.set("elastic", new ElasticBench(es, loadgen).run(elastic, samples, summary));
            }
            result.set("summary", summary);
            result.set("samples", samples);
        }

        if (out.toAbsolutePath().getParent() != null)
        {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        mapper.writeValue(out.toFile(), result);
        log("wrote " + out);
    }

    /** A target measured quiet, or beside one busy-looping process started before the round and stopped after. */
    private static Arm comparisonArm(final Loadgen loadgen, final Target t, final Scenario s, final long warmupMs,
        final long measureMs)
    {
        final boolean busy = Scenario.BUSY.equals(s.neighbour());
        final List<Starter> beside = busy ? List.<Starter>of(loadgen::spin) : List.<Starter>of();
        return new Arm(t.name(), s.neighbour(), () -> besides(beside, () ->
            loadgen.measure(t, s.workload(), s.size(), s.sessions(), t.nodes(), warmupMs, measureMs)));
    }

    /**
     * The victim (one session on partition bench-0) beside two busy loops ({@code cpu}), and beside an abusive
     * neighbour on partition bench-1 ({@code abusive}: two churning processes, one flooding).
     */
    private static List<Arm> isolationArms(final Loadgen loadgen, final Target shadowdev, final Scenario s,
        final long warmupMs, final long measureMs)
    {
        final Path victim = shadowdev.nodes().get(VICTIM_PARTITION);
        final Path abused = shadowdev.nodes().get(ABUSER_PARTITION);
        final RoundRunner measure = () ->
            loadgen.measure(shadowdev, s.workload(), s.size(), s.sessions(), List.of(victim), warmupMs, measureMs);
        final long abuseMs = warmupMs + measureMs + ABUSER_SLACK_MS;
        return List.of(
            new Arm(shadowdev.name(), "cpu", () -> besides(List.<Starter>of(loadgen::spin, loadgen::spin), measure)),
            new Arm(shadowdev.name(), "abusive", () -> besides(List.<Starter>of(
                () -> loadgen.abuse("churn", abused, abuseMs),
                () -> loadgen.abuse("churn", abused, abuseMs),
                () -> loadgen.abuse("flood", abused, abuseMs)), measure)));
    }

    /**
     * The shared cgroup node against bench-0's shadow node: open+close with the client in the same cgroup for both
     * (below the one bound to bench-0), quiet or beside one busy loop (which runs outside that cgroup).
     */
    private static List<Arm> cgroupOpenArms(final Loadgen loadgen, final CgroupOpenTarget target, final Scenario s,
        final long warmupMs, final long measureMs)
    {
        final Loadgen inside = loadgen.within(target.cgroups().clientProcs());
        final List<Starter> beside = Scenario.BUSY.equals(s.neighbour()) ?
            List.<Starter>of(loadgen::spin) : List.<Starter>of();
        final List<Arm> arms = new ArrayList<>();
        for (final String arm : List.of(CgroupOpenTarget.SHARED_ARM, CgroupOpenTarget.SHADOW_ARM))
        {
            final Path node = CgroupOpenTarget.SHARED_ARM.equals(arm) ? target.shared() : target.shadow();
            arms.add(new Arm(arm, s.neighbour(), () -> besides(beside, () -> inside.measure(target, s.workload(),
                s.size(), s.sessions(), List.of(node), warmupMs, measureMs))));
        }
        return arms;
    }

    /**
     * @return the unified cgroup hierarchy when a cgroup-open scenario is selected and can run (shadowdev among the
     * targets, a unified hierarchy on this host), else null (with a log line saying why it is left out).
     */
    private static Path cgroupOpenHierarchy(final List<Scenario> suite, final List<String> targetNames)
    {
        if (suite.stream().noneMatch(Scenario::cgroupOpen))
        {
            return null;
        }
        if (!targetNames.contains("shadowdev"))
        {
            log("cgroup-open: left out, shadowdev is not among the targets: targets=" + targetNames);
            return null;
        }
        final Path hierarchy = ClientCgroup.unifiedHierarchy().orElse(null);
        if (hierarchy == null)
        {
            log("cgroup-open: left out, no unified cgroup hierarchy (v1-only host): checked=/sys/fs/cgroup/unified," +
                "/sys/fs/cgroup");
        }
        return hierarchy;
    }

    private static ObjectNode cgroupOpenSettings(final ObjectMapper mapper, final CgroupOpenTarget target,
        final long warmupMs, final long measureMs)
    {
        final ObjectNode m = mapper.createObjectNode();
        m.put("opens_per_second", CgroupOpenTarget.OPENS_PER_SECOND);
        m.put("bound_cgroup", target.cgroups().boundPath());
        m.put("client_cgroup", target.cgroups().clientPath());
        m.put("shared_node", target.shared().toString());
        m.put("shadow_node", target.shadow().toString());
        m.put("warmup_ms", warmupMs / OPEN_ROUND_DIVISOR);
        m.put("measure_ms", measureMs / OPEN_ROUND_DIVISOR);
        return m;
    }

    /** Start the neighbours, run {@code measure} beside them, stop them (always), and record what they did. */
    private static ObjectNode besides(final List<Starter> starters, final RoundRunner measure)
        throws IOException, InterruptedException
    {
        final List<Loadgen.Neighbour> neighbours = new ArrayList<>();
        ObjectNode sample = null;
        try
        {
            for (final Starter s : starters)
            {
                neighbours.add(s.start());
            }
            sample = measure.run();
        }
        finally
        {
            final List<ObjectNode> did = new ArrayList<>();
            for (final Loadgen.Neighbour n : neighbours)
            {
                did.add(n.stop());
            }
            if (sample != null)
            {
                sample.putArray("neighbours").addAll(did);
            }
        }
        return sample;
    }

    static ObjectMapper mapper()
    {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static Map<String, String> parse(final String[] args)
    {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++)
        {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
            {
                throw new IllegalArgumentException("bad arguments, want --name value pairs: args=" +
                    Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        for (final String required : List.of("echofs", "echo-ll", "loadgen", "shadowdev-jar"))
        {
            if (!options.containsKey(required))
            {
                throw new IllegalArgumentException("missing option: --" + required);
            }
        }
        return options;
    }

    private static List<String> split(final String s)
    {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static void log(final String line)
    {
        System.out.println("e2e: " + line);
    }

    /** The mount's line in {@code /proc/self/mountinfo}: what options the kernel really applied. */
    static final class MountInfo
    {
        private MountInfo()
        {
        }

        static String line(final Path mountPoint) throws IOException
        {
            final String target = mountPoint.toAbsolutePath().normalize().toString();
            for (final String line : Files.readAllLines(Path.of("/proc/self/mountinfo")))
            {
                final String[] fields = line.split(" ");
                if (fields.length > 4 && fields[4].equals(target))
                {
                    return line;
                }
            }
            return "(not mounted)";
        }
    }
}

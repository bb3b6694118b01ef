package dev.shadowdev.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end suite: mounts the C baseline ({@code echofs}) and shadowdev ({@code shadowdev.jar up}), each in
 * its own process, and measures both through real system calls with the same load generator, scenario by
 * scenario, the two targets taking turns (their order alternates every round), so that noise from other work on
 * the machine falls on both alike. Writes every sample and a per-scenario summary (medians over the rounds,
 * percentiles over all of them) as JSON.
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.shadowdev.bench.e2e.E2eSuite --mode quick \
 *       --shadowdev-jar fuse-devfs/target/shadowdev.jar --echofs bench/target/echofs \
 *       --work bench/target/e2e --out bench/results/e2e.json
 * </pre>
 * Options: {@code --rounds N}, {@code --warmup-ms N}, {@code --measure-ms N}, {@code --server-jvm-opts "..."}
 * (e.g. a JFR recording of the shadowdev server), {@code --only passthrough/4096B/1s,...} (scenario keys) and
 * {@code --targets shadowdev} to measure a part.
 */
public final class E2eSuite
{
    private static final long SUITE_WARMUP_MS = 3_000;

    private E2eSuite()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = parse(args);
        final boolean full = "full".equals(options.getOrDefault("mode", "quick"));
        final int rounds = Integer.parseInt(options.getOrDefault("rounds", full ? "5" : "3"));
        final long warmupMs = Long.parseLong(options.getOrDefault("warmup-ms", full ? "2000" : "1000"));
        final long measureMs = Long.parseLong(options.getOrDefault("measure-ms", full ? "5000" : "2000"));
        final Path work = Path.of(options.getOrDefault("work", "bench/target/e2e")).toAbsolutePath();
        final Path out = Path.of(options.getOrDefault("out", "bench/results/e2e.json"));
        final List<String> serverJvm = split(options.getOrDefault("server-jvm-opts", ""));
        final String java = ProcessHandle.current().info().command().orElse("java");
        final List<Scenario> suite = Scenario.suite(full).stream()
            .filter((sc) -> !options.containsKey("only") || List.of(options.get("only").split(",")).contains(sc.key()))
            .toList();
        final List<String> targetNames = List.of(options.getOrDefault("targets", "echofs,shadowdev").split(","));

        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", full ? "full" : "quick");
        result.put("rounds", rounds);
        result.put("warmup_ms", warmupMs);
        result.put("measure_ms", measureMs);
        result.put("server_jvm_args", serverJvm);
        result.put("client", "FileNodeChannel (jnr-ffi libc open/write/read), direct buffers, one thread per session");

        try (Target echofs = EchofsTarget.start(Path.of(options.get("echofs")), work);
            Target shadowdev = ShadowdevTarget.start(java, serverJvm, Path.of(options.get("shadowdev-jar")), work))
        {
            final Target[] targets = List.of(echofs, shadowdev).stream()
                .filter((t) -> targetNames.contains(t.name())).toArray(Target[]::new);
            final Map<String, String> mounts = new LinkedHashMap<>();
            mounts.put("echofs", MountInfo.line(work.resolve("echofs-mnt")));
            mounts.put("shadowdev", MountInfo.line(work.resolve("shadowdev-mnt")));
            result.put("mounts", mounts);
            log("mounted: " + mounts);

            for (final Target t : targets)
            {
                LoadRun.run(t, Workload.PASSTHROUGH, Scenario.SIZE_4K, 1, 0, SUITE_WARMUP_MS, new LatencyHistogram());
                LoadRun.run(t, Workload.EXECUTE, Scenario.SIZE_60K, 1, 0, SUITE_WARMUP_MS / 2, new LatencyHistogram());
            }

            final List<Sample> samples = new ArrayList<>();
            final List<Map<String, Object>> summary = new ArrayList<>();
            for (final Scenario s : suite)
            {
                final Map<String, List<Sample>> byTarget = new HashMap<>();
                final Map<String, LatencyHistogram> latencies = new HashMap<>();
                for (int r = 0; r < rounds; r++)
                {
                    for (int k = 0; k < targets.length; k++)
                    {
                        final Target t = targets[(r % 2 == 0) ? k : targets.length - 1 - k];
                        final Sample sample = LoadRun.run(t, s.workload(), s.size(), s.sessions(), warmupMs, measureMs,
                            latencies.computeIfAbsent(t.name(), (n) -> new LatencyHistogram()));
                        samples.add(sample);
                        byTarget.computeIfAbsent(t.name(), (n) -> new ArrayList<>()).add(sample);
                        log(String.format("%-9s %-11s %6d B %2d sessions  round %d: %10.0f ops/s %9.1f MB/s  " +
                            "p50 %7.1f us  p99 %8.1f us  server cpu %6.1f us/op", t.name(), s.workload().key(),
                            s.size(), s.sessions(), r + 1, sample.opsPerSecond(), sample.megabytesPerSecond(),
                            sample.p50Micros(), sample.p99Micros(), sample.serverCpuMicrosPerOp()));
                    }
                }
                for (final Target t : targets)
                {
                    summary.add(Summaries.of(s, byTarget.get(t.name()), latencies.get(t.name())));
                }
            }
            result.put("summary", summary);
            result.put("samples", samples);
        }

        if (out.toAbsolutePath().getParent() != null)
        {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        mapper().writeValue(out.toFile(), result);
        log("wrote " + out);
    }

    static ObjectMapper mapper()
    {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
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
        for (final String required : List.of("echofs", "shadowdev-jar"))
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

package dev.shadowdev.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins one run's results into {@code latest.json}, the PNG figures and {@code summary.md}: the end-to-end suite
 * (shadowdev's node path against the faster of two C libfuse echo servers, the isolation victim, and open+close on
 * the shared cgroup node against a shadow node, and the elastic scenarios: a revoking ACTIVATE against a plain one,
 * the elastic card's utilisation against fixed partitions), JMH's JSON
 * (ring and control against Agrona, minor allocator against BitSet and IDA; the ring again beside a busy loop,
 * {@code --jmh-busy}) and the minor allocator's memory table.
 * <pre>
 *   java -Djava.awt.headless=true -cp bench/target/benchmarks.jar dev.shadowdev.bench.report.BenchReport \
 *       --jmh bench/target/jmh.json --e2e bench/results/e2e.json --minor-memory bench/target/minor-memory.txt \
 *       --jmh-busy bench/target/jmh-busy.json --out-dir bench/results --mode quick --jmh-args "-f 1 -wi 2 ..."
 * </pre>
 * Any input may be missing (e.g. {@code --e2e} when FUSE is unavailable); its entries are then left out.
 */
public final class BenchReport
{
    private BenchReport()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        System.setProperty("java.awt.headless", "true");
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        final Path outDir = Path.of(options.getOrDefault("out-dir", "bench/results"));
        Files.createDirectories(outDir);

        final List<ReportEntry> entries = new ArrayList<>();
        final Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        report.put("mode", options.getOrDefault("mode", "quick"));
        report.put("machine", MachineInfo.collect());
        report.put("loadavg_at_start", options.getOrDefault("loadavg-at-start", "unknown"));
        report.put("noise", "Every figure is the median of its rounds with the min and max of the per-round ratio: " +
            "end-to-end rounds alternate between shadowdev and the C servers (node targets judged against the " +
            "faster C server per scenario, the shared cgroup node against a shadow node, a revoking ACTIVATE " +
            "against a plain one, the elastic card's utilisation against fixed partitions); JMH rounds are " +
            "measurement iterations. Never a single best run.");

        final Path e2eFile = existing(options.get("e2e"));
        E2eResults e2e = null;
        if (e2eFile != null)
        {
            e2e = E2eResults.read(e2eFile);
            entries.addAll(e2e.entries());
            report.put("e2e_settings", e2e.settings());
        }
        final Path jmhFile = existing(options.get("jmh"));
        if (jmhFile != null)
        {
            final JmhResults jmh = JmhResults.read(jmhFile, "");
            entries.addAll(jmh.entries());
            final Map<String, Object> settings = jmh.settings();
            settings.put("command_line_args", options.getOrDefault("jmh-args", ""));
            report.put("jmh_settings", settings);
        }
        final Path jmhBusyFile = existing(options.get("jmh-busy"));
        if (jmhBusyFile != null)
        {
            entries.addAll(JmhResults.read(jmhBusyFile, "busy.").entries());
        }
        final Path minorFile = existing(options.get("minor-memory"));
        if (minorFile != null)
        {
            entries.addAll(MinorMemory.entries(minorFile));
        }
        report.put("results", entries);

        final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.writeValue(outDir.resolve("latest.json").toFile(), report);

        if (e2e != null)
        {
            Charts.throughputVsSize(e2e, outDir);
            Charts.throughputVsSessions(e2e, outDir);
            Charts.latency(e2e, outDir);
        }
        Charts.ratios(entries, outDir);
        final String table = table(entries);
        Files.writeString(outDir.resolve("summary.md"), "# Bench summary (" + report.get("mode") + ", " +
            report.get("date") + ")\n\n" + table, StandardCharsets.UTF_8);
        System.out.print(table);
    }

    private static Path existing(final String file)
    {
        return file != null && Files.isRegularFile(Path.of(file)) ? Path.of(file) : null;
    }

    static String table(final List<ReportEntry> entries)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("| name | figure | baseline | unit | ratio (median) | min | max | rounds | better | target |\n");
        sb.append("|---|---:|---:|---|---:|---:|---:|---:|---|---|\n");
        for (final ReportEntry e : entries)
        {
            sb.append("| ").append(e.name()).append(" | ").append(format(e.figure())).append(" | ")
                .append(format(e.baseline())).append(" | ").append(e.unit()).append(" | ")
                .append(String.format("%.3f", e.ratio())).append(" | ").append(String.format("%.3f", e.min()))
                .append(" | ").append(String.format("%.3f", e.max())).append(" | ").append(e.rounds())
                .append(" | ").append(e.better()).append(" | ")
                .append(e.target() == null ? "" : e.target() + (Boolean.TRUE.equals(e.met()) ? " (met)" : " (NOT met)"))
                .append(" |\n");
        }
        return sb.toString();
    }

    private static String format(final double v)
    {
        if (Math.abs(v) >= 1000)
        {
            return String.format("%,.0f", v);
        }
        return Math.abs(v) >= 10 ? String.format("%.1f", v) : String.format("%.4f", v);
    }
}

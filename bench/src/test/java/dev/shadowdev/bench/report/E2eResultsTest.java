package dev.shadowdev.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class E2eResultsTest
{
    @TempDir
    Path dir;

    private static String row(final String scenario, final String target, final String neighbour,
        final String ops, final String p99, final String cpu)
    {
        return "{\"scenario\":\"" + scenario + "\",\"target\":\"" + target + "\",\"neighbour\":\"" + neighbour +
            "\",\"per_round\":{\"ops_per_s\":[" + ops + "],\"p50_us\":[1,1,1],\"p99_us\":[" + p99 +
            "],\"server_cpu_us_per_op\":[" + cpu + "]}}";
    }

    private E2eResults results(final String... rows) throws IOException
    {
        final Path file = dir.resolve("e2e.json");
        Files.writeString(file, "{\"summary\":[" + String.join(",", rows) + "]}");
        return E2eResults.read(file);
    }

    private static ReportEntry entry(final List<ReportEntry> entries, final String name)
    {
        return entries.stream().filter((e) -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void nodeTargetsAreJudgedAgainstTheFasterCServerOfEachScenario() throws IOException
    {
        final String quiet = "passthrough/4096B/1s/quiet";
        final String busy = "passthrough/4096B/1s/busy";
        final E2eResults e2e = results(
            row(quiet, "shadowdev", "quiet", "18000,19000,17000", "100,100,100", "40,40,40"),
            row(quiet, "echo_ll", "quiet", "20000,20000,20000", "80,80,80", "25,25,25"),
            row(quiet, "echofs", "quiet", "15000,30000,14000", "90,90,90", "20,20,20"),
            row(busy, "shadowdev", "busy", "9000,9000,9000", "200,200,200", "40,40,40"),
            row(busy, "echo_ll", "busy", "10000,10000,10000", "90,90,90", "25,25,25"),
            row(busy, "echofs", "busy", "12000,12000,12000", "90,90,90", "25,25,25"));
        assertEquals("echo_ll", e2e.fasterC(quiet, "quiet"));
        assertEquals("echofs", e2e.fasterC(busy, "busy"));
        final List<ReportEntry> entries = e2e.entries();

        final ReportEntry q = entry(entries, "e2e.passthrough.4096B.1s.quiet.ops_per_s");
        assertEquals(0.9, q.ratio(), 1e-12);
        assertEquals(0.85, q.min(), 1e-12);
        assertEquals(0.95, q.max(), 1e-12);
        assertEquals("ratio >= 0.9", q.target());
        assertTrue(q.met());
        assertTrue(q.baselineName().startsWith("C libfuse 3 low-level echo"));

        final ReportEntry b = entry(entries, "e2e.passthrough.4096B.1s.busy.ops_per_s");
        assertEquals(0.75, b.ratio(), 1e-12);
        assertEquals("ratio >= 0.8", b.target());
        assertFalse(b.met());

        final ReportEntry cpu = entry(entries, "e2e.passthrough.4096B.1s.quiet.server_cpu_us_per_op");
        assertEquals(1.6, cpu.ratio(), 1e-12);
        assertEquals("ratio <= 2.0", cpu.target());
        assertTrue(cpu.met());
    }

    @Test
    void sharedCgroupNodeIsJudgedAgainstTheShadowNodeRoundByRound() throws IOException
    {
        final String quiet = "cgroup-open/1s/quiet";
        final String busy = "cgroup-open/1s/busy";
        final String four = "cgroup-open/4s/quiet";
        final String comparison = "passthrough/4096B/1s/quiet";
        final List<ReportEntry> entries = results(
            row(comparison, "shadowdev", "quiet", "18000,18000,18000", "100,100,100", "40,40,40"),
            row(comparison, "echo_ll", "quiet", "20000,20000,20000", "80,80,80", "20,20,20"),
            row(quiet, "cgroup-node", "quiet", "9000,9500,7000", "120,110,130", "60,55,70"),
            row(quiet, "shadow-node", "quiet", "10000,10000,10000", "100,100,100", "50,50,50"),
            row(busy, "cgroup-node", "busy", "5000,6000,7000", "300,300,300", "60,60,60"),
            row(busy, "shadow-node", "busy", "10000,10000,10000", "200,200,200", "50,50,50"),
            row(four, "shadow-node", "quiet", "30000,30000,30000", "200,200,200", "50,50,50"),
            row(four, "cgroup-node", "quiet", "21000,24000,27000", "300,300,300", "80,80,80"),
            row("cgroup-open/2s/quiet", "shadow-node", "quiet", "20000,20000,20000", "200,200,200", "50,50,50"))
            .entries();

        final ReportEntry q = entry(entries, "e2e.cgroup-open.1s.quiet.shared_vs_shadow.ops_per_s");
        assertEquals(0.9, q.ratio(), 1e-12);
        assertEquals(0.7, q.min(), 1e-12);
        assertEquals(0.95, q.max(), 1e-12);
        assertEquals(9000, q.figure());
        assertEquals(10000, q.baseline());
        assertEquals("opens/s", q.unit());
        assertEquals("higher", q.better());
        assertEquals("ratio >= 0.8", q.target());
        assertTrue(q.met());
        assertTrue(q.baselineName().startsWith("open+close on partition bench-0's shadow node"), q.baselineName());

        final ReportEntry b = entry(entries, "e2e.cgroup-open.1s.busy.shared_vs_shadow.ops_per_s");
        assertEquals(0.6, b.ratio(), 1e-12);
        assertFalse(b.met());

        final ReportEntry cpu = entry(entries, "e2e.cgroup-open.1s.quiet.shared_vs_shadow.server_cpu_us_per_op");
        assertEquals(1.2, cpu.ratio(), 1e-12);
        assertEquals("us CPU/open", cpu.unit());
        assertEquals("lower", cpu.better());
        assertNull(cpu.target());
        assertEquals(1.2, entry(entries, "e2e.cgroup-open.1s.quiet.shared_vs_shadow.p99_us").ratio(), 1e-12);

        // the 4-session point is a figure without a goal; a point without its shared arm gives no entry
        final ReportEntry f = entry(entries, "e2e.cgroup-open.4s.quiet.shared_vs_shadow.ops_per_s");
        assertEquals(0.8, f.ratio(), 1e-12);
        assertNull(f.target());
        assertNull(f.met());
        assertTrue(entries.stream().noneMatch((e) -> e.name().startsWith("e2e.cgroup-open.2s")), entries.toString());
        // the comparison scenario is judged as before, and no cgroup-open row is taken for one
        assertEquals(0.9, entry(entries, "e2e.passthrough.4096B.1s.quiet.ops_per_s").ratio(), 1e-12);
        assertEquals(4 + 4 + 4 + 4, entries.size(), entries.toString());
    }

    @Test
    void isolationComparesTheVictimBesideTheAbuserWithTheVictimBesideCpu() throws IOException
    {
        final String key = "isolation/passthrough/4096B/1s";
        final List<ReportEntry> entries = results(
            row(key, "shadowdev", "cpu", "10000,10000,10000", "100,100,100", "40,40,40"),
            row(key, "shadowdev", "abusive", "5000,9000,8500", "160,140,150", "40,40,40")).entries();
        final ReportEntry ops = entry(entries, "e2e.isolation.passthrough.4096B.1s.victim_beside_abuser.ops_per_s");
        assertEquals(0.85, ops.ratio(), 1e-12);
        assertEquals(0.5, ops.min(), 1e-12);
        assertTrue(ops.met());
        final ReportEntry p99 = entry(entries, "e2e.isolation.passthrough.4096B.1s.victim_beside_abuser.p99_us");
        assertEquals(1.5, p99.ratio(), 1e-12);
        assertEquals("ratio <= 1.5", p99.target());
        assertTrue(p99.met());
    }
}

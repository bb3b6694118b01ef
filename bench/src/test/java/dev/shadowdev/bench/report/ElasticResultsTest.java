package dev.shadowdev.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElasticResultsTest
{
    @TempDir
    Path dir;

    /** A summary row with per-round figures, e.g. {@code "p50_us", "200,210,190"}. */
    private static String row(final String scenario, final String target, final String neighbour,
        final String... figures)
    {
        final StringBuilder perRound = new StringBuilder();
        for (int i = 0; i < figures.length; i += 2)
        {
            perRound.append(i == 0 ? "" : ",").append('"').append(figures[i]).append("\":[").append(figures[i + 1])
                .append(']');
        }
        return "{\"scenario\":\"" + scenario + "\",\"target\":\"" + target + "\",\"neighbour\":\"" + neighbour +
            "\",\"per_round\":{" + perRound + "}}";
    }

    private List<ReportEntry> entries(final String... rows) throws IOException
    {
        final Path file = dir.resolve("e2e.json");
        Files.writeString(file, "{\"summary\":[" + String.join(",", rows) + "]}");
        return E2eResults.read(file).entries();
    }

    private static Map<String, ReportEntry> byName(final List<ReportEntry> entries)
    {
        return entries.stream().collect(Collectors.toMap(ReportEntry::name, (e) -> e));
    }

    private static String revoke(final String arm, final String neighbour, final String p50, final String failures)
    {
        return row("elastic-revoke/" + neighbour, arm, neighbour, "p50_us", p50, "p99_us", "1000,2000,3000",
            "server_cpu_us_per_iteration", "500,400,600", "failures", failures, "ops", "400,400,400");
    }

    @Test
    void revocationIsJudgedAgainstThePlainActivateRoundByRound() throws IOException
    {
        final Map<String, ReportEntry> e = byName(entries(
            revoke("revocation", "quiet", "190,250,150", "0,0,0"),
            revoke("plain", "quiet", "100,100,100", "0,0,0"),
            revoke("revocation", "busy", "300,300,300", "0,2,0"),
            revoke("plain", "busy", "100,120,100", "1,0,0")));

        final ReportEntry p50 = e.get("elastic.revoke.quiet.activate_p50_us");
        assertEquals(190, p50.figure());
        assertEquals(100, p50.baseline());
        assertEquals(1.9, p50.ratio(), 1e-12);
        assertEquals(1.5, p50.min(), 1e-12);
        assertEquals(2.5, p50.max(), 1e-12);
        assertEquals("lower", p50.better());
        assertEquals("ratio <= 2.0", p50.target());
        assertTrue(p50.met());
        assertFalse(e.get("elastic.revoke.busy.activate_p50_us").met(), "3x the plain ACTIVATE");

        assertEquals(1.0, e.get("elastic.revoke.quiet.activate_p99_us").ratio(), 1e-12);
        assertNull(e.get("elastic.revoke.quiet.activate_p99_us").target());
        assertEquals(500, e.get("elastic.revoke.quiet.server_cpu_us_per_iteration").figure());

        final ReportEntry quiet = e.get("elastic.revoke.quiet.failures");
        assertEquals(0, quiet.figure());
        assertEquals(1200, quiet.baseline());
        assertEquals("figure <= 0.0", quiet.target());
        assertTrue(quiet.met());
        // a failure in any round of either arm counts: the total, not the median round
        final ReportEntry busy = e.get("elastic.revoke.busy.failures");
        assertEquals(3, busy.figure());
        assertEquals(3 / 1200.0, busy.ratio(), 1e-12);
        assertEquals(0, busy.min(), 1e-12);
        assertEquals(2 / 400.0, busy.max(), 1e-12);
        assertFalse(busy.met());
        assertEquals(8, e.size(), e.keySet().toString());
    }

    private static String mixed(final String arm, final String utilisation, final String missed,
        final String failures)
    {
        return row("elastic-mixed/quiet", arm, "quiet", "utilisation", utilisation, "missed_reservations", missed,
            "inference_activations", "48,48,52", "inference_failures", failures, "batch_failures", "0,0,0",
            "batch_activations", "100,100,100");
    }

    @Test
    void mixedUtilisationIsJudgedAgainstTheFixedCardAndEveryMissedReservationCounts() throws IOException
    {
        final Map<String, ReportEntry> e = byName(entries(
            mixed("elastic", "0.99,0.96,0.95", "0,0,0", "0,0,0"),
            mixed("fixed", "0.72,0.75,0.70", "0,0,0", "0,0,0")));
        final ReportEntry u = e.get("elastic.mixed.quiet.utilisation");
        assertEquals(0.96, u.figure(), 1e-12);
        assertEquals(0.72, u.baseline(), 1e-12);
        assertEquals(0.96 / 0.75, u.min(), 1e-12);
        assertEquals(0.99 / 0.72, u.max(), 1e-12);
        assertEquals(0.95 / 0.70, u.ratio(), 1e-12, "the median of the per-round ratios");
        assertEquals("higher", u.better());
        assertEquals("ratio > 1.0", u.target());
        assertTrue(u.met());
        final ReportEntry missed = e.get("elastic.mixed.quiet.missed_reservations");
        assertEquals(0, missed.figure());
        assertEquals(148, missed.baseline());
        assertTrue(missed.met());
        assertTrue(e.get("elastic.mixed.quiet.failures").met());
        assertEquals(3, e.size(), e.keySet().toString());

        final Map<String, ReportEntry> bad = byName(entries(
            mixed("elastic", "0.70,0.70,0.70", "0,1,0", "0,0,1"),
            mixed("fixed", "0.70,0.70,0.70", "0,0,0", "0,0,0")));
        assertFalse(bad.get("elastic.mixed.quiet.utilisation").met(), "equal is not higher");
        assertEquals(1, bad.get("elastic.mixed.quiet.missed_reservations").figure());
        assertFalse(bad.get("elastic.mixed.quiet.missed_reservations").met());
        assertEquals(1, bad.get("elastic.mixed.quiet.failures").figure());
        assertFalse(bad.get("elastic.mixed.quiet.failures").met());
    }

    @Test
    void anArmWithoutItsBaselineGivesNoEntryAndRoundsMustPair() throws IOException
    {
        assertTrue(entries(revoke("revocation", "quiet", "1,1,1", "0,0,0"),
            mixed("elastic", "0.9,0.9,0.9", "0,0,0", "0,0,0")).isEmpty());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ElasticResults.sum(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertEquals("rounds do not pair: rounds=3 other=2", ex.getMessage());
    }
}

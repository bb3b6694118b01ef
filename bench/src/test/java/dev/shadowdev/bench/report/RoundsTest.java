package dev.shadowdev.bench.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundsTest
{
    @Test
    void medianMinMaxOfOddAndEvenRounds()
    {
        assertEquals(new Rounds.Stats(20, 10, 90, 3), Rounds.Stats.of(new double[]{90, 10, 20}));
        assertEquals(new Rounds.Stats(25, 10, 90, 4), Rounds.Stats.of(new double[]{90, 30, 10, 20}));
    }

    @Test
    void noRoundsIsAnError()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Rounds.Stats.of(new double[0]));
        assertEquals("no rounds: values=[]", ex.getMessage());
    }

    @Test
    void ratiosPairRoundByRound()
    {
        assertArrayEquals(new double[]{0.5, 2.0, Double.NaN}, Rounds.ratios(new double[]{1, 4, 3},
            new double[]{2, 2, 0}));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Rounds.ratios(new double[]{1, 2}, new double[]{1}));
        assertEquals("rounds do not pair: figures=2 baselines=1", ex.getMessage());
    }

    @Test
    void theFasterBaselineHasTheHigherMedianNotTheHigherBestRound()
    {
        final Map<String, double[]> servers = new LinkedHashMap<>();
        servers.put("echo_ll", new double[]{100, 30_000, 110});   // one lucky round
        servers.put("echofs", new double[]{200, 190, 210});
        assertEquals("echofs", Rounds.faster(servers));
        servers.put("echo_ll", new double[]{200, 190, 210});        // a tie goes to the first listed
        assertEquals("echo_ll", Rounds.faster(servers));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Rounds.faster(Map.of()));
        assertEquals("no baseline to choose from: servers=[]", ex.getMessage());
    }

    @Test
    void armsAlternateTheirOrderEveryRound()
    {
        assertArrayEquals(new int[]{0, 1, 2}, Rounds.order(0, 3));
        assertArrayEquals(new int[]{2, 1, 0}, Rounds.order(1, 3));
        assertArrayEquals(new int[]{0, 1, 2}, Rounds.order(2, 3));
        assertArrayEquals(new int[]{1, 0}, Rounds.order(3, 2));
    }

    @Test
    void entryReportsTheMedianRatioWithItsSpreadAndJudgesTheMedian()
    {
        final ReportEntry e = ReportEntry.of("x", "ops/s", "C", new double[]{90, 50, 100},
            new double[]{100, 100, 100}, true).ratioAtLeast(0.9);
        assertEquals(90, e.figure());
        assertEquals(100, e.baseline());
        assertEquals(0.9, e.ratio(), 1e-12);
        assertEquals(0.5, e.min(), 1e-12);
        assertEquals(1.0, e.max(), 1e-12);
        assertEquals(3, e.rounds());
        assertEquals("ratio >= 0.9", e.target());
        assertTrue(e.met());
        final ReportEntry cpu = ReportEntry.of("cpu", "us", "C", new double[]{60, 50, 70},
            new double[]{20, 20, 20}, false).ratioAtMost(2.0);
        assertEquals(3.0, cpu.ratio(), 1e-12);
        assertEquals("ratio <= 2.0", cpu.target());
        assertEquals(Boolean.FALSE, cpu.met());
    }
}

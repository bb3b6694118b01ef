package dev.shadowdev.bench.elastic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatenciesTest
{
    @Test
    void nearestRankPercentilesInMicroseconds()
    {
        final Latencies l = new Latencies(100);
        for (int i = 100; i >= 1; i--)
        {
            l.add(i * 1_000L);
        }
        assertEquals(100, l.count());
        assertEquals(50.0, l.percentileUs(0.5));
        assertEquals(99.0, l.percentileUs(0.99));
        assertEquals(100.0, l.percentileUs(1.0));
        assertEquals(50.5, l.meanUs(), 1e-9);
        assertEquals(1.0, Latencies.percentileUs(new long[] {3_000, 1_000}, 0.5));
        assertEquals(0.0, new Latencies(4).percentileUs(0.99));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> l.percentileUs(0));
        assertEquals("bad percentile, want (0, 1]: p=0.0", ex.getMessage());
    }

    @Test
    void optionsNameTheMissingOrBadOne()
    {
        final ElasticArgs args = ElasticArgs.parse(new String[] {"--mount", "/m", "--lender", "el-lender",
            "--lender-min", "four"});
        assertEquals("/m/by-name/el-lender", args.node("lender").toString());
        assertEquals("/m/accel/accel0", args.node("base").toString());
        assertEquals("missing option: --borrower",
            assertThrows(IllegalArgumentException.class, () -> args.name("borrower")).getMessage());
        assertEquals("bad number: lender-min=four",
            assertThrows(IllegalArgumentException.class, () -> args.integer("lender-min")).getMessage());
        assertEquals("bad arguments, want --name value pairs: args=[--mount]",
            assertThrows(IllegalArgumentException.class, () -> ElasticArgs.parse(new String[] {"--mount"}))
                .getMessage());
    }
}

package dev.shadowdev.driver.node;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenRateTest
{
    private static final long MS = 1_000_000L;

    @Test
    void aBurstPassesThenTheRateHoldsAndRefusalsAreReportedOnceASecond()
    {
        final OpenRate rate = new OpenRate(100, 5);
        long now = 1_000 * MS;
        for (int i = 0; i < 5; i++)
        {
            assertTrue(rate.tryAcquire(now), "burst open " + i);
        }
        assertFalse(rate.tryAcquire(now));
        assertFalse(rate.tryAcquire(now + 9 * MS), "100/s: one token every 10 ms");
        assertTrue(rate.tryAcquire(now + 10 * MS));
        assertFalse(rate.tryAcquire(now + 10 * MS));
        assertEquals(3, rate.refusalsToReport(now + 10 * MS), "the first report comes at once");
        assertFalse(rate.tryAcquire(now + 11 * MS));
        assertEquals(0, rate.refusalsToReport(now + 500 * MS), "then at most once a second");
        assertEquals(1, rate.refusalsToReport(now + 1_011 * MS));
        now += 10_000 * MS;
        int passed = 0;
        while (rate.tryAcquire(now))
        {
            passed++;
        }
        assertEquals(5, passed, "an idle node refills to its burst, never more");
    }

    @Test
    void aClockThatGoesBackRefillsNothing()
    {
        final OpenRate rate = new OpenRate(1000, 1);
        assertTrue(rate.tryAcquire(5_000 * MS));
        assertFalse(rate.tryAcquire(4_000 * MS));
        assertFalse(rate.tryAcquire(4_000 * MS + MS / 2));
        assertTrue(rate.tryAcquire(4_000 * MS + MS));
    }

    @Test
    void badSettingsAreRefused()
    {
        assertEquals("bad open rate: per_second=0 burst=1",
            assertThrows(IllegalArgumentException.class, () -> new OpenRate(0, 1)).getMessage());
        assertEquals("bad open rate: per_second=1 burst=0",
            assertThrows(IllegalArgumentException.class, () -> new OpenRate(1, 0)).getMessage());
    }
}

package dev.shadowdev.driver.session;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalPenaltyTest
{
    @Test
    void aRefusedCallerWaitsOutThePenaltyAndPastTheLimitNobodyWaits() throws Exception
    {
        final long penalty = TimeUnit.MILLISECONDS.toNanos(300);
        final RefusalPenalty one = new RefusalPenalty(penalty, 1);
        final CompletableFuture<Long> waited = new CompletableFuture<>();
        final Thread first = new Thread(() ->
        {
            final long start = System.nanoTime();
            one.serve();
            waited.complete(System.nanoTime() - start);
        });
        first.start();
        while (first.getState() != Thread.State.TIMED_WAITING)
        {
            Thread.onSpinWait();
        }
        assertFalse(one.serve(), "the one place is taken: this refusal comes at once");
        assertTrue(waited.get(5, TimeUnit.SECONDS) >= penalty);
        assertTrue(one.serve(), "the place is free again");
    }

    @Test
    void noPenaltyMeansNoWaitAndBadSettingsAreRefused()
    {
        assertFalse(new RefusalPenalty(0, 8).serve());
        assertEquals("bad refusal penalty: nanos=-1 max_parked=1",
            assertThrows(IllegalArgumentException.class, () -> new RefusalPenalty(-1, 1)).getMessage());
    }
}

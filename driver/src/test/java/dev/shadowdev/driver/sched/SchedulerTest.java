package dev.shadowdev.driver.sched;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulerTest
{
    @Test
    void anActorRunsOnOneWorkerAtATimeAndAfterEverySchedule() throws Exception
    {
        try (Scheduler<Object> scheduler = new Scheduler<>("test", 4, Object::new))
        {
            final List<CountingActor> actors = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                actors.add(new CountingActor());
            }
            final List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                producers.add(new Thread(() ->
                {
                    for (int i = 0; i < 20_000; i++)
                    {
                        final CountingActor actor = actors.get(i % actors.size());
                        actor.posted.incrementAndGet();
                        scheduler.schedule(actor);
                    }
                }));
            }
            producers.forEach(Thread::start);
            for (final Thread producer : producers)
            {
                producer.join();
            }
            final long deadline = System.nanoTime() + 10_000_000_000L;
            for (final CountingActor actor : actors)
            {
                while (actor.seen.get() != actor.posted.get() && System.nanoTime() < deadline)
                {
                    Thread.onSpinWait();
                }
                assertEquals(actor.posted.get(), actor.seen.get());
                assertEquals(0, actor.overlaps.get());
                assertTrue(actor.runs.get() >= 1);
            }
        }
    }

    @Test
    void aFailingRunDoesNotStopTheActor() throws Exception
    {
        try (Scheduler<Object> scheduler = new Scheduler<>("test", 1, Object::new))
        {
            final AtomicInteger runs = new AtomicInteger();
            final Actor<Object> actor = new Actor<>()
            {
                @Override
                protected void onRun(final Object scratch)
                {
                    if (runs.incrementAndGet() == 1)
                    {
                        throw new IllegalStateException("first run fails");
                    }
                }
            };
            scheduler.schedule(actor);
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (runs.get() < 1 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            scheduler.schedule(actor);
            while (runs.get() < 2 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            assertEquals(2, runs.get());
        }
    }

    /** Takes every posted unit of work in its run; detects overlapping runs. */
    private static final class CountingActor extends Actor<Object>
    {
        final AtomicLong posted = new AtomicLong();
        final AtomicLong seen = new AtomicLong();
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();

        @Override
        protected void onRun(final Object scratch)
        {
            if (inside.incrementAndGet() != 1)
            {
                overlaps.incrementAndGet();
            }
            runs.incrementAndGet();
            seen.set(posted.get());
            inside.decrementAndGet();
        }
    }
}

package dev.shadowdev.driver.sched;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulerTest
{
    @Test
    void anActorRunsOnOneWorkerAtATimeAndAfterEverySchedule() throws Exception
    {
        try (Scheduler<Object> scheduler = new Scheduler<>("test", 4, 0, Object::new))
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
        try (Scheduler<Object> scheduler = new Scheduler<>("test", 1, 0, Object::new))
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

    @Test
    void runHereRunsOnTheCallersThreadAndFallsBackToAWorkerWhenNoScratchIsFree() throws Exception
    {
        try (Scheduler<Object> scheduler = new Scheduler<>("test", 1, 1, Object::new))
        {
            final ThreadRecordingActor actor = new ThreadRecordingActor();
            scheduler.runHere(actor);
            assertSame(Thread.currentThread(), actor.ranOn);

            // The one spare is lent to an outer run in place: a nested run in place goes to the worker.
            final ThreadRecordingActor inner = new ThreadRecordingActor();
            final Actor<Object> outer = new Actor<>()
            {
                @Override
                protected void onRun(final Object scratch)
                {
                    scheduler.runHere(inner);
                }
            };
            scheduler.runHere(outer);
            assertTrue(inner.ran.await(5, TimeUnit.SECONDS));
            assertTrue(inner.ranOn.getName().startsWith("test-"), inner.ranOn.getName());
        }
    }

    @Test
    void aHandedOffRunIsLeftToItsTakerAndADeferredOneToItsOwnerOrAnUrgentSignal() throws Exception
    {
        try (Scheduler<Object> scheduler = new Scheduler<>("test", 1, 2, Object::new))
        {
            final ThreadRecordingActor actor = new ThreadRecordingActor();
            actor.handOff = true;
            scheduler.scheduleDeferrable(actor);
            assertFalse(actor.ran.await(100, TimeUnit.MILLISECONDS), "a handed-off run is not given to a worker");
            scheduler.runClaimed(actor);
            assertSame(Thread.currentThread(), actor.ranOn);

            final ThreadRecordingActor deferred = new ThreadRecordingActor();
            deferred.defer = true;
            scheduler.scheduleDeferrable(deferred);
            assertTrue(deferred.deferred);
            assertFalse(deferred.ran.await(100, TimeUnit.MILLISECONDS), "a deferred run waits for its owner");
            scheduler.schedule(deferred);
            assertTrue(deferred.ran.await(5, TimeUnit.SECONDS), "an urgent signal claims the deferred run");
            assertFalse(deferred.deferred);
            assertTrue(deferred.ranOn.getName().startsWith("test-"));

            final ThreadRecordingActor dispatched = new ThreadRecordingActor();
            dispatched.defer = true;
            scheduler.scheduleDeferrable(dispatched);
            assertTrue(dispatched.claimDeferred());
            scheduler.dispatch(dispatched);
            assertTrue(dispatched.ran.await(5, TimeUnit.SECONDS), "a dispatched run goes to a worker");
        }
    }

    @Test
    void runsInPlaceHandedOffDeferredClaimedAndDispatchedNeverOverlapAndLoseNoSignal() throws Exception
    {
        try (Scheduler<Object> scheduler = new Scheduler<>("test", 2, 3, Object::new))
        {
            final List<DeferringActor> actors = List.of(new DeferringActor(), new DeferringActor());
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                final int kind = t;
                threads.add(new Thread(() ->
                {
                    final java.util.SplittableRandom random = new java.util.SplittableRandom(kind);
                    for (int i = 0; i < 20_000; i++)
                    {
                        final DeferringActor actor = actors.get(random.nextInt(actors.size()));
                        actor.posted.incrementAndGet();
                        switch ((kind + i) % 4)
                        {
                            case 0 -> scheduler.runHere(actor);
                            case 1 -> scheduler.scheduleDeferrable(actor);
                            case 2 -> scheduler.schedule(actor);
                            default ->
                            {
                                if (actor.claimDeferred())
                                {
                                    if (random.nextBoolean())
                                    {
                                        scheduler.runClaimed(actor);
                                    }
                                    else
                                    {
                                        scheduler.dispatch(actor);
                                    }
                                }
                                else
                                {
                                    scheduler.scheduleDeferrable(actor);
                                }
                            }
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (final Thread thread : threads)
            {
                thread.join();
            }
            final long deadline = System.nanoTime() + 10_000_000_000L;
            for (final DeferringActor actor : actors)
            {
                // The owner's last call: whatever was deferred runs now.
                scheduler.schedule(actor);
                while (actor.seen.get() != actor.posted.get() && System.nanoTime() < deadline)
                {
                    Thread.onSpinWait();
                }
                assertEquals(actor.posted.get(), actor.seen.get(), "every signal ran");
                assertEquals(0, actor.overlaps.get(), "never two runners");
                assertTrue(actor.deferrals.get() > 0, "some runs were deferred");
            }
        }
    }

    /** Defers every other deferrable run; detects overlapping runs. */
    private static final class DeferringActor extends Actor<Object>
    {
        final AtomicLong posted = new AtomicLong();
        final AtomicLong seen = new AtomicLong();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger deferrals = new AtomicInteger();
        private boolean deferred;
        private int offers;

        @Override
        protected void onRun(final Object scratch)
        {
            if (inside.incrementAndGet() != 1)
            {
                overlaps.incrementAndGet();
            }
            seen.set(posted.get());
            inside.decrementAndGet();
        }

        @Override
        protected synchronized boolean handOff(final boolean deferrable)
        {
            if (deferrable && (offers++ & 1) == 0)
            {
                deferred = true;
                deferrals.incrementAndGet();
                return true;
            }
            return false;
        }

        @Override
        protected synchronized boolean claimDeferred()
        {
            final boolean was = deferred;
            deferred = false;
            return was;
        }
    }

    /** Records where it ran; hands off or defers its run when told to. */
    private static final class ThreadRecordingActor extends Actor<Object>
    {
        final CountDownLatch ran = new CountDownLatch(1);
        volatile Thread ranOn;
        volatile boolean handOff;
        volatile boolean defer;
        volatile boolean deferred;

        @Override
        protected void onRun(final Object scratch)
        {
            ranOn = Thread.currentThread();
            ran.countDown();
        }

        @Override
        protected boolean handOff(final boolean deferrable)
        {
            if (deferrable && defer)
            {
                deferred = true;
                return true;
            }
            return handOff;
        }

        @Override
        protected synchronized boolean claimDeferred()
        {
            final boolean was = deferred;
            deferred = false;
            return was;
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

package dev.shadowdev.driver.sched;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Something a {@link Scheduler} runs on one of its workers: at most one worker runs a given actor at a time, and
 * every {@link Scheduler#schedule} is followed by at least one {@link #onRun} that starts after it. The signal count
 * makes both true without locks: only the 0 -> 1 transition enqueues the actor, and the worker keeps running it
 * until the count it has seen drains to 0.
 *
 * @param <S> the worker's scratch state handed to every run.
 */
public abstract class Actor<S>
{
    private static final Logger LOG = LoggerFactory.getLogger(Actor.class);

    private final AtomicInteger signals = new AtomicInteger();
    Actor<S> nextScheduled;

    /**
     * Do everything that can be done now, then return; never block.
     *
     * @param scratch the running worker's scratch, valid for this call.
     */
    protected abstract void onRun(S scratch);

    /** @return true when this call made the actor runnable (the caller enqueues it). */
    final boolean signal()
    {
        return signals.getAndIncrement() == 0;
    }

    /** @return true when the actor must run again (signals arrived while it ran). */
    final boolean runOnce(final S scratch)
    {
        final int seen = signals.get();
        try
        {
            onRun(scratch);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("actor run failed: actor={}", this, ex);
        }
        return signals.addAndGet(-seen) != 0;
    }
}

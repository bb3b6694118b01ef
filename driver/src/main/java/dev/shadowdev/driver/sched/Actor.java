package dev.shadowdev.driver.sched;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Something a {@link Scheduler} runs: at most one thread runs a given actor at a time, and every
 * {@link Scheduler#schedule} is followed by at least one {@link #onRun} that starts after it. The signal count
 * makes both true without locks: only the 0 -> 1 transition makes the actor runnable, and whoever runs it keeps
 * running it until the count it has seen drains to 0.
 * <p>
 * Who runs it: a worker, unless the actor {@link #handOff hands the run off} to a thread of its own that waits for
 * it (a reader blocked on the actor's output), keeps it for its owner's next call (an answer nobody waits for yet:
 * the reader that comes next processes it), or a caller {@link Scheduler#runHere runs it in place}. Each saves the
 * hand-over to a worker thread and back, which on a small machine costs more than the work itself.
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

    /**
     * The actor just became runnable: a thread waiting for its output may take the run (it must then call
     * {@link Scheduler#runClaimed}), or, for a {@link Scheduler#scheduleDeferrable deferrable} signal, the actor may
     * keep the run for the next call of its owner ({@link #claimDeferred}). Called on the scheduling thread; must be
     * quick.
     *
     * @param deferrable the signal may wait for the owner's next call.
     * @return true when a waiting thread took the run or it was deferred; false to have a worker run it.
     */
    protected boolean handOff(final boolean deferrable)
    {
        return false;
    }

    /**
     * @return true when a run was deferred ({@link #handOff} with deferrable) and the caller now owns it (it must
     *     run it or give it to a worker); false when none is deferred.
     */
    protected boolean claimDeferred()
    {
        return false;
    }

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

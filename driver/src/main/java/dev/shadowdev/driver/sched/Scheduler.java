package dev.shadowdev.driver.sched;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

/**
 * Runs {@link Actor}s (the driver's sessions): {@link #schedule} is called from any thread (callers, the transport's
 * event thread, the timer) and never blocks beyond a short monitor. A runnable actor goes to a thread that is
 * already there when it can: a caller that {@link #runHere runs it in place} (a write runs its session up to the
 * doorbell), or a thread waiting for its output that the actor {@link Actor#handOff hands the run to} (a blocked
 * reader processes its own answer). Otherwise a few worker threads take the oldest runnable actor and run it until
 * it has nothing left to do. Runnable actors are linked through a field of the actor itself, so scheduling
 * allocates nothing.
 * <p>
 * Each run borrows a scratch object: each worker owns one, and callers borrow one of a fixed set of spares (when
 * all are lent, the run goes to a worker instead: nothing waits and nothing is allocated).
 *
 * @param <S> the workers' scratch type.
 */
public final class Scheduler<S> implements AutoCloseable
{
    /**
     * Most runs of one actor on a caller's thread: signals that keep arriving (a pipelined client's answers) are
     * then left to a worker, so that a caller's own call never turns into serving other callers' exchanges.
     */
    static final int CALLER_PASSES = 4;

    private final Thread[] workers;
    private final Object[] spares;
    private final AtomicIntegerArray lent;
    private Actor<S> head;
    private Actor<S> tail;
    private boolean running = true;

    /**
     * Start the workers.
     *
     * @param name    thread name prefix.
     * @param threads how many workers, at least 1.
     * @param spares  how many scratch objects callers may borrow at once (runs in place beyond that go to a
     *                worker).
     * @param scratch makes each worker's scratch, on that worker's thread, and the spares, here.
     */
    public Scheduler(final String name, final int threads, final int spares, final Supplier<S> scratch)
    {
        this.spares = new Object[Math.max(0, spares)];
        this.lent = new AtomicIntegerArray(this.spares.length);
        for (int i = 0; i < this.spares.length; i++)
        {
            this.spares[i] = scratch.get();
        }
        workers = new Thread[Math.max(1, threads)];
        for (int i = 0; i < workers.length; i++)
        {
            workers[i] = new Thread(() -> work(scratch.get()), name + "-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /**
     * Make {@code actor} run soon (again, if it is running now): on a thread waiting for it when the actor hands the
     * run off, else on a worker. Never deferred: for closes, deaths and anything else that must not wait.
     *
     * @param actor the actor.
     */
    public void schedule(final Actor<S> actor)
    {
        if ((actor.signal() || actor.claimDeferred()) && !actor.handOff(false))
        {
            enqueue(actor);
        }
    }

    /**
     * Make {@code actor} runnable for something its owner will come for (an answer its reader will read): a thread
     * waiting for it runs it, or the actor keeps the run for its owner's next call ({@link Actor#handOff}); only
     * otherwise a worker runs it. Whoever defers must also see that deferred runs end on a worker if the owner does
     * not come ({@link #dispatch}).
     *
     * @param actor the actor.
     */
    public void scheduleDeferrable(final Actor<S> actor)
    {
        if (actor.signal() && !actor.handOff(true))
        {
            enqueue(actor);
        }
    }

    /**
     * Give a run this thread owns (claimed from {@link Actor#claimDeferred}) to a worker.
     *
     * @param actor the actor.
     */
    public void dispatch(final Actor<S> actor)
    {
        enqueue(actor);
    }

    /**
     * Make {@code actor} run, on this thread when nobody runs it now: the caller returns once the actor has nothing
     * left to do, or after {@link #CALLER_PASSES} runs (a worker then takes over). When it is running elsewhere (or
     * queued), that run sees the signal, as with {@link #schedule}.
     *
     * @param actor the actor; its {@link Actor#onRun} must never block.
     */
    public void runHere(final Actor<S> actor)
    {
        if (actor.signal() || actor.claimDeferred())
        {
            runClaimed(actor);
        }
    }

    /**
     * Run an actor whose run this thread took (handed off to it, or claimed from {@link Actor#claimDeferred}), or
     * give it to a worker when no scratch is free.
     *
     * @param actor the actor handed off to this thread.
     */
    public void runClaimed(final Actor<S> actor)
    {
        final int index = borrow();
        if (index < 0)
        {
            enqueue(actor);
            return;
        }
        @SuppressWarnings("unchecked")
        final S scratch = (S)spares[index];
        boolean more = false;
        try
        {
            int passes = 0;
            do
            {
                more = actor.runOnce(scratch);
            }
            while (more && ++passes < CALLER_PASSES);
        }
        finally
        {
            lent.set(index, 0);
        }
        if (more)
        {
            enqueue(actor);
        }
    }

    /** Stop the workers (after the runs in progress) and wait up to a second for each. Idempotent. */
    @Override
    public void close()
    {
        synchronized (this)
        {
            running = false;
            notifyAll();
        }
        for (final Thread worker : workers)
        {
            if (worker != Thread.currentThread())
            {
                try
                {
                    worker.join(1000);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** @return the index of the spare scratch this thread now holds, or -1 when all are lent. */
    private int borrow()
    {
        final int count = spares.length;
        final int start = count == 0 ? 0 : (int)(Thread.currentThread().getId() % count);
        for (int i = 0; i < count; i++)
        {
            final int index = (start + i) % count;
            if (lent.get(index) == 0 && lent.compareAndSet(index, 0, 1))
            {
                return index;
            }
        }
        return -1;
    }

    private synchronized void enqueue(final Actor<S> actor)
    {
        actor.nextScheduled = null;
        if (tail == null)
        {
            head = actor;
        }
        else
        {
            tail.nextScheduled = actor;
        }
        tail = actor;
        notify();
    }

    private synchronized Actor<S> take() throws InterruptedException
    {
        while (running && head == null)
        {
            wait();
        }
        if (!running)
        {
            return null;
        }
        final Actor<S> actor = head;
        head = actor.nextScheduled;
        if (head == null)
        {
            tail = null;
        }
        actor.nextScheduled = null;
        return actor;
    }

    private void work(final S scratch)
    {
        try
        {
            while (true)
            {
                final Actor<S> actor = take();
                if (actor == null)
                {
                    return;
                }
                while (actor.runOnce(scratch))
                {
                    Thread.onSpinWait();
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.shadowdev.driver.sched;

import java.util.function.Supplier;

/**
 * A few worker threads that run {@link Actor}s (the driver's sessions): {@link #schedule} is called from any thread
 * (callers, the transport's event thread, the timer) and never blocks beyond a short monitor; a worker takes the
 * oldest runnable actor and runs it until it has nothing left to do. Runnable actors are linked through a field of
 * the actor itself, so scheduling allocates nothing. Each worker owns one scratch object for the actors it runs.
 *
 * @param <S> the workers' scratch type.
 */
public final class Scheduler<S> implements AutoCloseable
{
    private final Thread[] workers;
    private Actor<S> head;
    private Actor<S> tail;
    private boolean running = true;

    /**
     * Start the workers.
     *
     * @param name    thread name prefix.
     * @param threads how many workers, at least 1.
     * @param scratch makes each worker's scratch, on that worker's thread.
     */
    public Scheduler(final String name, final int threads, final Supplier<S> scratch)
    {
        workers = new Thread[Math.max(1, threads)];
        for (int i = 0; i < workers.length; i++)
        {
            workers[i] = new Thread(() -> work(scratch.get()), name + "-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /**
     * Make {@code actor} run soon on a worker (again, if it is running now).
     *
     * @param actor the actor.
     */
    public void schedule(final Actor<S> actor)
    {
        if (actor.signal())
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

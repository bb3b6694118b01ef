package dev.shadowdev.driver.session;

import dev.shadowdev.driver.api.BlockingHook;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes a caller that keeps being refused for abuse wait before its refusal: an open past its node's rate, a write
 * to a session at its outstanding limit. An immediate EAGAIN lets such a caller spin on the shared paths (each
 * refusal is a FUSE request the host serves), so a neighbour that only retries would take CPU from the partitions
 * that work; a refusal that comes after a short park costs nobody a CPU. At most {@link #maxParked} callers are
 * parked at once (each holds a FUSE worker while it waits); past that a refusal comes at once. Thread-safe.
 */
public final class RefusalPenalty
{
    private final long nanos;
    private final int maxParked;
    private final AtomicInteger parked = new AtomicInteger();

    /**
     * @param nanos     how long a refused caller waits; 0 for no penalty.
     * @param maxParked most callers waiting at once.
     */
    public RefusalPenalty(final long nanos, final int maxParked)
    {
        if (nanos < 0 || maxParked < 0)
        {
            throw new IllegalArgumentException("bad refusal penalty: nanos=" + nanos + " max_parked=" + maxParked);
        }
        this.nanos = nanos;
        this.maxParked = maxParked;
    }

    /**
     * Wait out the penalty (on the refused caller's thread), unless too many wait already.
     *
     * @return true when this caller waited.
     */
    public boolean serve()
    {
        if (nanos == 0)
        {
            return false;
        }
        if (parked.incrementAndGet() > maxParked)
        {
            parked.decrementAndGet();
            return false;
        }
        BlockingHook.beforeWait();
        try
        {
            final long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = deadline - System.nanoTime())
            {
                LockSupport.parkNanos(this, left);
            }
            return true;
        }
        finally
        {
            parked.decrementAndGet();
        }
    }
}

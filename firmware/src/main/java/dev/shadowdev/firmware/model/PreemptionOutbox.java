package dev.shadowdev.firmware.model;

import java.util.ArrayDeque;

/**
 * A {@link PreemptionListener} that queues the notices for a sender to take later, oldest first. Thread-safe: the
 * firmware offers under its lock, the sender polls from its own thread.
 */
public final class PreemptionOutbox implements PreemptionListener
{
    private final ArrayDeque<Preemption> preemptions = new ArrayDeque<>();
    private final ArrayDeque<Integer> drained = new ArrayDeque<>();

    @Override
    public synchronized void preempted(final Preemption preemption)
    {
        preemptions.add(preemption);
    }

    @Override
    public synchronized void drained(final int partitionId)
    {
        drained.add(partitionId);
    }

    /** @return the oldest preemption not taken yet, or null. */
    public synchronized Preemption pollPreemption()
    {
        return preemptions.poll();
    }

    /** @return the oldest drained partition ID not taken yet, or null. */
    public synchronized Integer pollDrained()
    {
        return drained.poll();
    }

    /** @return how many preemptions wait. */
    public synchronized int preemptions()
    {
        return preemptions.size();
    }
}

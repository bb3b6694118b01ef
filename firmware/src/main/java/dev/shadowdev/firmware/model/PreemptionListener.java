package dev.shadowdev.firmware.model;

/**
 * What the firmware model tells the card's outside about changes nobody asked for in the same request: a
 * workload preempted (by another partition's request, a forced resize or a drain's grace running out) and a
 * partition whose drain completed.
 * <p>
 * Called synchronously under the firmware's lock, on the thread of the request (or {@link Firmware#tick()}) that
 * caused it, in the order things happened, before that request returns. An implementation must be quick and must
 * not call back into the firmware: queue the notice (see {@link PreemptionOutbox}) and send it later.
 */
public interface PreemptionListener
{
    /** A listener that drops every notice. */
    PreemptionListener NONE = preemption ->
    {
    };

    /**
     * @param preemption the workload that lost its resources.
     */
    void preempted(Preemption preemption);

    /**
     * A draining partition has no workload left (the last one ended or was preempted) and is now DRAINED.
     *
     * @param partitionId the partition.
     */
    default void drained(final int partitionId)
    {
    }
}

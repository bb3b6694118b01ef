package dev.shadowdev.firmware.model;

/**
 * Where a partition is in its drain cycle, with the code PART_QUERY_EX carries ({@code u32 state}).
 * <pre>
 *   ACTIVE --drain--&gt; DRAINING --last workload gone, or grace ran out (the rest preempted)--&gt; DRAINED
 *     ^      (no workloads, or grace 0: straight to DRAINED)                                      |
 *     +------------------------------- undo (from DRAINING or DRAINED) --------------------------+
 * </pre>
 * A DRAINING or DRAINED partition is cordoned: every new ACTIVATE on it is ESHUTDOWN.
 */
public enum PartitionState
{
    /** Serving: new workloads may be activated. */
    ACTIVE(0),
    /** Cordoned; its workloads still run until they end or the grace period runs out. */
    DRAINING(1),
    /** Cordoned and empty: may be resized or destroyed without FORCE. */
    DRAINED(2);

    private final int code;

    PartitionState(final int code)
    {
        this.code = code;
    }

    /** @return the wire code: 0 ACTIVE, 1 DRAINING, 2 DRAINED. */
    public int code()
    {
        return code;
    }

    /** @return true when a new ACTIVATE is refused (ESHUTDOWN). */
    public boolean cordoned()
    {
        return this != ACTIVE;
    }
}

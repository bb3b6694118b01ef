package dev.shadowdev.devfs.client;

import dev.shadowdev.devfs.resource.Resources;

/**
 * One entry of a PART_QUERY_EX response (ABI.md 6.1): a partition's reservation, limit, use and borrowing.
 *
 * @param id              the partition ID.
 * @param activeWorkloads workloads active in it now.
 * @param name            its name.
 * @param state           0 ACTIVE, 1 DRAINING, 2 DRAINED ({@link #stateName()}).
 * @param flags           bit0 LEND.
 * @param min             what it reserves (guaranteed).
 * @param max             what it may use at most.
 * @param used            what its active workloads hold.
 * @param borrowed        the part of {@code used} beyond its idle reservation.
 */
public record PartitionEntryEx(int id, int activeWorkloads, String name, int state, int flags, Resources min,
    Resources max, Resources used, Resources borrowed)
{
    private static final String[] STATES = { "active", "draining", "drained" };

    /** @return {@code active}, {@code draining}, {@code drained}, or {@code state=<n>} for another value. */
    public String stateName()
    {
        return state >= 0 && state < STATES.length ? STATES[state] : "state=" + state;
    }

    /** @return whether the partition lends its idle reservation. */
    public boolean lends()
    {
        return (flags & 1) != 0;
    }
}

package dev.shadowdev.firmware.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The workloads the firmware preempted and their owners have not yet acknowledged: (dbc_id, partition, handle).
 * While one is known, every EXECUTE or DEACTIVATE its owner sends for that dbc_id answers ECANCELED, whoever holds
 * the channel now. It is forgotten when its owner DEACTIVATEs it (answered ECANCELED once), TERMINATEs, activates a
 * new workload that gets the same dbc_id, or when its partition is destroyed or the card reset.
 * <p>
 * {@link #contains} is on the EXECUTE hot path: no allocation. Not thread-safe: owned by {@link WorkloadTable}.
 */
final class PreemptedWorkloads
{
    private final long[][] owners;
    private final int[] counts;

    PreemptedWorkloads(final int channels)
    {
        owners = new long[channels][];
        counts = new int[channels];
        for (int i = 0; i < channels; i++)
        {
            owners[i] = new long[2];
        }
    }

    void add(final int dbcId, final int partitionId, final int handle)
    {
        if (contains(dbcId, partitionId, handle))
        {
            return;
        }
        if (counts[dbcId] == owners[dbcId].length)
        {
            owners[dbcId] = Arrays.copyOf(owners[dbcId], counts[dbcId] * 2);
        }
        owners[dbcId][counts[dbcId]++] = key(partitionId, handle);
    }

    /** @return whether (partition, handle) owns a preempted workload on {@code dbcId}, a valid channel. */
    boolean contains(final int dbcId, final int partitionId, final int handle)
    {
        final long key = key(partitionId, handle);
        final long[] keys = owners[dbcId];
        for (int i = 0; i < counts[dbcId]; i++)
        {
            if (keys[i] == key)
            {
                return true;
            }
        }
        return false;
    }

    /** @return whether one was forgotten. */
    boolean remove(final int dbcId, final int partitionId, final int handle)
    {
        return removeIf(dbcId, key(partitionId, handle), true);
    }

    /** Forget every one of (partition, handle). */
    void removeOwner(final int partitionId, final int handle)
    {
        for (int dbc = 0; dbc < counts.length; dbc++)
        {
            removeIf(dbc, key(partitionId, handle), true);
        }
    }

    /** Forget every one of the partition. */
    void removePartition(final int partitionId)
    {
        for (int dbc = 0; dbc < counts.length; dbc++)
        {
            removeIf(dbc, partitionId, false);
        }
    }

    void clear()
    {
        Arrays.fill(counts, 0);
    }

    /** @return every one known, by dbc_id then age, as {@code {dbc_id, partition, handle}}. */
    List<int[]> list()
    {
        final List<int[]> list = new ArrayList<>();
        for (int dbc = 0; dbc < counts.length; dbc++)
        {
            for (int i = 0; i < counts[dbc]; i++)
            {
                list.add(new int[]{ dbc, (int)(owners[dbc][i] >> 32), (int)owners[dbc][i] });
            }
        }
        return list;
    }

    private boolean removeIf(final int dbcId, final long match, final boolean wholeKey)
    {
        final long[] keys = owners[dbcId];
        int kept = 0;
        for (int i = 0; i < counts[dbcId]; i++)
        {
            final boolean hit = wholeKey ? keys[i] == match : (int)(keys[i] >> 32) == (int)match;
            if (!hit)
            {
                keys[kept++] = keys[i];
            }
        }
        final boolean removed = kept != counts[dbcId];
        counts[dbcId] = kept;
        return removed;
    }

    private static long key(final int partitionId, final int handle)
    {
        return (long)partitionId << 32 | handle & 0xFFFF_FFFFL;
    }
}

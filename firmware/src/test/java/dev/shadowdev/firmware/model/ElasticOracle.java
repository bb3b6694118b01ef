package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The property test's own reading of ABI.md section 6, computed from what the firmware reports (PART_QUERY_EX,
 * POOL_QUERY of the base node, the workload list): the unreserved pool, what may be lent, what is borrowed, what an
 * ACTIVATE should answer, and which workloads are borrowing. It shares no code with the model.
 */
record ElasticOracle(ResourceVector total, Snapshot state)
{
    long sumMin(final int i)
    {
        return state.elastic().stream().mapToLong(p -> p.min().get(i)).sum();
    }

    long base(final int i)
    {
        return state.global().used().get(i);
    }

    /** total - sum(min) - base use. */
    long unreserved(final int i)
    {
        return total.get(i) - sumMin(i) - base(i);
    }

    static long idle(final ElasticPartitionInfo p, final int i)
    {
        return Math.max(0, p.min().get(i) - p.used().get(i));
    }

    static boolean lends(final ElasticPartitionInfo p)
    {
        return (p.flags() & Firmware.PART_LEND) != 0;
    }

    long supply(final int i)
    {
        return unreserved(i) + state.elastic().stream().filter(ElasticOracle::lends).mapToLong(p -> idle(p, i)).sum();
    }

    long demand(final int i)
    {
        return state.elastic().stream().mapToLong(p -> Math.max(0, p.used().get(i) - p.min().get(i))).sum();
    }

    long baseFree(final int i)
    {
        return Math.max(0, Math.min(unreserved(i), supply(i) - demand(i)));
    }

    long headroom(final ElasticPartitionInfo p, final int i)
    {
        final long borrowable = Math.max(0, supply(i) - (lends(p) ? idle(p, i) : 0) - demand(i));
        return Math.max(0, Math.min(p.max().get(i) - p.used().get(i), idle(p, i) + borrowable));
    }

    ElasticPartitionInfo partition(final int id)
    {
        return state.elastic().stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }

    /** ACTIVATE of a valid image needing {@code need} on node {@code p}: null when it should be served. */
    Refusal activate(final int p, final long[] need)
    {
        int mask = 0;
        if (p == -1)
        {
            for (int i = 0; i < Resource.COUNT; i++)
            {
                mask |= need[i] > baseFree(i) ? Resource.of(i).bit() : 0;
            }
            return mask == 0 ? null : new Refusal(Errno.ENOSPC, mask);
        }
        final ElasticPartitionInfo partition = partition(p);
        if (partition.state() != PartitionState.ACTIVE)
        {
            return new Refusal(Errno.ESHUTDOWN, 0);
        }
        int quota = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (need[i] > partition.max().get(i) - partition.used().get(i))
            {
                mask |= Resource.of(i).bit();
                quota |= partition.max().get(i) > partition.min().get(i) ? Resource.of(i).bit() : 0;
            }
        }
        if (quota != 0)
        {
            return new Refusal(Errno.EDQUOT, mask);
        }
        if (mask != 0)
        {
            return new Refusal(Errno.ENOSPC, mask);
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            mask |= need[i] > headroom(partition, i) ? Resource.of(i).bit() : 0;
        }
        return mask == 0 ? null : new Refusal(Errno.ENOSPC, mask);
    }

    /** @return the partition's workloads, oldest activation first. */
    List<WorkloadInfo> byAge(final int partitionId, final Map<Integer, Long> seqByDbc)
    {
        final List<WorkloadInfo> list = new ArrayList<>(
            state.workloads().stream().filter(w -> w.partitionId() == partitionId).toList());
        list.sort(Comparator.comparingLong(w -> seqByDbc.get(w.dbcId())));
        return list;
    }

    /** A workload is borrowing when, in activation order, its partition's running sum passes min where it needs. */
    boolean borrowing(final WorkloadInfo workload, final Map<Integer, Long> seqByDbc)
    {
        final ElasticPartitionInfo partition = partition(workload.partitionId());
        final long[] running = new long[Resource.COUNT];
        for (final WorkloadInfo w : byAge(workload.partitionId(), seqByDbc))
        {
            for (int i = 0; i < Resource.COUNT; i++)
            {
                running[i] += w.needs().get(i);
            }
            if (w.equals(workload))
            {
                for (int i = 0; i < Resource.COUNT; i++)
                {
                    if (w.needs().get(i) > 0 && running[i] > partition.min().get(i))
                    {
                        return true;
                    }
                }
                return false;
            }
        }
        throw new AssertionError("not a workload: " + workload);
    }

    record Refusal(Errno errno, int mask)
    {
    }
}

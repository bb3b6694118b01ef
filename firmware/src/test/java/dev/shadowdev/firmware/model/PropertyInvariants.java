package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link FirmwarePropertyTest} checks after every step: the books (ABI.md section 6) and the preemption notices
 * the step caused.
 */
final class PropertyInvariants
{
    private PropertyInvariants()
    {
    }

    /**
     * sum(min) + base use <= total; borrowing within what may be lent; used <= max per partition; no core or DMA
     * channel held twice or designated twice; free + used == total on the card; each partition's own use inside its
     * designated units; the pools report what the oracle computes.
     */
    static void check(final DeviceProfile profile, final Snapshot state)
    {
        final ElasticOracle books = new ElasticOracle(profile.capacity(), state);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            final Resource resource = Resource.of(i);
            assertTrue(books.unreserved(i) >= 0, "sum(min) + base <= total for " + resource);
            assertTrue(books.demand(i) <= books.supply(i), "borrowed within what may be lent for " + resource);
            long used = books.base(i);
            for (final ElasticPartitionInfo partition : state.elastic())
            {
                used += partition.used().get(i);
            }
            assertTrue(used <= profile.capacity().get(i), "used <= total for " + resource);
            assertEquals(books.baseFree(i), state.global().free().get(i), "base pool free for " + resource);
            assertEquals(books.base(i), usedBy(state, -1, i), "base used = sum of its workloads");
        }
        assertEquals(state.partitions().size(), state.elastic().size());
        for (int n = 0; n < state.elastic().size(); n++)
        {
            checkPartition(books, state.elastic().get(n), state.partitions().get(n), state.partitionPools().get(n));
        }
        checkUnits(profile, state, Resource.CORES);
        checkUnits(profile, state, Resource.DMA_CHANNELS);
    }

    private static void checkPartition(
        final ElasticOracle books, final ElasticPartitionInfo p, final PartitionInfo v1, final PoolSnapshot pool)
    {
        assertEquals(p.id(), v1.id());
        assertEquals(p.min(), v1.reserved(), "v1 reserved = min");
        assertEquals(p.used(), v1.used());
        assertEquals(p.activeWorkloads(), v1.activeWorkloads());
        assertEquals(p.activeWorkloads(), books.state().workloads().stream().filter(w -> w.partitionId() == p.id()).count());
        if (p.state() == PartitionState.DRAINED)
        {
            assertEquals(0, p.activeWorkloads(), "a drained partition is empty");
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            assertTrue(p.min().get(i) <= p.max().get(i), "min <= max");
            assertTrue(p.used().get(i) <= p.max().get(i), "used <= max in partition " + p.id());
            assertEquals(usedBy(books.state(), p.id(), i), p.used().get(i), "used = sum of its workloads");
            assertEquals(Math.max(0, p.used().get(i) - p.min().get(i)), p.borrowed().get(i), "borrowed");
            assertTrue(p.peak().get(i) >= p.used().get(i), "peak >= used");
            assertEquals(books.headroom(p, i), pool.free().get(i), "partition pool free");
        }
        assertEquals(p.min(), pool.total());
        assertEquals(p.used(), pool.used());
    }

    private static void checkUnits(final DeviceProfile profile, final Snapshot state, final Resource resource)
    {
        final int r = resource.ordinal();
        final long all = Allocation.firstUnits(profile.capacity(resource));
        long designated = unitsOf(state.global(), resource);
        assertEquals(profile.capacity().get(r) - new ElasticOracle(profile.capacity(), state).sumMin(r),
            Long.bitCount(designated), "unreserved units");
        for (final PartitionInfo partition : state.partitions())
        {
            final long units = resource == Resource.CORES ? partition.coreMask() : partition.dmaMask();
            assertEquals(0, designated & units, resource.key() + " designated twice");
            assertEquals(partition.reserved().get(r), Long.bitCount(units), "designated = min");
            designated |= units;
            long held = 0;
            for (final WorkloadInfo w : state.workloads())
            {
                held |= w.partitionId() == partition.id() ? unitsOf(w, resource) : 0;
            }
            assertEquals(Math.min(Long.bitCount(held), partition.reserved().get(r)), Long.bitCount(held & units),
                "own use inside its reservation: partition " + partition.id() + " " + resource.key());
        }
        assertEquals(all, designated, "every " + resource.key() + " designated once");

        long held = 0;
        long used = 0;
        for (final WorkloadInfo w : state.workloads())
        {
            final long units = unitsOf(w, resource);
            assertEquals(0, held & units, resource.key() + " held twice");
            assertEquals(w.needs().get(r), Long.bitCount(units));
            held |= units;
            used += w.needs().get(r);
            if (w.partitionId() == -1)
            {
                assertEquals(units, units & unitsOf(state.global(), resource), "base workload outside unreserved");
            }
        }
        assertEquals(profile.capacity().get(r), Long.bitCount(all & ~held) + used, "free + used == total");
    }

    /**
     * The notices of one step: each names a workload that was active before and is gone after, is still known as
     * preempted, and was taken for the step's reason: REVOKED only from another partition and only while borrowing,
     * LIMIT and DRAINED only from the {@code targets}. Newest activation first (per partition for LIMIT and DRAINED).
     */
    static void checkNotices(
        final DeviceProfile profile,
        final Snapshot before,
        final Snapshot after,
        final List<Preemption> notices,
        final Set<PreemptionReason> allowed,
        final Set<Integer> targets,
        final Map<Integer, Long> seqByDbc)
    {
        final ElasticOracle books = new ElasticOracle(profile.capacity(), before);
        final Map<String, Long> last = new HashMap<>();
        for (final Preemption notice : notices)
        {
            assertTrue(allowed.contains(notice.reason()), "unexpected preemption: " + notice);
            final WorkloadInfo victim = before.workloads().stream()
                .filter(w -> w.dbcId() == notice.dbcId() && w.partitionId() == notice.partitionId() &&
                    w.handle() == notice.handle())
                .findFirst().orElse(null);
            assertNotNull(victim, "preempted an unknown workload: " + notice);
            assertTrue(!after.workloads().contains(victim), "preempted but still active: " + notice);
            assertTrue(after.preempted().contains(List.of(notice.dbcId(), notice.partitionId(), notice.handle())),
                "preempted but not remembered: " + notice);
            if (notice.reason() == PreemptionReason.REVOKED)
            {
                assertTrue(!targets.contains(victim.partitionId()), "revoked from the requester itself: " + notice);
                assertTrue(books.borrowing(victim, seqByDbc), "preempted a workload inside its reservation: " + notice);
            }
            else
            {
                assertTrue(targets.contains(victim.partitionId()), "preempted outside the target: " + notice);
            }
            final long seq = seqByDbc.get(victim.dbcId());
            final String order = notice.reason() == PreemptionReason.REVOKED ? "revoked" :
                notice.reason() + "/" + victim.partitionId();
            assertTrue(seq < last.getOrDefault(order, Long.MAX_VALUE), "newest first: " + notice);
            last.put(order, seq);
        }
    }

    private static long usedBy(final Snapshot state, final int partitionId, final int resource)
    {
        return state.workloads().stream()
            .filter(w -> w.partitionId() == partitionId)
            .mapToLong(w -> w.needs().get(resource))
            .sum();
    }

    private static long unitsOf(final WorkloadInfo workload, final Resource resource)
    {
        return resource == Resource.CORES ? workload.coreMask() : workload.dmaMask();
    }

    private static long unitsOf(final PoolSnapshot pool, final Resource resource)
    {
        return resource == Resource.CORES ? pool.coreMask() : pool.dmaMask();
    }
}

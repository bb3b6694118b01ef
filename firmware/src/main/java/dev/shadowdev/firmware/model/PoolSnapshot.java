package dev.shadowdev.firmware.model;

/**
 * A snapshot of the pool a node draws from, as POOL_QUERY reports it.
 * <p>
 * For the global pool (partition -1): {@code total} is the device capacity, {@code free} what is neither reserved by
 * a partition nor used by a global workload, {@code used} what global workloads use, and the masks show the units no
 * partition reserved. So {@code total == free + used + sum(partition.reserved)}.
 * For a partition: {@code total} is its reservation, {@code free = total - used}, the masks show the units it owns.
 *
 * @param total    see above.
 * @param free     available to a new workload (or, in the global pool, to a new partition).
 * @param used     used by the pool's active workloads.
 * @param coreMask cores owned by the pool: bit n is core n.
 * @param dmaMask  DMA channels owned by the pool: bit n is DBC n.
 */
public record PoolSnapshot(ResourceVector total, ResourceVector free, ResourceVector used, long coreMask, long dmaMask)
{
}

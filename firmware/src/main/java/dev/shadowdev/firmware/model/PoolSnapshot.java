package dev.shadowdev.firmware.model;

/**
 * A snapshot of the pool a node draws from, as POOL_QUERY reports it.
 * <p>
 * For the global pool (partition -1): {@code total} is the device capacity, {@code free} what a base-node workload may
 * take (the unreserved pool, less what borrowing partitions hold of it beyond what lenders lend), {@code used} what
 * global workloads use, and the masks show the units no partition reserved. Without borrowing,
 * {@code total == free + used + sum(partition.min)}.
 * For a partition: {@code total} is its reservation ({@code min}), {@code used} what its workloads use (above
 * {@code total} while it borrows), {@code free} what a new workload of it may take now: its idle reservation plus
 * what it may borrow, up to its {@code max} (for a v1 partition, {@code total - used}); the masks show the units
 * designated as its reservation.
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

package dev.shadowdev.driver.api;

/**
 * An elastic partition as the firmware reports it now (PART_QUERY_EX, ABI.md 6), behind a shadow node's attribute
 * files {@code min}, {@code max}, {@code current}, {@code borrowed}, {@code peak} and {@code state} and its metrics.
 * Resource vectors in ABI order.
 *
 * @param min             the reservation.
 * @param max             the limit.
 * @param used            what its active workloads hold now ({@code current}).
 * @param borrowed        the part of {@code used} beyond its idle reservation.
 * @param peak            the highest {@code used} since the partition was created.
 * @param state           {@code active}, {@code draining} or {@code drained}.
 * @param lends           whether it lends its idle reservation.
 * @param activeWorkloads workloads active in it.
 * @param preemptions     its workloads the firmware preempted (notices seen by this driver).
 */
public record PartitionUsage(long[] min, long[] max, long[] used, long[] borrowed, long[] peak, String state,
    boolean lends, int activeWorkloads, long preemptions)
{
}

package dev.shadowdev.driver.api;

/**
 * A node's pool as the firmware reports it (POOL_QUERY / PART_QUERY): resource vectors in ABI order.
 *
 * @param total           the node's pool: the partition's reserved resources, the whole card for the base device.
 * @param free            what is free in that pool now.
 * @param activeWorkloads workloads active in the pool.
 * @param events          node events so far (resets, offline/online transitions), newest last, one per line.
 */
public record NodeUsage(long[] total, long[] free, int activeWorkloads, String events)
{
}

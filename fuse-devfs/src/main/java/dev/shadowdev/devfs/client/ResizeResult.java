package dev.shadowdev.devfs.client;

/**
 * What PART_RESIZE answered (ABI.md 6.1).
 *
 * @param shortMask bit i: resource i was short (ENOSPC) or at its limit; 0 on success.
 * @param preempted workloads preempted to make it so (FORCE below the used amount, or a reservation taken back).
 */
public record ResizeResult(int shortMask, int preempted)
{
}

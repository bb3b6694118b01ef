package dev.shadowdev.devfs.client;

/**
 * An ACTIVATE response body (ABI.md 1.3).
 *
 * @param dbcId     the DMA bridge channel the workload was given; EXECUTE and DEACTIVATE name it.
 * @param shortMask on ENOSPC, bit i set for each resource i that is short.
 * @param coreMask  the cores the workload was placed on.
 */
public record ActivateResult(int dbcId, int shortMask, long coreMask)
{
}

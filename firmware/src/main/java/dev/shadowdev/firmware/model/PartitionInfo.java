package dev.shadowdev.firmware.model;

/**
 * A snapshot of one partition, as PART_QUERY reports it (plus the specific units it owns).
 *
 * @param id              partition ID, 1 or more.
 * @param name            unique name.
 * @param reserved        what was carved out of the global pool for it.
 * @param used            what its active workloads use; never above {@code reserved}.
 * @param activeWorkloads number of active workloads in it.
 * @param coreMask        the cores it owns: bit n is core n.
 * @param dmaMask         the DMA channels it owns: bit n is DBC n.
 */
public record PartitionInfo(
    int id,
    String name,
    ResourceVector reserved,
    ResourceVector used,
    int activeWorkloads,
    long coreMask,
    long dmaMask)
{
}

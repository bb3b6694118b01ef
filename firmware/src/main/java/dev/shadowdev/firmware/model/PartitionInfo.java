package dev.shadowdev.firmware.model;

/**
 * A snapshot of one partition, as PART_QUERY reports it (plus the units designated as its reservation).
 *
 * @param id              partition ID, 1 or more.
 * @param name            unique name.
 * @param reserved        its reservation ({@code min}).
 * @param used            what its active workloads use; above {@code reserved} while it borrows.
 * @param activeWorkloads number of active workloads in it.
 * @param coreMask        the cores designated as its reservation: bit n is core n (see {@link UnitPlacement}).
 * @param dmaMask         the DMA channels designated as its reservation: bit n is DBC n.
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

package dev.shadowdev.firmware.model;

/**
 * A snapshot of one partition as PART_QUERY_EX reports it (ABI.md 6.1), plus the highest use since creation.
 *
 * @param id              partition ID, 1 or more.
 * @param activeWorkloads active workloads in it.
 * @param name            unique name.
 * @param state           its drain state.
 * @param flags           {@link Firmware#PART_LEND} when it lends its idle reservation.
 * @param min             its reservation, guaranteed.
 * @param max             its limit: {@code used} never passes it.
 * @param used            what its active workloads hold.
 * @param borrowed        the part of {@code used} beyond {@code min}: {@code max(0, used - min)}.
 * @param peak            the highest {@code used} of each resource since the partition was created.
 */
public record ElasticPartitionInfo(
    int id,
    int activeWorkloads,
    String name,
    PartitionState state,
    int flags,
    ResourceVector min,
    ResourceVector max,
    ResourceVector used,
    ResourceVector borrowed,
    ResourceVector peak)
{
}

package dev.shadowdev.firmware.model;

/**
 * A snapshot of one active workload, also the result of ACTIVATE.
 *
 * @param partitionId owner's partition, -1 for the global pool.
 * @param handle      owner's user handle.
 * @param dbcId       the DMA bridge channel requests go to: the lowest of {@code dmaMask}.
 * @param name        the image's name.
 * @param op          the image's op, see {@code WorkloadOp}.
 * @param opArg       the image's op_arg.
 * @param needs       what it uses, read from its image.
 * @param coreMask    the cores it was placed on: bit n is core n.
 * @param dmaMask     the DMA channels it was given: bit n is DBC n.
 */
public record WorkloadInfo(
    int partitionId,
    int handle,
    int dbcId,
    String name,
    int op,
    int opArg,
    ResourceVector needs,
    long coreMask,
    long dmaMask)
{
}

package dev.shadowdev.firmware.model;

/**
 * An active workload: who owns it, what it runs and what it was given. Immutable; held by {@link WorkloadTable}
 * under each of its DMA channels.
 */
final class Workload
{
    private final int partitionId;
    private final int handle;
    private final int dbcId;
    private final String name;
    private final int op;
    private final int opArg;
    private final Allocation allocation;
    private final Pool pool;

    Workload(
        final int partitionId,
        final int handle,
        final String name,
        final int op,
        final int opArg,
        final Allocation allocation,
        final Pool pool)
    {
        this.partitionId = partitionId;
        this.handle = handle;
        this.dbcId = Long.numberOfTrailingZeros(allocation.dmaMask());
        this.name = name;
        this.op = op;
        this.opArg = opArg;
        this.allocation = allocation;
        this.pool = pool;
    }

    boolean ownedBy(final int partitionId, final int handle)
    {
        return this.partitionId == partitionId && this.handle == handle;
    }

    int partitionId()
    {
        return partitionId;
    }

    int dbcId()
    {
        return dbcId;
    }

    int op()
    {
        return op;
    }

    int opArg()
    {
        return opArg;
    }

    long coreMask()
    {
        return allocation.coreMask();
    }

    Allocation allocation()
    {
        return allocation;
    }

    /** @return the pool it was admitted against, where its allocation goes back. */
    Pool pool()
    {
        return pool;
    }

    WorkloadInfo info()
    {
        return new WorkloadInfo(
            partitionId, handle, dbcId, name, op, opArg,
            allocation.amounts(), allocation.coreMask(), allocation.dmaMask());
    }
}

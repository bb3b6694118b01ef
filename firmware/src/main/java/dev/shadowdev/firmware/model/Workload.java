package dev.shadowdev.firmware.model;

/**
 * An active workload: who owns it, what it runs, what it was given and when it was activated ({@code seq}: the
 * card's activation counter, so revocation can take the most recently activated first). Immutable; held by
 * {@link WorkloadTable} under each of its DMA channels.
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
    private final long seq;

    Workload(
        final int partitionId,
        final int handle,
        final String name,
        final int op,
        final int opArg,
        final Allocation allocation,
        final long seq)
    {
        this.partitionId = partitionId;
        this.handle = handle;
        this.dbcId = Long.numberOfTrailingZeros(allocation.dmaMask());
        this.name = name;
        this.op = op;
        this.opArg = opArg;
        this.allocation = allocation;
        this.seq = seq;
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

    int handle()
    {
        return handle;
    }

    String name()
    {
        return name;
    }

    /** @return its place in the card's activation order: a later activation has a higher seq. */
    long seq()
    {
        return seq;
    }

    WorkloadInfo info()
    {
        return new WorkloadInfo(
            partitionId, handle, dbcId, name, op, opArg,
            allocation.amounts(), allocation.coreMask(), allocation.dmaMask());
    }
}

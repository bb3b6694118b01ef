package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.image.WorkloadImageDescriptor;
import dev.shadowdev.image.WorkloadOp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Owns the active workloads, indexed by every DMA channel they hold, and the per-core execution counters.
 * <p>
 * A workload is addressed by its dbc_id (its lowest DMA channel) and served only to its owner
 * (partition ID, handle). Looking a DBC up for a requester gives, in this order: EINVAL for a dbc_id outside the
 * device, ENOENT when no workload holds it, EACCES when another owner's workload holds it, ENOENT when the
 * requester's own workload holds it as a secondary channel (it is not that workload's dbc_id).
 * <p>
 * Not thread-safe: guarded by the {@link Firmware} lock.
 */
final class WorkloadTable
{
    /** For {@link #list}: every workload, whatever its partition. */
    static final int ALL_PARTITIONS = Integer.MIN_VALUE;

    private static final int EINVAL = Errno.EINVAL.status();
    private static final int ENOENT = Errno.ENOENT.status();
    private static final int EACCES = Errno.EACCES.status();
    private static final int EOVERFLOW = Errno.EOVERFLOW.status();

    private final Workload[] byChannel;
    private final long[] coreExecutions;
    private final WorkloadKernels kernels = new WorkloadKernels();

    WorkloadTable(final DeviceProfile profile)
    {
        byChannel = new Workload[(int)profile.capacity(Resource.DMA_CHANNELS)];
        coreExecutions = new long[(int)profile.capacity(Resource.CORES)];
    }

    /** Drop every workload and zero the counters. */
    void clear()
    {
        Arrays.fill(byChannel, null);
        Arrays.fill(coreExecutions, 0);
    }

    /**
     * Admit a validated image against a pool: all or nothing.
     *
     * @param partitionId owner's partition.
     * @param handle      owner's handle.
     * @param pool        the pool of {@code partitionId}.
     * @param image       a validated image.
     * @return the new workload.
     * @throws FirmwareException ENOSPC with the short mask when the needs do not fit; nothing changed.
     */
    WorkloadInfo activate(
        final int partitionId, final int handle, final Pool pool, final WorkloadImageDescriptor image)
        throws FirmwareException
    {
        final long[] needs = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            needs[i] = image.need(i);
        }
        final int shortMask = pool.shortMask(needs);
        if (shortMask != 0)
        {
            throw FirmwareException.shortage(shortMask);
        }
        final Workload workload = new Workload(
            partitionId, handle, image.name(), image.op(), image.opArg(), pool.take(needs), pool);
        for (long m = workload.allocation().dmaMask(); m != 0; m &= m - 1)
        {
            byChannel[Long.numberOfTrailingZeros(m)] = workload;
        }
        return workload.info();
    }

    /**
     * @param partitionId requester's partition.
     * @param handle      requester's handle.
     * @param dbcId       the workload's dbc_id.
     * @throws FirmwareException EINVAL, ENOENT or EACCES (see the class comment); nothing changed.
     */
    void deactivate(final int partitionId, final int handle, final int dbcId) throws FirmwareException
    {
        final int status = lookup(partitionId, handle, dbcId);
        if (status != 0)
        {
            throw lookupFailure(status, partitionId, handle, dbcId);
        }
        remove(byChannel[dbcId]);
    }

    /**
     * @param partitionId owner's partition.
     * @param handle      owner's handle.
     * @return how many workloads were freed.
     */
    int terminate(final int partitionId, final int handle)
    {
        int freed = 0;
        for (final Workload workload : byChannel)
        {
            if (workload != null && workload.ownedBy(partitionId, handle))
            {
                remove(workload);
                freed++;
            }
        }
        return freed;
    }

    /**
     * @param partitionId a partition.
     * @return how many workloads were freed.
     */
    int removePartition(final int partitionId)
    {
        int freed = 0;
        for (final Workload workload : byChannel)
        {
            if (workload != null && workload.partitionId() == partitionId)
            {
                remove(workload);
                freed++;
            }
        }
        return freed;
    }

    /**
     * @param partitionId a partition, or -1.
     * @return its active workloads.
     */
    int count(final int partitionId)
    {
        int count = 0;
        for (int i = 0; i < byChannel.length; i++)
        {
            final Workload workload = byChannel[i];
            if (workload != null && workload.dbcId() == i && workload.partitionId() == partitionId)
            {
                count++;
            }
        }
        return count;
    }

    /**
     * @param partitionId a partition, -1 for the global pool's, or {@link #ALL_PARTITIONS}.
     * @return the workloads in dbc_id order.
     */
    List<WorkloadInfo> list(final int partitionId)
    {
        final List<WorkloadInfo> list = new ArrayList<>();
        for (int i = 0; i < byChannel.length; i++)
        {
            final Workload workload = byChannel[i];
            if (workload != null && workload.dbcId() == i &&
                (partitionId == ALL_PARTITIONS || workload.partitionId() == partitionId))
            {
                list.add(workload.info());
            }
        }
        return list;
    }

    /**
     * @param core a core number.
     * @return how many executes ran on it, or -1 outside the device.
     */
    long coreExecutions(final int core)
    {
        return core < 0 || core >= coreExecutions.length ? -1 : coreExecutions[core];
    }

    /**
     * Run one request on a workload. Hot path: no allocation, no exceptions.
     *
     * @return output length, or -EINVAL (bad dbc_id or buffer range), -ENOENT, -EACCES, -EOVERFLOW (output
     * room too small; nothing written).
     */
    int execute(
        final int partitionId,
        final int handle,
        final int dbcId,
        final ByteBuffer in,
        final int inOff,
        final int len,
        final ByteBuffer out,
        final int outOff,
        final int outCap)
    {
        final int status = lookup(partitionId, handle, dbcId);
        if (status != 0)
        {
            return status;
        }
        if (in == null || out == null || out.isReadOnly() ||
            inOff < 0 || len < 0 || inOff > in.limit() - len ||
            outOff < 0 || outCap < 0 || outOff > out.limit() - outCap)
        {
            return EINVAL;
        }
        final Workload workload = byChannel[dbcId];
        if (WorkloadOp.outputLength(workload.op(), len) > outCap)
        {
            return EOVERFLOW;
        }
        final int written = kernels.run(workload.op(), workload.opArg(), in, inOff, len, out, outOff);
        for (long m = workload.coreMask(); m != 0; m &= m - 1)
        {
            coreExecutions[Long.numberOfTrailingZeros(m)]++;
        }
        return written;
    }

    private int lookup(final int partitionId, final int handle, final int dbcId)
    {
        if (dbcId < 0 || dbcId >= byChannel.length)
        {
            return EINVAL;
        }
        final Workload workload = byChannel[dbcId];
        if (workload == null)
        {
            return ENOENT;
        }
        if (!workload.ownedBy(partitionId, handle))
        {
            return EACCES;
        }
        return workload.dbcId() == dbcId ? 0 : ENOENT;
    }

    private FirmwareException lookupFailure(
        final int status, final int partitionId, final int handle, final int dbcId)
    {
        if (status == EINVAL)
        {
            return new FirmwareException(
                Errno.EINVAL,
                "bad dbc_id: dbc_id=" + Integer.toUnsignedString(dbcId) + " max=" + (byChannel.length - 1));
        }
        if (status == EACCES)
        {
            return new FirmwareException(
                Errno.EACCES,
                "dbc not owned by requester: dbc_id=" + dbcId + " partition=" + partitionId +
                " handle=" + Integer.toUnsignedString(handle));
        }
        return new FirmwareException(Errno.ENOENT, "no workload on dbc: dbc_id=" + dbcId);
    }

    private void remove(final Workload workload)
    {
        workload.pool().giveBack(workload.allocation());
        for (long m = workload.allocation().dmaMask(); m != 0; m &= m - 1)
        {
            byChannel[Long.numberOfTrailingZeros(m)] = null;
        }
    }
}

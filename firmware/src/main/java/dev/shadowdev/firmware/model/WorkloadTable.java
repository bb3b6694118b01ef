package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.image.WorkloadImageDescriptor;
import dev.shadowdev.image.WorkloadOp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Owns the active workloads, indexed by every DMA channel they hold, and the per-core execution counters.
 * <p>
 * A workload is addressed by its dbc_id (its lowest DMA channel) and served only to its owner
 * (partition ID, handle). Looking a DBC up for a requester gives, in this order: EINVAL for a dbc_id outside the
 * device, ENOENT when no workload holds it, EACCES when another owner's workload holds it, ENOENT when the
 * requester's own workload holds it as a secondary channel (it is not that workload's dbc_id). Before all of them,
 * a workload of the requester that was preempted on that dbc_id answers ECANCELED (see {@link PreemptedWorkloads}).
 * <p>
 * Admission, placement and revocation are the {@link Arbiter}'s: this table only holds what it decided.
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
    private static final int ECANCELED = Errno.ECANCELED.status();

    private final Workload[] byChannel;
    private final long[] coreExecutions;
    private final WorkloadKernels kernels = new WorkloadKernels();
    private final PreemptedWorkloads preempted;
    private long nextSeq;

    WorkloadTable(final DeviceProfile profile)
    {
        byChannel = new Workload[(int)profile.capacity(Resource.DMA_CHANNELS)];
        coreExecutions = new long[(int)profile.capacity(Resource.CORES)];
        preempted = new PreemptedWorkloads(byChannel.length);
    }

    /** Drop every workload and every preempted one, and zero the counters. */
    void clear()
    {
        Arrays.fill(byChannel, null);
        Arrays.fill(coreExecutions, 0);
        preempted.clear();
    }

    /**
     * Hold a new workload under each of its DMA channels. The caller admitted it and chose free units; a preempted
     * workload of the same owner on the same dbc_id is forgotten (the owner now means the new one).
     *
     * @return the new workload.
     */
    WorkloadInfo add(
        final int partitionId,
        final int handle,
        final WorkloadImageDescriptor image,
        final Allocation allocation)
    {
        final Workload workload = new Workload(
            partitionId, handle, image.name(), image.op(), image.opArg(), allocation, nextSeq++);
        for (long m = allocation.dmaMask(); m != 0; m &= m - 1)
        {
            byChannel[Long.numberOfTrailingZeros(m)] = workload;
        }
        preempted.remove(workload.dbcId(), partitionId, handle);
        return workload.info();
    }

    /**
     * Find the requester's workload for DEACTIVATE. A preempted workload of the requester on {@code dbcId} is
     * ECANCELED, and forgotten: the owner has now been told.
     *
     * @return the workload, still held.
     * @throws FirmwareException ECANCELED ({@code workload preempted: dbc_id=3 partition=2 handle=5}), then EINVAL,
     * ENOENT or EACCES (see the class comment).
     */
    Workload find(final int partitionId, final int handle, final int dbcId) throws FirmwareException
    {
        if (dbcId >= 0 && dbcId < byChannel.length && preempted.remove(dbcId, partitionId, handle))
        {
            throw new FirmwareException(Errno.ECANCELED, "workload preempted: dbc_id=" + dbcId +
                " partition=" + partitionId + " handle=" + Integer.toUnsignedString(handle));
        }
        final int status = lookup(partitionId, handle, dbcId);
        if (status != 0)
        {
            throw lookupFailure(status, partitionId, handle, dbcId);
        }
        return byChannel[dbcId];
    }

    /**
     * Free a workload's channels (its units are free again as soon as no workload holds them).
     *
     * @param workload a held workload.
     */
    void remove(final Workload workload)
    {
        for (long m = workload.allocation().dmaMask(); m != 0; m &= m - 1)
        {
            byChannel[Long.numberOfTrailingZeros(m)] = null;
        }
    }

    /**
     * Free a workload and remember it as preempted for its owner (see {@link PreemptedWorkloads}).
     *
     * @param workload a held workload.
     */
    void preempt(final Workload workload)
    {
        remove(workload);
        preempted.add(workload.dbcId(), workload.partitionId(), workload.handle());
    }

    /**
     * Free every workload of (partition, handle) and forget its preempted ones.
     *
     * @return how many workloads were freed.
     */
    int terminate(final int partitionId, final int handle)
    {
        preempted.removeOwner(partitionId, handle);
        int freed = 0;
        for (final Workload workload : workloads(partitionId))
        {
            if (workload.handle() == handle)
            {
                remove(workload);
                freed++;
            }
        }
        return freed;
    }

    /**
     * @param partitionId a partition.
     * @return how many workloads were freed; its preempted ones are forgotten.
     */
    int removePartition(final int partitionId)
    {
        preempted.removePartition(partitionId);
        final List<Workload> gone = workloads(partitionId);
        gone.forEach(this::remove);
        return gone.size();
    }

    /**
     * @param partitionId a partition, -1 for the global pool's, or {@link #ALL_PARTITIONS}.
     * @return its workloads, oldest activation first.
     */
    List<Workload> workloads(final int partitionId)
    {
        final List<Workload> list = new ArrayList<>();
        for (int i = 0; i < byChannel.length; i++)
        {
            final Workload workload = byChannel[i];
            if (workload != null && workload.dbcId() == i &&
                (partitionId == ALL_PARTITIONS || workload.partitionId() == partitionId))
            {
                list.add(workload);
            }
        }
        list.sort(Comparator.comparingLong(Workload::seq));
        return list;
    }

    /**
     * @param partitionId a partition, or -1.
     * @return the sum of its workloads' amounts, in {@link Resource} order.
     */
    long[] used(final int partitionId)
    {
        final long[] used = new long[Resource.COUNT];
        for (int i = 0; i < byChannel.length; i++)
        {
            final Workload workload = byChannel[i];
            if (workload != null && workload.dbcId() == i && workload.partitionId() == partitionId)
            {
                for (int r = 0; r < Resource.COUNT; r++)
                {
                    used[r] += workload.allocation().amount(r);
                }
            }
        }
        return used;
    }

    /**
     * @param partitionId a partition, -1, or {@link #ALL_PARTITIONS}.
     * @param resource    CORES or DMA_CHANNELS.
     * @return the units its workloads hold.
     */
    long held(final int partitionId, final Resource resource)
    {
        long mask = 0;
        for (final Workload workload : byChannel)
        {
            if (workload != null && (partitionId == ALL_PARTITIONS || workload.partitionId() == partitionId))
            {
                mask |= workload.allocation().mask(resource);
            }
        }
        return mask;
    }

    /** @return the preempted workloads not yet acknowledged, as {@code {dbc_id, partition, handle}}. */
    List<int[]> preempted()
    {
        return preempted.list();
    }

    /** @return whether (partition, handle) has an unacknowledged preempted workload on {@code dbcId}. */
    boolean isPreempted(final int partitionId, final int handle, final int dbcId)
    {
        return dbcId >= 0 && dbcId < byChannel.length && preempted.contains(dbcId, partitionId, handle);
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
     * @return output length, or -ECANCELED (the requester's workload on it was preempted), -EINVAL (bad dbc_id or
     * buffer range), -ENOENT, -EACCES, -EOVERFLOW (output room too small; nothing written).
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
        if (dbcId >= 0 && dbcId < byChannel.length && preempted.contains(dbcId, partitionId, handle))
        {
            return ECANCELED;
        }
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

}

package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.image.WorkloadImageDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Decides who gets the card's resources (ABI.md section 6): admits reservations against the card and workloads
 * against their partition's reservation and limit, lends idle capacity, takes it back by preemption, resizes and
 * drains partitions. Every refusal is decided before anything changes.
 * <ul>
 *     <li><b>Admission.</b> {@code sum(min) + base use <= total}, else ENOSPC with the short mask. An ACTIVATE whose
 *     use would pass {@code max} is EDQUOT naming the resources at their limit; when every such resource has
 *     {@code max == min} (every resource of a v1 partition) it is ENOSPC as in v1: the reservation is short. The
 *     part of a need beyond the partition's idle reservation is borrowed and must fit what {@link Ledger} says may
 *     be lent (the unreserved pool, then the idle reservations of partitions that lend), else ENOSPC.</li>
 *     <li><b>Revocation.</b> After a step that shrinks what may be lent (an ACTIVATE within the min of a partition
 *     that lends, a PART_CREATE of a partition that does not, a PART_RESIZE growing a min or clearing LEND) the
 *     books may be overdrawn; then borrowing workloads are preempted, most recently activated first, until they
 *     balance. Borrowing: taking its partition's workloads in activation order, the workload is where the
 *     running sum first passes {@code min} in an overdrawn resource. A workload inside its partition's
 *     reservation is never preempted for another partition, nor is any workload of the requesting one.</li>
 *     <li><b>Preemption.</b> The workload's units are free at once; its owner's later EXECUTE and DEACTIVATE answer
 *     ECANCELED ({@link PreemptedWorkloads}); the {@link PreemptionListener} hears of it.</li>
 *     <li><b>Drain.</b> A cordoned partition refuses new ACTIVATEs with ESHUTDOWN; when the grace period (read on
 *     the firmware's clock) runs out, its remaining workloads are preempted, newest first.</li>
 * </ul>
 * Not thread-safe: guarded by the {@link Firmware} lock.
 */
final class Arbiter
{
    private static final Logger LOG = LoggerFactory.getLogger(Arbiter.class);

    private final DeviceProfile profile;
    private final PartitionTable partitions;
    private final WorkloadTable workloads;
    private final UnitPlacement placement;
    private final PreemptionListener listener;
    private final LongSupplier nanoClock;
    private long earliestDeadline = Partition.NEVER;

    Arbiter(
        final DeviceProfile profile,
        final PartitionTable partitions,
        final WorkloadTable workloads,
        final PreemptionListener listener,
        final LongSupplier nanoClock)
    {
        this.profile = profile;
        this.partitions = partitions;
        this.workloads = workloads;
        this.placement = new UnitPlacement(profile, partitions, workloads);
        this.listener = listener;
        this.nanoClock = nanoClock;
    }

    /** @return the books now. */
    Ledger ledger()
    {
        return new Ledger(profile, partitions, workloads);
    }

    /** @return the units no partition has designated. */
    long unreservedUnits(final Resource resource)
    {
        return placement.unreserved(resource);
    }

    /** Forget the drain timers (a reset). */
    void clear()
    {
        earliestDeadline = Partition.NEVER;
    }

    /**
     * Admit a validated image for (partition, handle), revoking lent capacity when its partition claims its
     * reservation back.
     *
     * @throws FirmwareException ESHUTDOWN, EDQUOT or ENOSPC with the mask; nothing changed.
     */
    WorkloadInfo activate(final int partitionId, final int handle, final WorkloadImageDescriptor image)
        throws FirmwareException
    {
        final long[] need = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            need[i] = image.need(i);
        }
        final Ledger ledger = ledger();
        final Partition partition = partitions.get(partitionId);
        if (partition == null)
        {
            int shortMask = 0;
            for (int i = 0; i < Resource.COUNT; i++)
            {
                shortMask |= need[i] > ledger.baseFree(i) ? Resource.of(i).bit() : 0;
            }
            if (shortMask != 0)
            {
                throw FirmwareException.shortage(shortMask);
            }
            return workloads.add(partitionId, handle, image, placement.place(null, need, need));
        }
        checkAdmits(partition, ledger, need);
        final long[] own = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            own[i] = Math.min(need[i], ledger.idle(partition, i));
        }
        final int preempted = revoke(partition, need);
        final WorkloadInfo workload = workloads.add(partitionId, handle, image, placement.place(partition, own, need));
        partition.notePeak(workloads.used(partitionId));
        if (preempted != 0)
        {
            LOG.debug("reservation claimed back: partition={} dbc_id={} preempted={}",
                partitionId, workload.dbcId(), preempted);
        }
        return workload;
    }

    /**
     * DEACTIVATE one of the requester's workloads.
     *
     * @throws FirmwareException ECANCELED (preempted; now forgotten), EINVAL, ENOENT, EACCES.
     */
    void deactivate(final int partitionId, final int handle, final int dbcId) throws FirmwareException
    {
        workloads.remove(workloads.find(partitionId, handle, dbcId));
        settle(partitions.get(partitionId));
    }

    /** @return how many workloads of (partition, handle) were freed. */
    int terminate(final int partitionId, final int handle)
    {
        final int freed = workloads.terminate(partitionId, handle);
        settle(partitions.get(partitionId));
        return freed;
    }

    /**
     * Create a partition (validated name and vectors), revoking what was borrowed of its reservation.
     *
     * @throws FirmwareException ENOSPC with the short mask, or when IDs are exhausted.
     */
    Partition create(final String name, final long[] min, final long[] max, final boolean lend)
        throws FirmwareException
    {
        final Ledger ledger = ledger();
        int shortMask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            shortMask |= min[i] > ledger.unreserved(i) ? Resource.of(i).bit() : 0;
        }
        if (shortMask != 0)
        {
            throw FirmwareException.shortage(shortMask);
        }
        partitions.checkIds();
        final Partition partition = partitions.add(name, min, max, lend);
        final int preempted = revoke(partition, null);
        placement.fit(partition);
        LOG.debug("partition created: id={} name={} min={} max={} lend={} preempted={} cores=0x{} dma=0x{}",
            partition.id(), name, partition.minVector(), partition.maxVector(), lend, preempted,
            Long.toHexString(partition.units(Resource.CORES)), Long.toHexString(partition.units(Resource.DMA_CHANNELS)));
        return partition;
    }

    /**
     * PART_DESTROY.
     *
     * @return how many workloads were deactivated.
     * @throws FirmwareException EBUSY ({@code partition has active workloads: id=7 workloads=2}) without force.
     */
    int destroy(final Partition partition, final boolean force) throws FirmwareException
    {
        final int active = workloads.count(partition.id());
        if (active != 0 && !force)
        {
            throw new FirmwareException(
                Errno.EBUSY, "partition has active workloads: id=" + partition.id() + " workloads=" + active);
        }
        workloads.removePartition(partition.id());
        partitions.remove(partition);
        rearm();
        return active;
    }

    /**
     * PART_RESIZE in place (vectors and flags validated).
     *
     * @return how many workloads were preempted to make it so.
     * @throws FirmwareException ENOSPC (reservations would pass the card) or EBUSY (use above the new max without
     * FORCE), each with its mask; nothing changed.
     */
    int resize(final Partition partition, final int flags, final long[] min, final long[] max)
        throws FirmwareException
    {
        final Ledger ledger = ledger();
        int shortMask = 0;
        int overMask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            shortMask |= min[i] > ledger.unreserved(i) + partition.min(i) ? Resource.of(i).bit() : 0;
            overMask |= ledger.used(partition, i) > max[i] ? Resource.of(i).bit() : 0;
        }
        if (shortMask != 0)
        {
            throw FirmwareException.shortage(shortMask);
        }
        if (overMask != 0 && (flags & Firmware.RESIZE_FORCE) == 0)
        {
            throw new FirmwareException(Errno.EBUSY, overMask, "partition uses more than the new max: id=" +
                partition.id() + " " + FirmwareException.describe("over", overMask));
        }
        int preempted = 0;
        for (final Workload workload : newestFirst(workloads.workloads(partition.id())))
        {
            if (overMask != 0 && needsAny(workload, overMask))
            {
                preempt(workload, PreemptionReason.LIMIT);
                preempted++;
                overMask = 0;
                final long[] used = workloads.used(partition.id());
                for (int i = 0; i < Resource.COUNT; i++)
                {
                    overMask |= used[i] > max[i] ? Resource.of(i).bit() : 0;
                }
            }
        }
        final boolean lend = (flags & Firmware.RESIZE_SET_LEND) != 0 ||
            partition.lends() && (flags & Firmware.RESIZE_CLEAR_LEND) == 0;
        partition.resize(min, max, lend);
        preempted += revoke(partition, null);
        placement.fit(partition);
        LOG.debug("partition resized: id={} min={} max={} lend={} preempted={}",
            partition.id(), partition.minVector(), partition.maxVector(), lend, preempted);
        return preempted;
    }

    /**
     * PART_DRAIN (flags validated).
     *
     * @param graceMs u32: 0 preempts at once, {@link Firmware#GRACE_NEVER} never.
     * @return the partition's active workloads when the drain began (or when the cordon was lifted).
     */
    int drain(final Partition partition, final int flags, final long graceMs)
    {
        final int active = workloads.count(partition.id());
        if ((flags & Firmware.DRAIN_UNDO) != 0)
        {
            partition.state(PartitionState.ACTIVE, Partition.NEVER);
            LOG.debug("partition undrained: id={} workloads={}", partition.id(), active);
        }
        else if (partition.state() != PartitionState.DRAINED)
        {
            final long deadline = graceMs == Firmware.GRACE_NEVER ? Partition.NEVER :
                nanoClock.getAsLong() + graceMs * 1_000_000L;
            partition.state(PartitionState.DRAINING, deadline);
            LOG.debug("partition draining: id={} workloads={} grace_ms={}", partition.id(), active, graceMs);
            if (graceMs == 0)
            {
                preemptAll(partition, PreemptionReason.DRAINED);
            }
            settle(partition);
        }
        rearm();
        return active;
    }

    /**
     * Preempt the workloads of every draining partition whose grace ran out.
     *
     * @return how many were preempted.
     */
    int expire()
    {
        if (earliestDeadline == Partition.NEVER || nanoClock.getAsLong() - earliestDeadline < 0)
        {
            return 0;
        }
        final long now = nanoClock.getAsLong();
        int preempted = 0;
        for (final Partition partition : partitions.all())
        {
            if (partition.state() == PartitionState.DRAINING && partition.drainDeadline() != Partition.NEVER &&
                now - partition.drainDeadline() >= 0)
            {
                LOG.info("drain grace over: partition={} workloads={}", partition.id(), workloads.count(partition.id()));
                preempted += preemptAll(partition, PreemptionReason.DRAINED);
                settle(partition);
            }
        }
        rearm();
        return preempted;
    }

    /** @return whether a drain grace period may have run out: cheap, for the hot path. */
    boolean deadlinePassed()
    {
        return earliestDeadline != Partition.NEVER && nanoClock.getAsLong() - earliestDeadline >= 0;
    }

    private void checkAdmits(final Partition partition, final Ledger ledger, final long[] need)
        throws FirmwareException
    {
        if (partition.state().cordoned())
        {
            throw new FirmwareException(Errno.ESHUTDOWN, "partition cordoned: partition=" + partition.id() +
                " state=" + partition.state().name().toLowerCase());
        }
        int overMask = 0;
        int quotaMask = 0;
        int shortMask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (need[i] > partition.max(i) - ledger.used(partition, i))
            {
                overMask |= Resource.of(i).bit();
                quotaMask |= partition.max(i) > partition.min(i) ? Resource.of(i).bit() : 0;
            }
            shortMask |= need[i] > ledger.headroom(partition, i) ? Resource.of(i).bit() : 0;
        }
        if (quotaMask != 0)
        {
            throw new FirmwareException(Errno.EDQUOT, overMask, "partition limit reached: partition=" +
                partition.id() + " " + FirmwareException.describe("limit", overMask));
        }
        if (overMask != 0)
        {
            throw FirmwareException.shortage(overMask);
        }
        if (shortMask != 0)
        {
            throw FirmwareException.shortage(shortMask);
        }
    }

    /**
     * Preempt borrowers, newest first, until the books balance (with {@code extra} more used by the requester).
     *
     * @return how many were preempted.
     */
    private int revoke(final Partition requester, final long[] extra)
    {
        int preempted = 0;
        for (int overdrawn = new Ledger(profile, partitions, workloads, requester.id(), extra).overdrawn();
             overdrawn != 0;
             overdrawn = new Ledger(profile, partitions, workloads, requester.id(), extra).overdrawn())
        {
            final Workload victim = newestBorrower(overdrawn, requester);
            if (victim == null)
            {
                throw new IllegalStateException(String.format(
                    "revocation: no borrower to preempt: partition=%d overdrawn_mask=0x%02x", requester.id(), overdrawn));
            }
            preempt(victim, PreemptionReason.REVOKED);
            preempted++;
        }
        return preempted;
    }

    /** @return the most recently activated workload borrowing an overdrawn resource, not the requester's. */
    private Workload newestBorrower(final int overdrawn, final Partition requester)
    {
        Workload newest = null;
        for (final Partition partition : partitions.all())
        {
            if (partition == requester)
            {
                continue;
            }
            final long[] running = new long[Resource.COUNT];
            for (final Workload workload : workloads.workloads(partition.id()))
            {
                boolean borrowing = false;
                for (int i = 0; i < Resource.COUNT; i++)
                {
                    running[i] += workload.allocation().amount(i);
                    borrowing |= (overdrawn & Resource.of(i).bit()) != 0 && workload.allocation().amount(i) > 0 &&
                        running[i] > partition.min(i);
                }
                if (borrowing && (newest == null || workload.seq() > newest.seq()))
                {
                    newest = workload;
                }
            }
        }
        return newest;
    }

    private int preemptAll(final Partition partition, final PreemptionReason reason)
    {
        final List<Workload> all = newestFirst(workloads.workloads(partition.id()));
        all.forEach(workload -> preempt(workload, reason));
        return all.size();
    }

    private void preempt(final Workload workload, final PreemptionReason reason)
    {
        workloads.preempt(workload);
        LOG.debug("workload preempted: partition={} handle={} dbc_id={} reason={}",
            workload.partitionId(), Integer.toUnsignedString(workload.handle()), workload.dbcId(), reason);
        listener.preempted(new Preemption(
            workload.partitionId(), workload.handle(), workload.dbcId(), workload.name(), reason));
        settle(partitions.get(workload.partitionId()));
    }

    /** After a partition lost workloads: put its own use back inside its units, and finish a drain. */
    private void settle(final Partition partition)
    {
        if (partition == null)
        {
            return;
        }
        placement.rebalance(partition);
        if (partition.state() == PartitionState.DRAINING && workloads.count(partition.id()) == 0)
        {
            partition.state(PartitionState.DRAINED, Partition.NEVER);
            LOG.debug("partition drained: id={}", partition.id());
            listener.drained(partition.id());
            rearm();
        }
    }

    private void rearm()
    {
        earliestDeadline = Partition.NEVER;
        for (final Partition partition : partitions.all())
        {
            if (partition.state() == PartitionState.DRAINING && partition.drainDeadline() != Partition.NEVER &&
                (earliestDeadline == Partition.NEVER || partition.drainDeadline() - earliestDeadline < 0))
            {
                earliestDeadline = partition.drainDeadline();
            }
        }
    }

    private static boolean needsAny(final Workload workload, final int mask)
    {
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if ((mask & Resource.of(i).bit()) != 0 && workload.allocation().amount(i) > 0)
            {
                return true;
            }
        }
        return false;
    }

    private static List<Workload> newestFirst(final List<Workload> oldestFirst)
    {
        final List<Workload> list = new ArrayList<>(oldestFirst);
        Collections.reverse(list);
        return list;
    }
}

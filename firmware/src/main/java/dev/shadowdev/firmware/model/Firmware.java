package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.InvalidImageException;
import dev.shadowdev.image.WorkloadImageDescriptor;
import dev.shadowdev.image.WorkloadImageValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The card's firmware model: the device-side API the QSM control service calls after decoding a wire message.
 * <p>
 * Every request carries the (partition ID, handle) the driver stamped into it; -1 is the base node and the global
 * pool. A request tagged with a partition that does not exist is refused with ENODEV
 * ({@code unknown partition: partition=7}). A request only ever sees and touches its own partition's resources and
 * its own handle's workloads and slots; partition management (create, resize, drain, destroy, validating another
 * partition) needs the base node.
 * <p>
 * Elastic partitions (ABI.md section 6): each partition has a reservation {@code min} and a limit {@code max} per
 * resource (a v1 partition has {@code min = max}); capacity it does not use may be lent and is taken back by
 * preempting the borrowers ({@link Arbiter}). A preempted workload loses its units at once; the
 * {@link PreemptionListener} given at construction hears of it, and its owner's EXECUTE and DEACTIVATE on it answer
 * ECANCELED until the owner deactivates it, terminates, or gets a new workload on the same dbc_id. Drain grace
 * periods run on the {@code nanoClock} given at construction; every request, and {@link #tick()}, first preempts
 * what a grace period that ran out left.
 * <p>
 * Management requests throw {@link FirmwareException} (errno, short mask, {@code what: name=value} message) and a
 * refused request changes nothing. {@link #execute} is the hot path: it returns a length or a negative errno and
 * neither allocates nor throws. After {@link #crash()} every request fails with EIO until {@link #reset()}, which
 * drops every partition, workload and slot and restarts partition IDs at 1.
 * <p>
 * Thread-safety: the model is meant to be driven by one firmware thread, but every public method takes one internal
 * lock, so it is safe to call from several threads; results are immutable snapshots.
 */
public final class Firmware
{
    /** PART_CREATE (v1.1) flags bit 0, PART_QUERY_EX flags bit 0: the partition lends its idle reservation. */
    public static final int PART_LEND = 1;
    /** PART_RESIZE flags bit 0: preempt the partition's own newest workloads until its use fits the new max. */
    public static final int RESIZE_FORCE = 1;
    /** PART_RESIZE flags bit 1: start lending. */
    public static final int RESIZE_SET_LEND = 2;
    /** PART_RESIZE flags bit 2: stop lending (what is lent is claimed back). */
    public static final int RESIZE_CLEAR_LEND = 4;
    /** PART_DRAIN flags bit 0: lift the cordon. */
    public static final int DRAIN_UNDO = 1;
    /** PART_DRAIN grace_ms: never preempt. */
    public static final long GRACE_NEVER = 0xFFFF_FFFFL;

    private static final Logger LOG = LoggerFactory.getLogger(Firmware.class);
    private static final int EIO = Errno.EIO.status();

    private final Object lock = new Object();
    private final DeviceProfile profile;
    private final boolean crcRequired;
    private final PartitionTable partitions = new PartitionTable();
    private final WorkloadTable workloads;
    private final Arbiter arbiter;
    private final PartitionViews views;
    private final ImageStaging staging = new ImageStaging();
    private final WorkloadImageDescriptor image = new WorkloadImageDescriptor();
    private FirmwareState state = FirmwareState.RESET;

    /** The default card: profile {@code aic100}, CRC required. */
    public Firmware()
    {
        this(DeviceProfile.aic100(), true);
    }

    /**
     * @param profile     the card's capacities.
     * @param crcRequired whether STATUS tells the host that every control message must carry a CRC.
     */
    public Firmware(final DeviceProfile profile, final boolean crcRequired)
    {
        this(profile, crcRequired, PreemptionListener.NONE, System::nanoTime);
    }

    /**
     * @param profile     the card's capacities.
     * @param crcRequired whether STATUS tells the host that every control message must carry a CRC.
     * @param listener    hears of every preemption and completed drain (under the firmware's lock).
     * @param nanoClock   the clock drain grace periods are measured on (nanoseconds, like {@link System#nanoTime}).
     */
    public Firmware(
        final DeviceProfile profile,
        final boolean crcRequired,
        final PreemptionListener listener,
        final LongSupplier nanoClock)
    {
        this.profile = profile;
        this.crcRequired = crcRequired;
        this.workloads = new WorkloadTable(profile);
        this.arbiter = new Arbiter(profile, partitions, workloads, listener, nanoClock);
        this.views = new PartitionViews(profile, partitions, workloads, arbiter);
        trySetState(FirmwareState.RUNNING);
        LOG.info("firmware up: profile={} crc_required={}", profile, crcRequired);
    }

    /** @return the card's capacities. */
    public DeviceProfile profile()
    {
        return profile;
    }

    /** @return the life-cycle state; works in every state. */
    public FirmwareState state()
    {
        synchronized (lock)
        {
            return state;
        }
    }

    /**
     * Fault injection: enter SYS_ERR. Partitions and workloads stay in place but unreachable until {@link #reset()}.
     *
     * @return the state reached: SYS_ERR (unchanged when already there).
     */
    public FirmwareState crash()
    {
        synchronized (lock)
        {
            final FirmwareState reached = trySetState(FirmwareState.SYS_ERR);
            LOG.warn("firmware crash: state={}", reached);
            return reached;
        }
    }

    /**
     * Reset the card: drop every partition, workload and slot, zero the execution counters, restart partition IDs
     * at 1, and run again.
     *
     * @return the state reached: RUNNING.
     */
    public FirmwareState reset()
    {
        synchronized (lock)
        {
            trySetState(FirmwareState.RESET);
            staging.clear();
            workloads.clear();
            partitions.clear();
            arbiter.clear();
            final FirmwareState reached = trySetState(FirmwareState.RUNNING);
            LOG.info("firmware reset: state={}", reached);
            return reached;
        }
    }

    /** @return whether STATUS tells the host that every control message must carry a CRC. */
    public boolean crcRequired()
    {
        return crcRequired;
    }

    /**
     * The gate of {@link #serve} for requests the model has nothing else to do for (PASSTHROUGH): is the firmware
     * running and the request's partition -1 or live? Allocates nothing and throws nothing.
     *
     * @return 0, -EIO (not running) or -ENODEV (unknown partition).
     */
    public int admit(final int partitionId, final int handle)
    {
        synchronized (lock)
        {
            if (state != FirmwareState.RUNNING)
            {
                return EIO;
            }
            if (arbiter.deadlinePassed())
            {
                arbiter.expire();
            }
            return partitionId == PartitionTable.GLOBAL || partitions.get(partitionId) != null ?
                0 : Errno.ENODEV.status();
        }
    }

    /**
     * STATUS.
     *
     * @return version 5.0 and the CRC-required flag.
     * @throws FirmwareException EIO, ENODEV.
     */
    public StatusReport status(final int partitionId, final int handle) throws FirmwareException
    {
        return serve("status", partitionId, handle, () -> new StatusReport(
            StatusReport.VERSION_MAJOR,
            StatusReport.VERSION_MINOR,
            crcRequired ? StatusReport.FLAG_CRC_REQUIRED : 0));
    }

    /**
     * PART_CREATE (v1 body): a partition with {@code min = max = resources}, not lending (rules in
     * {@link PartitionTable} and {@link Arbiter}).
     *
     * @param name      unique, 1..31 bytes of printable UTF-8.
     * @param resources five amounts in {@code Resource} order; at least one core and one DMA channel.
     * @return the new partition's ID.
     * @throws FirmwareException EIO, ENODEV, EPERM (not the base node), EINVAL, EEXIST (name in use), ENOSPC with
     * the short mask.
     */
    public int createPartition(final int partitionId, final int handle, final String name, final long[] resources)
        throws FirmwareException
    {
        return serve("create partition", partitionId, handle, () ->
        {
            checkBaseNode(partitionId);
            partitions.checkNewName(name);
            PartitionTable.checkResources(resources);
            return arbiter.create(name, resources, resources, false).id();
        });
    }

    /**
     * PART_CREATE (v1.1 body): an elastic partition. Its reservation is admitted against the card
     * ({@code sum(min) <= total}); borrowers of the unreserved capacity it takes are preempted unless it lends.
     *
     * @param name  unique, 1..31 bytes of printable UTF-8.
     * @param min   the reservation, five amounts.
     * @param max   the limit, five amounts, each at least its {@code min}; at least one core and one DMA channel.
     * @param flags {@link #PART_LEND} or 0.
     * @return the new partition's ID.
     * @throws FirmwareException EIO, ENODEV, EPERM, EINVAL ({@code bad partition flags: flags=0x2},
     * {@code min above max: min[0]=4 max[0]=2}, ...), EEXIST, ENOSPC with the short mask.
     */
    public int createPartition(
        final int partitionId,
        final int handle,
        final String name,
        final long[] min,
        final long[] max,
        final int flags) throws FirmwareException
    {
        return serve("create partition", partitionId, handle, () ->
        {
            checkBaseNode(partitionId);
            partitions.checkNewName(name);
            PartitionTable.checkLimits(min, max);
            checkFlags("partition", flags, PART_LEND);
            return arbiter.create(name, min, max, (flags & PART_LEND) != 0).id();
        });
    }

    /**
     * PART_RESIZE in place: node, sessions and workloads stay (rules in {@link Arbiter}).
     *
     * @param id    the partition.
     * @param flags {@link #RESIZE_FORCE}, {@link #RESIZE_SET_LEND}, {@link #RESIZE_CLEAR_LEND} (not both).
     * @param min   the new reservation.
     * @param max   the new limit.
     * @return how many workloads were preempted to make it so.
     * @throws FirmwareException EIO, ENODEV, EPERM, ENOENT, EINVAL, ENOSPC (reservations would pass the card) or
     * EBUSY ({@code partition uses more than the new max: id=3 over_mask=0x01 over=cores}), each with its mask.
     */
    public int resizePartition(
        final int partitionId,
        final int handle,
        final int id,
        final int flags,
        final long[] min,
        final long[] max) throws FirmwareException
    {
        return serve("resize partition", partitionId, handle, () ->
        {
            checkBaseNode(partitionId);
            final Partition partition = livePartition(id);
            checkFlags("part_resize", flags, RESIZE_FORCE | RESIZE_SET_LEND | RESIZE_CLEAR_LEND);
            if ((flags & RESIZE_SET_LEND) != 0 && (flags & RESIZE_CLEAR_LEND) != 0)
            {
                throw new FirmwareException(Errno.EINVAL, "set and clear lend: flags=0x" + Integer.toHexString(flags));
            }
            PartitionTable.checkLimits(min, max);
            return arbiter.resize(partition, flags, min, max);
        });
    }

    /**
     * PART_DRAIN: cordon a partition (new ACTIVATEs are ESHUTDOWN); when {@code graceMs} has passed on the
     * firmware's clock its remaining workloads are preempted. UNDO lifts the cordon. Draining a DRAINED partition
     * changes nothing; draining a DRAINING one starts its grace period again.
     *
     * @param flags   {@link #DRAIN_UNDO} or 0.
     * @param graceMs u32 milliseconds: 0 at once, {@link #GRACE_NEVER} never.
     * @return its active workloads when the drain began.
     * @throws FirmwareException EIO, ENODEV, EPERM, ENOENT, EINVAL ({@code bad part_drain flags: flags=0x2}).
     */
    public int drainPartition(final int partitionId, final int handle, final int id, final int flags, final long graceMs)
        throws FirmwareException
    {
        return serve("drain partition", partitionId, handle, () ->
        {
            checkBaseNode(partitionId);
            final Partition partition = livePartition(id);
            checkFlags("part_drain", flags, DRAIN_UNDO);
            if (graceMs < 0 || graceMs > GRACE_NEVER)
            {
                throw new FirmwareException(Errno.EINVAL, "grace out of range: grace_ms=" + graceMs);
            }
            return arbiter.drain(partition, flags, graceMs);
        });
    }

    /**
     * PART_DESTROY: give a partition back to the global pool, with its slots.
     *
     * @param id    the partition.
     * @param force also deactivate its workloads; without it a partition with active workloads is EBUSY.
     * @return how many workloads were deactivated.
     * @throws FirmwareException EIO, ENODEV, EPERM, ENOENT ({@code no such partition: id=7}), EBUSY
     * ({@code partition has active workloads: id=7 workloads=2}).
     */
    public int destroyPartition(final int partitionId, final int handle, final int id, final boolean force)
        throws FirmwareException
    {
        return serve("destroy partition", partitionId, handle, () ->
        {
            checkBaseNode(partitionId);
            final Partition partition = livePartition(id);
            final int active = arbiter.destroy(partition, force);
            staging.dropPartition(id);
            LOG.debug("partition destroyed: id={} name={} force={} workloads={}", id, partition.name(), force, active);
            return active;
        });
    }

    /**
     * VALIDATE_PARTITION: is {@code id} a live partition? The base node may ask about any ID, a shadow node only
     * about its own (any other ID looks like one that does not exist).
     *
     * @throws FirmwareException EIO, ENODEV, ENOENT ({@code no such partition: id=7}).
     */
    public void validatePartition(final int partitionId, final int handle, final int id) throws FirmwareException
    {
        serve("validate partition", partitionId, handle, () ->
        {
            if (partitionId != PartitionTable.GLOBAL && id != partitionId)
            {
                throw noSuchPartition(id);
            }
            return livePartition(id);
        });
    }

    /**
     * PART_QUERY.
     *
     * @return every partition in ID order on the base node; only its own on a shadow node.
     * @throws FirmwareException EIO, ENODEV.
     */
    public List<PartitionInfo> queryPartitions(final int partitionId, final int handle) throws FirmwareException
    {
        return serve("query partitions", partitionId, handle, () ->
        {
            return views.partitions(partitionId);
        });
    }

    /**
     * PART_QUERY_EX (ABI.md 6.1): min, max, used, borrowed, state and flags of each partition, plus its peak.
     *
     * @return every partition in ID order on the base node; only its own on a shadow node.
     * @throws FirmwareException EIO, ENODEV.
     */
    public List<ElasticPartitionInfo> queryPartitionsEx(final int partitionId, final int handle)
        throws FirmwareException
    {
        return serve("query partitions ex", partitionId, handle, () -> views.elastic(partitionId));
    }

    /**
     * POOL_QUERY: the pool of the request's node, see {@link PoolSnapshot}.
     *
     * @throws FirmwareException EIO, ENODEV.
     */
    public PoolSnapshot queryPool(final int partitionId, final int handle) throws FirmwareException
    {
        return serve("query pool", partitionId, handle, () ->
        {
            return views.pool(partitionId);
        });
    }

    /**
     * The active workloads a node may see: every workload on the base node, its partition's on a shadow node.
     *
     * @return workloads in dbc_id order.
     * @throws FirmwareException EIO, ENODEV.
     */
    public List<WorkloadInfo> queryWorkloads(final int partitionId, final int handle) throws FirmwareException
    {
        return serve("query workloads", partitionId, handle, () ->
            workloads.list(partitionId == PartitionTable.GLOBAL ? WorkloadTable.ALL_PARTITIONS : partitionId));
    }

    /**
     * DMA_XFER: copy image bytes from {@code src} straight into the (partition, handle) slot. Limits and rules in
     * {@link ImageStaging}.
     *
     * @param slot      slot number (u32).
     * @param offset    bytes already in the slot (u64), or 0 to start the slot over.
     * @param src       where the bytes are (e.g. the host memory region); its position and limit do not move.
     * @param srcOffset offset of the bytes in {@code src}.
     * @param length    how many bytes.
     * @throws FirmwareException EIO, ENODEV, EINVAL ({@code bad offset: offset=100 expected=64}), E2BIG, ENOSPC.
     */
    public void loadImage(
        final int partitionId,
        final int handle,
        final int slot,
        final long offset,
        final ByteBuffer src,
        final int srcOffset,
        final int length) throws FirmwareException
    {
        serve("load image", partitionId, handle, () ->
        {
            staging.load(partitionId, handle, slot, offset, src, srcOffset, length);
            return null;
        });
    }

    /**
     * DMA_XFER of one piece whose address/size pairs are scattered: append the ranges of {@code src} in order, all or
     * nothing. Limits and rules in {@link ImageStaging}.
     *
     * @param slot       slot number (u32).
     * @param offset     bytes already in the slot (u64), or 0 to start the slot over.
     * @param src        where the bytes are (e.g. the host memory region); its position and limit do not move.
     * @param srcOffsets offset of each range in {@code src}.
     * @param lengths    length of each range.
     * @param count      ranges to take from the arrays.
     * @throws FirmwareException EIO, ENODEV, EINVAL ({@code bad source range: offset=.. length=.. limit=..} for the
     * first bad range, {@code bad offset: ...}), E2BIG, ENOSPC.
     */
    public void loadImage(
        final int partitionId,
        final int handle,
        final int slot,
        final long offset,
        final ByteBuffer src,
        final int[] srcOffsets,
        final int[] lengths,
        final int count) throws FirmwareException
    {
        serve("load image", partitionId, handle, () ->
        {
            staging.load(partitionId, handle, slot, offset, src, srcOffsets, lengths, count);
            return null;
        });
    }

    /**
     * Cut a slot back to its first {@code length} bytes: the QSM service rolls back a DMA transfer that was split
     * over several messages and then aborted or failed half way.
     *
     * @param slot   slot number (u32).
     * @param length bytes to keep.
     * @throws FirmwareException EIO, ENODEV, ENOENT ({@code no image in slot: slot=3}), EINVAL
     * ({@code bad truncate length: length=300 current=128}).
     */
    public void truncateImage(final int partitionId, final int handle, final int slot, final int length)
        throws FirmwareException
    {
        serve("truncate image", partitionId, handle, () ->
        {
            staging.truncate(partitionId, handle, slot, length);
            return null;
        });
    }

    /**
     * ACTIVATE: validate the image in the slot and admit it, all or nothing: on the base node against the
     * unreserved pool, on a shadow node against its partition's reservation and limit, borrowing beyond the
     * reservation (rules in {@link Arbiter}). The workload gets the lowest free cores and DMA channels of its
     * partition's reservation, then borrowed ones; its dbc_id is its lowest channel. When the partition lends and
     * claims its idle reservation back, borrowers elsewhere are preempted first. The slot keeps its image.
     *
     * @param slot slot number (u32).
     * @return the workload: dbc_id, core mask, ...
     * @throws FirmwareException EIO, ENODEV, ENOENT ({@code no image in slot: slot=3}), EBADMSG (see
     * {@link WorkloadImageValidator}), ESHUTDOWN ({@code partition cordoned: partition=3 state=draining}), EDQUOT
     * with the mask of the resources at their limit ({@code partition limit reached: partition=3 limit_mask=0x01
     * limit=cores}), ENOSPC with the short mask.
     */
    public WorkloadInfo activate(final int partitionId, final int handle, final int slot) throws FirmwareException
    {
        return serve("activate", partitionId, handle, () ->
        {
            final ImageSlot loaded = staging.find(partitionId, handle, slot);
            if (loaded == null)
            {
                throw new FirmwareException(Errno.ENOENT, "no image in slot: slot=" + Integer.toUnsignedString(slot));
            }
            image.wrap(loaded.view(), 0, loaded.length());
            try
            {
                WorkloadImageValidator.validate(image);
            }
            catch (final InvalidImageException ex)
            {
                throw new FirmwareException(Errno.EBADMSG, ex.getMessage());
            }
            final WorkloadInfo workload = arbiter.activate(partitionId, handle, image);
            LOG.debug("workload activated: partition={} handle={} dbc_id={} cores=0x{} needs={}",
                partitionId, handle, workload.dbcId(), Long.toHexString(workload.coreMask()), workload.needs());
            return workload;
        });
    }

    /**
     * DEACTIVATE: free one of the requester's workloads. A workload of the requester that was preempted on
     * {@code dbcId} answers ECANCELED ({@code workload preempted: dbc_id=3 partition=2 handle=5}) and is forgotten:
     * the one refusal that changes something (a second DEACTIVATE looks the channel up as usual).
     *
     * @param dbcId the workload's dbc_id.
     * @throws FirmwareException EIO, ENODEV, ECANCELED, EINVAL ({@code bad dbc_id: dbc_id=99 max=15}), ENOENT
     * ({@code no workload on dbc: dbc_id=3}), EACCES ({@code dbc not owned by requester: dbc_id=3 partition=2 handle=5}).
     */
    public void deactivate(final int partitionId, final int handle, final int dbcId) throws FirmwareException
    {
        serve("deactivate", partitionId, handle, () ->
        {
            arbiter.deactivate(partitionId, handle, dbcId);
            return null;
        });
    }

    /**
     * TERMINATE: free every workload and slot the handle owns in the partition (the session ended), and forget its
     * preempted workloads.
     *
     * @return how many workloads were freed.
     * @throws FirmwareException EIO, ENODEV.
     */
    public int terminate(final int partitionId, final int handle) throws FirmwareException
    {
        return serve("terminate", partitionId, handle, () ->
        {
            final int freed = arbiter.terminate(partitionId, handle);
            final int slots = staging.dropHandle(partitionId, handle);
            LOG.debug("terminated: partition={} handle={} workloads={} slots={}", partitionId, handle, freed, slots);
            return freed;
        });
    }

    /**
     * EXECUTE on the requester's workload: read {@code len} bytes of {@code in} at {@code inOff}, write the op's
     * output to {@code out} at {@code outOff}, and count one execution on each core the workload was placed on.
     * Absolute indexes: positions and limits do not move (see {@link WorkloadKernels} for a CRC32C detail).
     * Hot path: no allocation, no exceptions.
     *
     * @return output length, or -EIO, -ECANCELED (the requester's workload on {@code dbcId} was preempted),
     * -EINVAL (bad dbc_id or buffer range, read-only out), -ENOENT, -EACCES, -EOVERFLOW (outCap too small; nothing
     * written, nothing counted).
     */
    public int execute(
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
        synchronized (lock)
        {
            if (state != FirmwareState.RUNNING)
            {
                return EIO;
            }
            if (arbiter.deadlinePassed())
            {
                arbiter.expire();
            }
            return workloads.execute(partitionId, handle, dbcId, in, inOff, len, out, outOff, outCap);
        }
    }

    /**
     * Diagnostics (works in every state): how many executes ran on a core since start or reset.
     *
     * @param core core number.
     * @return the count, or -1 for a core the device does not have.
     */
    public long coreExecutions(final int core)
    {
        synchronized (lock)
        {
            return workloads.coreExecutions(core);
        }
    }

    /**
     * Diagnostics (works in every state): bytes loaded into a slot.
     *
     * @return the slot's length, or -1 when the (partition, handle) has no such slot.
     */
    public int slotLength(final int partitionId, final int handle, final int slot)
    {
        synchronized (lock)
        {
            final ImageSlot loaded = staging.find(partitionId, handle, slot);
            return loaded == null ? -1 : loaded.length();
        }
    }

    /**
     * Let time pass: preempt the workloads of every draining partition whose grace period ran out on the clock.
     * Every request does this first too; the card's thread calls it when idle so a grace period ends on time.
     *
     * @return how many workloads were preempted (0 when the firmware is not running).
     */
    public int tick()
    {
        synchronized (lock)
        {
            return state == FirmwareState.RUNNING ? arbiter.expire() : 0;
        }
    }

    /**
     * Diagnostics (works in every state): does (partition, handle) have a preempted workload on {@code dbcId} it has
     * not acknowledged (its EXECUTE and DEACTIVATE on it answer ECANCELED)?
     */
    public boolean isPreempted(final int partitionId, final int handle, final int dbcId)
    {
        synchronized (lock)
        {
            return workloads.isPreempted(partitionId, handle, dbcId);
        }
    }

    /** @return every preempted workload not yet acknowledged, as {@code {dbc_id, partition, handle}}. */
    List<int[]> preempted()
    {
        synchronized (lock)
        {
            return workloads.preempted();
        }
    }

    private FirmwareState trySetState(final FirmwareState next)
    {
        if (state.canMoveTo(next))
        {
            state = next;
        }
        return state;
    }

    /**
     * The one gate every management request goes through: the firmware must be running and the request's
     * partition must be -1 or live; a refusal is logged once, here.
     */
    private <T> T serve(final String request, final int partitionId, final int handle, final Request<T> body)
        throws FirmwareException
    {
        synchronized (lock)
        {
            try
            {
                if (state != FirmwareState.RUNNING)
                {
                    throw new FirmwareException(Errno.EIO, "firmware not running: state=" + state);
                }
                if (arbiter.deadlinePassed())
                {
                    arbiter.expire();
                }
                partitions.require(partitionId);
                return body.run();
            }
            catch (final FirmwareException ex)
            {
                LOG.debug("refused {}: partition={} handle={} errno={}: {}",
                    request, partitionId, handle, ex.errno(), ex.getMessage());
                throw ex;
            }
        }
    }

    private static void checkBaseNode(final int partitionId) throws FirmwareException
    {
        if (partitionId != PartitionTable.GLOBAL)
        {
            throw new FirmwareException(
                Errno.EPERM, "partition management needs the base node: partition=" + partitionId);
        }
    }

    private static void checkFlags(final String what, final int flags, final int known) throws FirmwareException
    {
        if ((flags & ~known) != 0)
        {
            throw new FirmwareException(Errno.EINVAL, "bad " + what + " flags: flags=0x" + Integer.toHexString(flags));
        }
    }

    private Partition livePartition(final int id) throws FirmwareException
    {
        final Partition partition = partitions.get(id);
        if (partition == null)
        {
            throw noSuchPartition(id);
        }
        return partition;
    }

    private static FirmwareException noSuchPartition(final int id)
    {
        return new FirmwareException(Errno.ENOENT, "no such partition: id=" + id);
    }

    @FunctionalInterface
    private interface Request<T>
    {
        T run() throws FirmwareException;
    }
}

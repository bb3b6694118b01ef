package dev.shadowdev.firmware.qsm;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.firmware.model.ElasticPartitionInfo;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.wire.NameField;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartQueryExFromDevFlyweight;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.PartitionEntryExFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireResponseWriter;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The elastic partition requests of the QSM service (ABI.md 6.1): PART_CREATE with the v1.1 body, PART_RESIZE,
 * PART_DRAIN and PART_QUERY_EX. The bodies are the node bodies; the QSM checks what is framing (name padding,
 * reserved words) and leaves every value (flags, min above max, sizes, the partition) to the {@link Firmware}
 * model, whose errno and short mask go back unchanged: ENOSPC, EDQUOT and EBUSY carry the mask in the answer's
 * {@code short_mask}. Each serves one verified transaction and appends exactly one answer. Called from the
 * {@link QsmControlAdapter}'s dispatch on the device thread.
 */
final class ElasticRequests
{
    private static final Logger LOG = LoggerFactory.getLogger(ElasticRequests.class);

    private final Firmware firmware;
    private final QsmResponseProxy proxy;
    private final WireResponseWriter writer;
    private final QsmErrors errors;
    private final WorkloadRequests workloads;
    private final WireError error = new WireError();
    private final PartCreateExFlyweight create = new PartCreateExFlyweight();
    private final PartResizeFlyweight resize = new PartResizeFlyweight();
    private final PartDrainFlyweight drain = new PartDrainFlyweight();
    private final PartQueryExFromDevFlyweight query = new PartQueryExFromDevFlyweight();
    private final PartitionEntryExFlyweight entry = new PartitionEntryExFlyweight();
    private final long[] min = new long[Resource.COUNT];
    private final long[] max = new long[Resource.COUNT];

    ElasticRequests(
        final Firmware firmware, final QsmResponseProxy proxy, final QsmErrors errors, final WorkloadRequests workloads)
    {
        this.firmware = firmware;
        this.proxy = proxy;
        this.writer = proxy.writer();
        this.errors = errors;
        this.workloads = workloads;
    }

    /** PART_CREATE_TO_DEV of {@link PartCreateExFlyweight#LENGTH}: answered like v1, PART_CREATE_FROM_DEV. */
    void onPartCreateEx(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        create.wrap(buffer, offset);
        final int nameIndex = create.nameIndex();
        for (int i = NameField.length(buffer, nameIndex); i < NameField.LENGTH; i++)
        {
            if (buffer.getByte(nameIndex + i) != 0)
            {
                error.set(Errno.EINVAL, PartitionRequests.BAD_NAME_PADDING, i);
                errors.refused(error.message());
                writer.appendPartCreate(Errno.EINVAL.status(), 0, 0);
                return;
            }
        }
        if (!workloads.reservedIsZero(
            buffer, offset + PartCreateExFlyweight.RESERVED_OFFSET, WireTypes.PART_CREATE_TO_DEV))
        {
            return;
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            min[i] = create.min(i);
            max[i] = create.max(i);
        }
        try
        {
            final int id = firmware.createPartition(partitionId, handle, create.name(), min, max, create.flags());
            writer.appendPartCreate(0, id, 0);
        }
        catch (final FirmwareException ex)
        {
            errors.refused(ex.getMessage());
            writer.appendPartCreate(ex.status(), 0, ex.shortMask());
        }
    }

    void onPartResize(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        resize.wrap(buffer, offset);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            min[i] = resize.min(i);
            max[i] = resize.max(i);
        }
        try
        {
            final int preempted = firmware.resizePartition(
                partitionId, handle, resize.partitionId(), resize.flags(), min, max);
            LOG.debug("partition resized: id={} flags=0x{} preempted={}",
                resize.partitionId(), Integer.toHexString(resize.flags()), preempted);
            writer.appendPartResize(0, 0, preempted);
        }
        catch (final FirmwareException ex)
        {
            errors.refused(ex.getMessage());
            writer.appendPartResize(ex.status(), ex.shortMask(), 0);
        }
    }

    void onPartDrain(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        drain.wrap(buffer, offset);
        if (!workloads.reservedIsZero(buffer, offset + PartDrainFlyweight.RESERVED_OFFSET, WireTypes.PART_DRAIN_TO_DEV))
        {
            return;
        }
        try
        {
            final int active = firmware.drainPartition(
                partitionId, handle, drain.partitionId(), drain.flags(), drain.graceMs());
            LOG.debug("partition drain: id={} flags=0x{} grace_ms={} workloads={}",
                drain.partitionId(), Integer.toHexString(drain.flags()), drain.graceMs(), active);
            writer.appendPartDrain(0, active);
        }
        catch (final FirmwareException ex)
        {
            errors.refuse(writer, WireTypes.PART_DRAIN_TO_DEV, ex);
        }
    }

    /** Every partition the header's partition may see; EMSGSIZE when they do not fit the answer (as PART_QUERY). */
    void onPartQueryEx(final int partitionId, final int handle, final int index, final int budget)
    {
        final List<ElasticPartitionInfo> partitions;
        try
        {
            partitions = firmware.queryPartitionsEx(partitionId, handle);
        }
        catch (final FirmwareException ex)
        {
            errors.refuse(writer, WireTypes.PART_QUERY_EX_TO_DEV, ex);
            return;
        }
        final int n = partitions.size();
        final long length = PartQueryExFromDevFlyweight.lengthFor(n);
        if (length > Integer.MAX_VALUE || !proxy.fits((int)length, budget))
        {
            errors.refuse(writer, WireTypes.PART_QUERY_EX_TO_DEV, error.set(Errno.EMSGSIZE,
                QsmControlAdapter.ANSWER_TOO_LONG, index, WireTypes.PART_QUERY_EX_FROM_DEV, length), error.message());
            return;
        }
        final int offset = writer.appendPartQueryEx(0, n);
        query.wrap(writer.buffer(), offset);
        for (int i = 0; i < n; i++)
        {
            final ElasticPartitionInfo partition = partitions.get(i);
            entry.wrap(writer.buffer(), query.entryIndex(i))
                .id(partition.id())
                .activeWorkloads(partition.activeWorkloads())
                .state(partition.state().code())
                .flags(partition.flags())
                .name(partition.name());
            final int peak = query.peakIndex(n, i);
            for (int r = 0; r < Resource.COUNT; r++)
            {
                entry.min(r, partition.min().get(r))
                    .max(r, partition.max().get(r))
                    .used(r, partition.used().get(r))
                    .borrowed(r, partition.borrowed().get(r));
                writer.buffer().putLong(peak + r * Long.BYTES, partition.peak().get(r));
            }
        }
    }
}

package dev.shadowdev.firmware.qsm;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.firmware.dbc.DbcEngine;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.firmware.model.PartitionInfo;
import dev.shadowdev.firmware.model.PoolSnapshot;
import dev.shadowdev.wire.NameField;
import dev.shadowdev.wire.PartCreateFlyweight;
import dev.shadowdev.wire.PartDestroyToDevFlyweight;
import dev.shadowdev.wire.PartQueryFromDevFlyweight;
import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.ValidatePartitionToDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireResponseWriter;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The partition requests of the QSM service: VALIDATE_PARTITION, PART_CREATE, PART_DESTROY (then unbind the
 * partition's DBCs and drop its split transfers), PART_QUERY and POOL_QUERY. The model decides what the header's
 * partition may see and do (a shadow partition manages nothing and sees only itself). Each serves one verified
 * transaction and appends exactly one answer. Called from the {@link QsmControlAdapter}'s dispatch on the device
 * thread.
 */
final class PartitionRequests
{
    static final String BAD_DESTROY_FLAGS = "bad part_destroy flags: flags=0x%x";
    static final String BAD_NAME_PADDING = "bad partition name padding: index=%d";

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRequests.class);

    private final Firmware firmware;
    private final DbcEngine engine;
    private final DmaXferService dmaXfer;
    private final QsmResponseProxy proxy;
    private final WireResponseWriter writer;
    private final QsmErrors errors;
    private final WorkloadRequests workloads;
    private final WireError error = new WireError();
    private final ValidatePartitionToDevFlyweight validate = new ValidatePartitionToDevFlyweight();
    private final PartCreateFlyweight partCreate = new PartCreateFlyweight();
    private final PartDestroyToDevFlyweight partDestroy = new PartDestroyToDevFlyweight();
    private final PartQueryFromDevFlyweight partQuery = new PartQueryFromDevFlyweight();
    private final PartitionEntryFlyweight entry = new PartitionEntryFlyweight();
    private final long[] resources = new long[Resource.COUNT];
    private final long[] total = new long[Resource.COUNT];
    private final long[] free = new long[Resource.COUNT];

    PartitionRequests(
        final Firmware firmware,
        final DbcEngine engine,
        final DmaXferService dmaXfer,
        final QsmResponseProxy proxy,
        final QsmErrors errors,
        final WorkloadRequests workloads)
    {
        this.firmware = firmware;
        this.engine = engine;
        this.dmaXfer = dmaXfer;
        this.proxy = proxy;
        this.writer = proxy.writer();
        this.errors = errors;
        this.workloads = workloads;
    }

    void onValidatePartition(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        validate.wrap(buffer, offset);
        if (!workloads.reservedIsZero(
            buffer, offset + ValidatePartitionToDevFlyweight.PADDING_OFFSET, WireTypes.VALIDATE_PARTITION_TO_DEV))
        {
            return;
        }
        try
        {
            firmware.validatePartition(partitionId, handle, validate.partId());
            writer.appendValidatePartition(0);
        }
        catch (final FirmwareException ex)
        {
            errors.refuse(writer, WireTypes.VALIDATE_PARTITION_TO_DEV, ex);
        }
    }

    void onPartCreate(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        partCreate.wrap(buffer, offset);
        final int nameIndex = partCreate.nameIndex();
        for (int i = NameField.length(buffer, nameIndex); i < NameField.LENGTH; i++)
        {
            if (buffer.getByte(nameIndex + i) != 0)
            {
                error.set(Errno.EINVAL, BAD_NAME_PADDING, i);
                errors.refused(error.message());
                writer.appendPartCreate(Errno.EINVAL.status(), 0, 0);
                return;
            }
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            resources[i] = partCreate.res(i);
        }
        try
        {
            final int id = firmware.createPartition(partitionId, handle, partCreate.name(), resources);
            writer.appendPartCreate(0, id, 0);
        }
        catch (final FirmwareException ex)
        {
            errors.refused(ex.getMessage());
            writer.appendPartCreate(ex.status(), 0, ex.shortMask());
        }
    }

    void onPartDestroy(final int partitionId, final int handle, final WireBuffer buffer, final int offset)
    {
        partDestroy.wrap(buffer, offset);
        final int flags = partDestroy.flags();
        if ((flags & ~PartDestroyToDevFlyweight.FLAG_FORCE) != 0)
        {
            errors.refuse(writer, WireTypes.PART_DESTROY_TO_DEV, error.set(Errno.EINVAL, BAD_DESTROY_FLAGS, flags & 0xFFFF_FFFFL),
                error.message());
            return;
        }
        final int id = partDestroy.partitionId();
        try
        {
            final int workloads = firmware.destroyPartition(
                partitionId, handle, id, (flags & PartDestroyToDevFlyweight.FLAG_FORCE) != 0);
            final int unbound = engine.unbindPartition(id);
            final int dropped = dmaXfer.dropPartition(id);
            LOG.debug("partition destroyed: id={} workloads={} dbcs={} chunks={}", id, workloads, unbound, dropped);
            writer.appendPartDestroy(0);
        }
        catch (final FirmwareException ex)
        {
            errors.refuse(writer, WireTypes.PART_DESTROY_TO_DEV, ex);
        }
    }

    void onPartQuery(final int partitionId, final int handle, final int index, final int budget)
    {
        final List<PartitionInfo> partitions;
        try
        {
            partitions = firmware.queryPartitions(partitionId, handle);
        }
        catch (final FirmwareException ex)
        {
            errors.refuse(writer, WireTypes.PART_QUERY_TO_DEV, ex);
            return;
        }
        final int n = partitions.size();
        final long length = PartQueryFromDevFlyweight.lengthFor(n);
        if (length > Integer.MAX_VALUE || !proxy.fits((int)length, budget))
        {
            errors.refuse(writer, WireTypes.PART_QUERY_TO_DEV,
                error.set(Errno.EMSGSIZE, QsmControlAdapter.ANSWER_TOO_LONG, index, WireTypes.PART_QUERY_FROM_DEV, length),
                error.message());
            return;
        }
        final int offset = writer.appendPartQuery(0, n);
        partQuery.wrap(writer.buffer(), offset);
        for (int i = 0; i < n; i++)
        {
            final PartitionInfo partition = partitions.get(i);
            entry.wrap(writer.buffer(), partQuery.entryIndex(i))
                .id(partition.id())
                .activeWorkloads(partition.activeWorkloads())
                .name(partition.name());
            for (int r = 0; r < Resource.COUNT; r++)
            {
                entry.reserved(r, partition.reserved().get(r)).used(r, partition.used().get(r));
            }
        }
    }

    void onPoolQuery(final int partitionId, final int handle)
    {
        try
        {
            final PoolSnapshot pool = firmware.queryPool(partitionId, handle);
            for (int i = 0; i < Resource.COUNT; i++)
            {
                total[i] = pool.total().get(i);
                free[i] = pool.free().get(i);
            }
            writer.appendPoolQuery(0, total, free);
        }
        catch (final FirmwareException ex)
        {
            errors.refuse(writer, WireTypes.POOL_QUERY_TO_DEV, ex);
        }
    }
}

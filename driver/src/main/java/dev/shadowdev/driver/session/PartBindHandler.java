package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.cgroup.CgroupPathException;
import dev.shadowdev.driver.cgroup.CgroupPaths;
import dev.shadowdev.wire.PartQueryFromDevFlyweight;
import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartBindRequestFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PART_BIND (ABI.md 7), base node only (EPERM): bind a cgroup path to a partition, or unbind it. The path's rules
 * ({@link CgroupPaths}) are checked first (EINVAL, ENAMETOOLONG; nothing changes). An unbind is answered here (ENOENT
 * when the path is not bound to that partition). A bind first asks the firmware about the partition with a
 * PART_QUERY tagged as that partition, which validates it (ENOENT when it does not exist) and names it in one
 * answer of one entry, whatever the number of partitions; the binding is made when the answer comes (EEXIST when
 * another partition holds the path). It travels alone in its message. Control plane: allocates the path's text.
 */
final class PartBindHandler implements TransactionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(PartBindHandler.class);

    private final HandlerSupport support;
    private final PartitionEntryFlyweight entry = new PartitionEntryFlyweight();
    private String path;

    PartBindHandler(final HandlerSupport support)
    {
        this.support = support;
    }

    @Override
    public int nodeType()
    {
        return NodeTypes.PART_BIND;
    }

    @Override
    public int answerType()
    {
        return WireTypes.PART_QUERY_FROM_DEV;
    }

    @Override
    public int refuse(final RequestContext ctx)
    {
        final int notBase = support.refuseUnlessBase(NodeTypes.PART_BIND);
        if (notBase != 0)
        {
            return notBase;
        }
        final int length = ctx.intField(PartBindRequestFlyweight.PATH_LEN_OFFSET);
        final byte[] raw = new byte[length];
        ctx.view().getBytes(ctx.index(PartBindRequestFlyweight.PATH_OFFSET), raw, 0, length);
        try
        {
            path = CgroupPaths.decode(raw);
        }
        catch (final CgroupPathException ex)
        {
            LOG.warn("transaction refused: type=PART_BIND {} partition_id={} handle={}", ex.getMessage(),
                ctx.intField(PartBindRequestFlyweight.PARTITION_ID_OFFSET), support.session.handle());
            return ex.status();
        }
        return 0;
    }

    @Override
    public boolean conflicts(final RequestContext ctx, final WireBatch batch)
    {
        return true;
    }

    @Override
    public int encode(final RequestContext ctx, final WireBatch batch)
    {
        final int partitionId = ctx.intField(PartBindRequestFlyweight.PARTITION_ID_OFFSET);
        final boolean unbind = (ctx.intField(PartBindRequestFlyweight.FLAGS_OFFSET) &
            PartBindRequestFlyweight.FLAG_UNBIND) != 0;
        if (partitionId < 0)
        {
            LOG.warn("transaction refused: type=PART_BIND unknown partition: partition_id={} path={}", partitionId,
                path);
            return Errno.ENOENT.status();
        }
        if (unbind)
        {
            ctx.answerEmpty(NodeTypes.PART_BIND, support.services.registry().bindings().unbind(path, partitionId));
            return ANSWERED;
        }
        if (!batch.isEmpty() || batch.writer().appendPartQuery() < 0)
        {
            return NO_ROOM;
        }
        batch.partitionId(batch.add(NodeTypes.PART_BIND), partitionId);
        batch.tagAs(partitionId);
        batch.closeToMore();
        return ADDED;
    }

    @Override
    public int refusalStatus(final int status)
    {
        return unknownPartition(status) ? Errno.ENOENT.status() : status;
    }

    @Override
    public void decode(
        final RequestContext ctx, final WireBatch batch, final int i, final WireBuffer m, final int off)
    {
        final int partitionId = batch.partitionId(i);
        final int status = m.getInt(off + PartQueryFromDevFlyweight.STATUS_OFFSET);
        final int n = m.getInt(off + PartQueryFromDevFlyweight.N_OFFSET);
        if (status != 0)
        {
            LOG.warn("transaction refused: type=PART_BIND partition not valid: partition_id={} status={}",
                partitionId, status);
            ctx.answerEmpty(NodeTypes.PART_BIND, refusalStatus(status));
            return;
        }
        for (int k = 0; k < n; k++)
        {
            entry.wrap(m, off + PartQueryFromDevFlyweight.ENTRIES_OFFSET + k * PartitionEntryFlyweight.LENGTH);
            if (entry.id() == partitionId)
            {
                ctx.answerEmpty(NodeTypes.PART_BIND,
                    support.services.registry().bindings().bind(path, partitionId, entry.name()));
                return;
            }
        }
        LOG.warn("transaction refused: type=PART_BIND unknown partition: partition_id={} path={}", partitionId, path);
        ctx.answerEmpty(NodeTypes.PART_BIND, Errno.ENOENT.status());
    }

    private static boolean unknownPartition(final int status)
    {
        return status == Errno.ENODEV.status() || status == Errno.ENOENT.status();
    }
}

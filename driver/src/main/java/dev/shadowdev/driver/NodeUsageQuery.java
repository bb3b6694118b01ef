package dev.shadowdev.driver;

import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.driver.api.NodeUsage;
import dev.shadowdev.driver.control.ControlClient;
import dev.shadowdev.driver.control.SyncCall;
import dev.shadowdev.driver.dbc.DbcTable;
import dev.shadowdev.driver.node.DeviceNode;
import dev.shadowdev.driver.node.NodeRegistry;
import dev.shadowdev.driver.session.Session;
import dev.shadowdev.wire.PartQueryFromDevFlyweight;
import dev.shadowdev.wire.PoolQueryFromDevFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartQueryExFromDevFlyweight;
import dev.shadowdev.wire.PartitionEntryExFlyweight;
import dev.shadowdev.driver.api.PartitionUsage;

import java.util.Set;

/**
 * {@link dev.shadowdev.driver.api.NodeAccess#usage}: a node's pool as the firmware reports it now (POOL_QUERY tagged
 * with the node's partition, as the driver, handle 0), its active workloads (PART_QUERY's count for a shadow node;
 * for the base node the DBCs its sessions hold, the firmware reporting global workloads nowhere), and its event
 * lines. Control plane: blocking, one query at a time.
 */
final class NodeUsageQuery
{
    private final DriverOptions options;
    private final NodeRegistry registry;
    private final DbcTable dbcTable;
    private final Set<Session> sessions;
    private final SyncCall call;
    private final TransactionCursor cursor = new TransactionCursor();
    private final PartitionEntryFlyweight entry = new PartitionEntryFlyweight();
    private final PartQueryExFromDevFlyweight queryEx = new PartQueryExFromDevFlyweight();
    private final PartitionEntryExFlyweight entryEx = new PartitionEntryExFlyweight();

    NodeUsageQuery(
        final DriverOptions options,
        final ControlClient client,
        final NodeRegistry registry,
        final DbcTable dbcTable,
        final Set<Session> sessions)
    {
        this.options = options;
        this.registry = registry;
        this.dbcTable = dbcTable;
        this.sessions = sessions;
        this.call = new SyncCall(client);
    }

    /** @return the usage, or null when the node does not exist, is offline or the firmware does not answer. */
    synchronized NodeUsage usage(final int minor)
    {
        final DeviceNode node = registry.node(minor);
        if (node == null || !node.online())
        {
            return null;
        }
        call.writer().appendPoolQuery();
        if (call.call(0, node.partitionId(), options.controlTimeoutNanos()) != 0)
        {
            return null;
        }
        final int pool = answer(WireTypes.POOL_QUERY_FROM_DEV);
        if (pool < 0 || call.response().getInt(pool + PoolQueryFromDevFlyweight.STATUS_OFFSET) != 0)
        {
            return null;
        }
        final long[] total = new long[Resource.COUNT];
        final long[] free = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            total[i] = call.response().getLong(pool + PoolQueryFromDevFlyweight.TOTAL_OFFSET + i * Long.BYTES);
            free[i] = call.response().getLong(pool + PoolQueryFromDevFlyweight.FREE_OFFSET + i * Long.BYTES);
        }
        final int active = node.isBase() ? baseWorkloads(node) : partitionWorkloads(node);
        final String events = registry.events(minor);
        return new NodeUsage(total, free, Math.max(active, 0), events == null ? "" : events);
    }

    /**
     * @return the shadow node's partition as PART_QUERY_EX (tagged with it) reports it, or null for another node,
     *     an offline one, or no answer.
     */
    synchronized PartitionUsage partitionUsage(final int minor)
    {
        final DeviceNode node = registry.node(minor);
        if (node == null || !node.online() || node.partitionId() < 0)
        {
            return null;
        }
        call.writer().appendPartQueryEx();
        if (call.call(0, node.partitionId(), options.controlTimeoutNanos()) != 0)
        {
            return null;
        }
        final int offset = answer(WireTypes.PART_QUERY_EX_FROM_DEV);
        if (offset < 0 || call.response().getInt(offset + PartQueryExFromDevFlyweight.STATUS_OFFSET) != 0)
        {
            return null;
        }
        final PartQueryExFromDevFlyweight answer = queryEx.wrap(call.response(), offset);
        final int n = answer.n();
        for (int i = 0; i < n; i++)
        {
            entryEx.wrap(call.response(), answer.entryIndex(i));
            if (entryEx.id() != node.partitionId())
            {
                continue;
            }
            final long[] min = new long[Resource.COUNT];
            final long[] max = new long[Resource.COUNT];
            final long[] used = new long[Resource.COUNT];
            final long[] borrowed = new long[Resource.COUNT];
            final long[] peak = new long[Resource.COUNT];
            final int peakAt = answer.peakIndex(n, i);
            for (int r = 0; r < Resource.COUNT; r++)
            {
                min[r] = entryEx.min(r);
                max[r] = entryEx.max(r);
                used[r] = entryEx.used(r);
                borrowed[r] = entryEx.borrowed(r);
                peak[r] = call.response().getLong(peakAt + r * Long.BYTES);
            }
            return new PartitionUsage(min, max, used, borrowed, peak, stateName(entryEx.state()),
                (entryEx.flags() & PartCreateExFlyweight.FLAG_LEND) != 0, entryEx.activeWorkloads(),
                node.preemptions());
        }
        return null;
    }

    private static String stateName(final int state)
    {
        switch (state)
        {
            case PartitionEntryExFlyweight.STATE_ACTIVE: return "active";
            case PartitionEntryExFlyweight.STATE_DRAINING: return "draining";
            case PartitionEntryExFlyweight.STATE_DRAINED: return "drained";
            default: return "unknown";
        }
    }

    private int baseWorkloads(final DeviceNode node)
    {
        int count = 0;
        for (final Session session : sessions)
        {
            if (session.node() == node)
            {
                count += dbcTable.countOwnedBy(session);
            }
        }
        return count;
    }

    private int partitionWorkloads(final DeviceNode node)
    {
        call.writer().appendPartQuery();
        if (call.call(0, node.partitionId(), options.controlTimeoutNanos()) != 0)
        {
            return -1;
        }
        final int offset = answer(WireTypes.PART_QUERY_FROM_DEV);
        if (offset < 0 || call.response().getInt(offset + PartQueryFromDevFlyweight.STATUS_OFFSET) != 0)
        {
            return -1;
        }
        final int n = call.response().getInt(offset + PartQueryFromDevFlyweight.N_OFFSET);
        for (int i = 0; i < n; i++)
        {
            entry.wrap(call.response(),
                offset + PartQueryFromDevFlyweight.ENTRIES_OFFSET + i * PartitionEntryFlyweight.LENGTH);
            if (entry.id() == node.partitionId())
            {
                return entry.activeWorkloads();
            }
        }
        return 0;
    }

    private int answer(final int type)
    {
        cursor.wrapWireMessage(call.response(), 0);
        return cursor.next() && cursor.type() == type ? cursor.offset() : -1;
    }
}

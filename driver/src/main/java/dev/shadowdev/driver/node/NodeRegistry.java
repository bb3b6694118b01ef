package dev.shadowdev.driver.node;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.NodeListener;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.cgroup.CgroupBindings;
import dev.shadowdev.driver.minor.MinorAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Every device node of one card, by minor: the base device and the shadow devices. Owns their minors (from the
 * {@link MinorAllocator}, the base device's included), their life cycle and their event lines, and tells
 * {@link NodeListener}s about every change, in order.
 * <p>
 * Rules: a shadow node is attached to a partition the firmware validated; at most one online node per partition;
 * a wanted minor is taken when free, or re-attaches the offline node that holds it (after a reset), and is EBUSY
 * when an online node holds it; attaching a partition that has an online node answers that node's minor. Nodes go
 * offline together when the firmware is lost; the base node comes back online when the firmware is probed again,
 * shadow nodes when the daemon re-attaches them.
 * <p>
 * The shared cgroup node (ABI.md 7), when enabled, takes the last minor of the major (so it never moves a shadow
 * node's minor) and follows the base node online and offline. A partition reached through it is a node without a
 * file or minor of its own (one per partition, made at the first such open); it goes with its partition, and with
 * it the partition's {@link CgroupBindings}. Losing the firmware loses every partition, so every binding goes too.
 * <p>
 * Thread-safe: one monitor; listeners run under it and must not block or call back into the driver.
 */
public final class NodeRegistry
{
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    private final MinorAllocator minors;
    private final int major;
    private final String deviceName;
    private final LongSupplier epochNanos;
    private final TreeMap<Integer, DeviceNode> nodes = new TreeMap<>();
    private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
    private final boolean withCgroupNode;
    private final CgroupBindings bindings = new CgroupBindings();
    private final CgroupTargets cgroupTargets = new CgroupTargets();
    private DeviceNode base;
    private DeviceNode cgroupNode;

    /**
     * @param minors     the minor allocator of this major.
     * @param major      the nodes' major.
     * @param deviceName the base device's name.
     * @param epochNanos timestamps of the event lines, nanoseconds since the epoch.
     */
    public NodeRegistry(final MinorAllocator minors, final int major, final String deviceName,
        final LongSupplier epochNanos)
    {
        this(minors, major, deviceName, epochNanos, false);
    }

    /**
     * @param withCgroupNode whether the shared cgroup node comes online with the base node.
     */
    public NodeRegistry(final MinorAllocator minors, final int major, final String deviceName,
        final LongSupplier epochNanos, final boolean withCgroupNode)
    {
        this.withCgroupNode = withCgroupNode;
        this.minors = minors;
        this.major = major;
        this.deviceName = deviceName;
        this.epochNanos = epochNanos;
    }

    public void addListener(final NodeListener listener)
    {
        listeners.add(listener);
    }

    public void removeListener(final NodeListener listener)
    {
        listeners.remove(listener);
    }

    /**
     * The firmware was probed: create the base node the first time (lowest free minor), bring it online in a new
     * generation.
     *
     * @return the base node, or null when no minor is free.
     */
    public synchronized DeviceNode baseOnline()
    {
        if (base == null)
        {
            final int minor = minors.allocate();
            if (minor < 0)
            {
                LOG.error("no minor for the base device: status={}", minor);
                return null;
            }
            base = new DeviceNode(minor, major, minor, true, NodeView.BASE_PARTITION, deviceName);
            base.comeOnline(NodeView.BASE_PARTITION, deviceName);
            nodes.put(minor, base);
            event(base, "added partition=-1");
            LOG.info("node added: minor={} partition=-1 name={}", minor, deviceName);
            fireAdded(base);
            cgroupNodeOnline();
            return base;
        }
        base.comeOnline(NodeView.BASE_PARTITION, deviceName);
        event(base, "online generation=" + base.generation());
        LOG.info("node online: minor={} partition=-1 generation={}", base.minor(), base.generation());
        fireChanged(base);
        cgroupNodeOnline();
        return base;
    }

    private void cgroupNodeOnline()
    {
        if (!withCgroupNode)
        {
            return;
        }
        if (cgroupNode == null)
        {
            final int minor = minors.allocate(minors.capacity() - 1);
            if (minor < 0)
            {
                LOG.error("no minor for the cgroup node: minor={} status={}", minors.capacity() - 1, minor);
                return;
            }
            cgroupNode = new DeviceNode(minor, major, base.minor(), false, NodeView.CGROUP_NODE, "cgroup");
            cgroupNode.comeOnline(NodeView.CGROUP_NODE, "cgroup");
            nodes.put(minor, cgroupNode);
            event(cgroupNode, "added cgroup node");
            LOG.info("node added: minor={} partition=cgroup", minor);
            fireAdded(cgroupNode);
            return;
        }
        cgroupNode.comeOnline(NodeView.CGROUP_NODE, "cgroup");
        event(cgroupNode, "online generation=" + cgroupNode.generation());
        fireChanged(cgroupNode);
    }

    /** @return the shared cgroup node, or null (not enabled, or before the first probe). */
    public synchronized DeviceNode cgroupNode()
    {
        return cgroupNode;
    }

    /** @return minors in use. */
    public int minorsInUse()
    {
        return minors.inUse();
    }

    /** @return the cgroup binding table. */
    public CgroupBindings bindings()
    {
        return bindings;
    }

    /** @param listener told when a partition reached through the cgroup node goes (its sessions are dead). */
    public void addCgroupTargetListener(final Consumer<DeviceNode> listener)
    {
        cgroupTargets.addListener(listener);
    }

    /**
     * The node a session opened on the cgroup node uses: the partition as reached through it, made at the first
     * such open (and again after the firmware came back).
     *
     * @return the node, or null when the cgroup node is not online.
     */
    public synchronized DeviceNode cgroupTarget(final int partitionId, final String name)
    {
        if (cgroupNode == null || !cgroupNode.online())
        {
            return null;
        }
        return cgroupTargets.target(cgroupNode, base == null ? cgroupNode.minor() : base.minor(), partitionId, name);
    }

    /** @return how many partitions have been reached through the cgroup node and are still there. */
    public synchronized int cgroupTargets()
    {
        return cgroupTargets.size();
    }

    /** @return the base node, or null before the first probe. */
    public synchronized DeviceNode base()
    {
        return base;
    }

    /** The firmware is gone (SYS_ERR, dead, shutdown): every online node goes offline. */
    public synchronized void allOffline(final String reason)
    {
        bindings.clear(reason);
        cgroupTargets.removeAll();
        for (final DeviceNode node : nodes.values())
        {
            if (node.online())
            {
                node.goOffline();
                event(node, "offline reason=" + reason);
                LOG.info("node offline: minor={} partition={} reason={}", node.minor(), node.partitionId(), reason);
                fireChanged(node);
            }
        }
    }

    /** @return the node with this minor, or null. */
    public synchronized DeviceNode node(final int minor)
    {
        return nodes.get(minor);
    }

    /** @return the online shadow node of a partition, or null. */
    public synchronized DeviceNode onlineShadow(final int partitionId)
    {
        for (final DeviceNode node : nodes.values())
        {
            if (!node.isBase() && node.online() && node.partitionId() == partitionId)
            {
                return node;
            }
        }
        return null;
    }

    /**
     * Attach a shadow node to a partition the firmware just validated (SD_IOC_PART_DEV).
     *
     * @param partitionId  the partition.
     * @param name         its name.
     * @param wantedMinor  the minor to use, or -1 for the lowest free one.
     * @return the node's minor; -EBUSY (an online node holds the wanted minor), -EINVAL (minor out of range),
     *     -ENOSPC (no minor free).
     */
    public synchronized int attach(final int partitionId, final String name, final int wantedMinor)
    {
        final DeviceNode existing = onlineShadow(partitionId);
        if (existing != null)
        {
            return existing.minor();
        }
        if (wantedMinor >= 0)
        {
            final DeviceNode holder = nodes.get(wantedMinor);
            if (holder != null)
            {
                if (holder.isBase() || holder == cgroupNode || holder.online())
                {
                    LOG.warn("node not attached: minor in use: minor={} partition={}", wantedMinor,
                        holder.partitionId());
                    return Errno.EBUSY.status();
                }
                holder.comeOnline(partitionId, name);
                event(holder, "online partition=" + partitionId + " generation=" + holder.generation());
                LOG.info("node re-attached: minor={} partition={} name={} generation={}",
                    wantedMinor, partitionId, name, holder.generation());
                fireChanged(holder);
                return wantedMinor;
            }
        }
        final int minor = wantedMinor >= 0 ? minors.allocate(wantedMinor) : minors.allocate();
        if (minor < 0)
        {
            LOG.warn("node not attached: no minor: minor={} status={}", wantedMinor, minor);
            return minor;
        }
        final DeviceNode node = new DeviceNode(minor, major, base == null ? minor : base.minor(), false,
            partitionId, name);
        node.comeOnline(partitionId, name);
        nodes.put(minor, node);
        event(node, "added partition=" + partitionId);
        LOG.info("node added: minor={} partition={} name={}", minor, partitionId, name);
        fireAdded(node);
        return minor;
    }

    /**
     * Remove the shadow node of a partition (SD_IOC_PART_DEV with FLAG_REMOVE): its online node, else an offline
     * node last attached to it.
     *
     * @return the removed node's minor, or -ENOENT.
     */
    public synchronized int detach(final int partitionId)
    {
        DeviceNode found = onlineShadow(partitionId);
        if (found == null)
        {
            for (final DeviceNode node : nodes.values())
            {
                if (!node.isBase() && node.partitionId() == partitionId)
                {
                    found = node;
                    break;
                }
            }
        }
        if (found == null)
        {
            LOG.warn("node not detached: no node for partition: partition={}", partitionId);
            return Errno.ENOENT.status();
        }
        remove(found, "detached");
        return found.minor();
    }

    /**
     * The partition was destroyed or the firmware says it does not exist: remove its online node, drop its cgroup
     * bindings, and end the sessions that reached it through the cgroup node.
     *
     * @return the removed node's minor, or -ENOENT when it had none.
     */
    public synchronized int partitionGone(final int partitionId, final String reason)
    {
        bindings.dropPartition(partitionId);
        cgroupTargets.remove(partitionId);
        final DeviceNode node = onlineShadow(partitionId);
        if (node == null)
        {
            return Errno.ENOENT.status();
        }
        remove(node, reason);
        return node.minor();
    }

    /** Driver shutdown: every node goes away. */
    public synchronized void removeAll(final String reason)
    {
        for (final DeviceNode node : new ArrayList<>(nodes.values()))
        {
            remove(node, reason);
        }
        cgroupTargets.removeAll();
        base = null;
        cgroupNode = null;
    }

    /** @return a snapshot of every node, base device first. */
    public synchronized List<NodeView> views()
    {
        final List<NodeView> views = new ArrayList<>(nodes.size());
        if (base != null)
        {
            views.add(base.snapshot());
        }
        for (final DeviceNode node : nodes.values())
        {
            if (node != base)
            {
                views.add(node.snapshot());
            }
        }
        return views;
    }

    /** @return the node's event lines, or null for an unknown minor. */
    public synchronized String events(final int minor)
    {
        final DeviceNode node = nodes.get(minor);
        return node == null ? null : node.events();
    }

    /**
     * Something happened to a partition that its users should see (ABI.md 6.2): add {@code what} to the events of
     * its online shadow node (if it has one) and, followed by {@code partition=<id>}, to the base node's, and tell the
     * listeners ({@link NodeListener#onNodeEvent}). A partition reached only through the cgroup node has no events
     * file of its own.
     *
     * @return how many nodes got the line (0, 1 or 2).
     */
    public synchronized int partitionEvent(final int partitionId, final String what)
    {
        final long now = epochNanos.getAsLong();
        int count = 0;
        final DeviceNode shadow = onlineShadow(partitionId);
        if (shadow != null)
        {
            fireEvent(shadow, shadow.event(now, what));
            count++;
        }
        if (base != null && base.online())
        {
            fireEvent(base, base.event(now, what + " partition=" + partitionId));
            count++;
        }
        return count;
    }

    /** Add an event line to a node and tell the listeners (a {@code poll()} on its {@code events} file wakes). */
    private void event(final DeviceNode node, final String what)
    {
        fireEvent(node, node.event(epochNanos.getAsLong(), what));
    }

    /**
     * The firmware preempted a workload of the partition (its notice): the event line on its nodes, and the count
     * behind the node's preemptions metric.
     */
    public synchronized void preempted(final int partitionId, final String line)
    {
        final DeviceNode shadow = onlineShadow(partitionId);
        if (shadow != null)
        {
            shadow.preempted();
        }
        partitionEvent(partitionId, line);
    }

    /** @return event lines the node ever had, or -1 for an unknown minor. */
    public synchronized long eventsAdded(final int minor)
    {
        final DeviceNode node = nodes.get(minor);
        return node == null ? -1 : node.eventsAdded();
    }

    private void fireEvent(final DeviceNode node, final String line)
    {
        final NodeView view = node.snapshot();
        for (final NodeListener listener : listeners)
        {
            listener.onNodeEvent(view, line);
        }
    }

    private void remove(final DeviceNode node, final String reason)
    {
        node.remove();
        nodes.remove(node.minor());
        minors.free(node.minor());
        event(node, "removed reason=" + reason);
        LOG.info("node removed: minor={} partition={} reason={}", node.minor(), node.partitionId(), reason);
        fireRemoved(node);
    }

    private void fireAdded(final DeviceNode node)
    {
        final NodeView view = node.snapshot();
        for (final NodeListener listener : listeners)
        {
            listener.onNodeAdded(view);
        }
    }

    private void fireChanged(final DeviceNode node)
    {
        final NodeView view = node.snapshot();
        for (final NodeListener listener : listeners)
        {
            listener.onNodeChanged(view);
        }
    }

    private void fireRemoved(final DeviceNode node)
    {
        final NodeView view = node.snapshot();
        for (final NodeListener listener : listeners)
        {
            listener.onNodeRemoved(view);
        }
    }
}

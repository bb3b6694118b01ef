package dev.shadowdev.devfs.fs;

import dev.shadowdev.driver.api.NodeListener;
import dev.shadowdev.driver.api.NodeView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes the devfs shows, kept in step with the driver through {@link NodeListener}, with the mode and owner
 * of each node file (set by {@code chmod}/{@code chown}, kept while the node exists). The one owner of that state.
 */
final class NodeTable implements NodeListener
{
    private static final Logger LOG = LoggerFactory.getLogger(NodeTable.class);

    /** Base node default: root only. */
    static final int BASE_MODE = 0600;
    /** Shadow node default until the daemon applies the config's mode: root only as well. */
    static final int SHADOW_MODE = 0600;
    /** The shared cgroup node: every container may open it; its caller's cgroup picks the partition (ABI.md 7). */
    static final int CGROUP_MODE = 0666;

    /** One node file. */
    static final class Entry
    {
        volatile NodeView view;
        volatile int mode;
        volatile int uid;
        volatile int gid;
        final long createdEpochSeconds;

        Entry(final NodeView view, final int mode)
        {
            this.view = view;
            this.mode = mode;
            this.createdEpochSeconds = System.currentTimeMillis() / 1000;
        }
    }

    private final ConcurrentSkipListMap<Integer, Entry> byMinor = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Integer> byName = new ConcurrentHashMap<>();
    private volatile java.util.function.IntConsumer eventListener = minor -> { };
    private volatile int cgroupMinor = -1;

    Entry get(final int minor)
    {
        return byMinor.get(minor);
    }

    /** @return the shared cgroup node's minor, or -1 when there is none. */
    int cgroupMinor()
    {
        return cgroupMinor;
    }

    /** @return the file name of a node in {@code accel/}. */
    static String fileName(final NodeView view)
    {
        return view.isCgroupNode() ? DevfsPath.CGROUP_NODE_NAME : DevfsPath.nodeName(view.minor());
    }

    Collection<Entry> all()
    {
        return byMinor.values();
    }

    /** @return the minor of the shadow node of the partition called {@code name}, or -1. */
    int minorByName(final String name)
    {
        final Integer minor = byName.get(name);
        return minor == null ? -1 : minor;
    }

    List<String> names()
    {
        return new ArrayList<>(byName.keySet());
    }

    /** @param listener told the minor of a node that got an event line (its {@code events} file may be polled). */
    void eventListener(final java.util.function.IntConsumer listener)
    {
        this.eventListener = listener;
    }

    @Override
    public void onNodeAdded(final NodeView node)
    {
        final Entry entry = new Entry(node, node.isBase() ? BASE_MODE : node.isCgroupNode() ? CGROUP_MODE : SHADOW_MODE);
        byMinor.put(node.minor(), entry);
        if (node.isCgroupNode())
        {
            cgroupMinor = node.minor();
        }
        else if (!node.isBase())
        {
            byName.put(node.name(), node.minor());
        }
        LOG.debug("node added: minor={} partition={} name={}", node.minor(), node.partitionId(), node.name());
    }

    @Override
    public void onNodeRemoved(final NodeView node)
    {
        byMinor.remove(node.minor());
        if (node.isCgroupNode())
        {
            cgroupMinor = -1;
        }
        else
        {
            byName.remove(node.name(), node.minor());
        }
        LOG.debug("node removed: minor={} partition={} name={}", node.minor(), node.partitionId(), node.name());
    }

    @Override
    public void onNodeChanged(final NodeView node)
    {
        final Entry entry = byMinor.get(node.minor());
        if (entry != null)
        {
            entry.view = node;
        }
    }

    @Override
    public void onNodeEvent(final NodeView node, final String line)
    {
        eventListener.accept(node.minor());
    }
}

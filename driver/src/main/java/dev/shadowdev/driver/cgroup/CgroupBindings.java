package dev.shadowdev.driver.cgroup;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.CgroupBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binding table of the shared cgroup node (ABI.md 7): which cgroup paths reach which partition. The one owner of
 * the bindings. Changes (PART_BIND, a partition destroyed, the firmware lost) are serialized and publish a new
 * immutable map; {@link #lookup} reads the published map without a lock, so an {@code open()} costs one hash lookup
 * per component of the caller's cgroup path (O(depth)), whatever the number of bindings.
 */
public final class CgroupBindings
{
    private static final Logger LOG = LoggerFactory.getLogger(CgroupBindings.class);

    private volatile Map<String, CgroupBinding> byPath = Map.of();

    /**
     * Bind {@code path} (already checked by {@link CgroupPaths}) to a partition the firmware knows.
     *
     * @return 0 (also when it is bound to this partition already), or -EEXIST when another partition holds it.
     */
    public synchronized int bind(final String path, final int partitionId, final String partitionName)
    {
        final CgroupBinding existing = byPath.get(path);
        if (existing != null)
        {
            if (existing.partitionId() == partitionId)
            {
                return 0;
            }
            LOG.warn("cgroup not bound: path bound to another partition: path={} partition={} holder={}", path,
                partitionId, existing.partitionId());
            return Errno.EEXIST.status();
        }
        final Map<String, CgroupBinding> next = new HashMap<>(byPath);
        next.put(path, new CgroupBinding(path, partitionName, partitionId));
        byPath = Map.copyOf(next);
        LOG.info("cgroup bound: path={} partition={} name={}", path, partitionId, partitionName);
        return 0;
    }

    /** @return 0, or -ENOENT when {@code path} is not bound to that partition. */
    public synchronized int unbind(final String path, final int partitionId)
    {
        final CgroupBinding existing = byPath.get(path);
        if (existing == null || existing.partitionId() != partitionId)
        {
            LOG.warn("cgroup not unbound: path not bound to the partition: path={} partition={}", path, partitionId);
            return Errno.ENOENT.status();
        }
        final Map<String, CgroupBinding> next = new HashMap<>(byPath);
        next.remove(path);
        byPath = Map.copyOf(next);
        LOG.info("cgroup unbound: path={} partition={}", path, partitionId);
        return 0;
    }

    /** The partition is gone: its bindings go too. @return how many. */
    public synchronized int dropPartition(final int partitionId)
    {
        final Map<String, CgroupBinding> next = new HashMap<>(byPath);
        final int before = next.size();
        next.values().removeIf(b -> b.partitionId() == partitionId);
        final int dropped = before - next.size();
        if (dropped > 0)
        {
            byPath = Map.copyOf(next);
            LOG.info("cgroup bindings dropped: partition={} bindings={}", partitionId, dropped);
        }
        return dropped;
    }

    /** The firmware was lost with every partition: every binding goes (the daemon binds again after the reset). */
    public synchronized int clear(final String reason)
    {
        final int dropped = byPath.size();
        if (dropped > 0)
        {
            byPath = Map.of();
            LOG.info("cgroup bindings dropped: reason={} bindings={}", reason, dropped);
        }
        return dropped;
    }

    /**
     * @param cgroup a process's cgroup path, absolute.
     * @return the binding whose path is the longest component-wise prefix of {@code cgroup} ({@code /a/b} covers
     *     {@code /a/b} and {@code /a/b/c}, not {@code /a/bc}), or null.
     */
    public CgroupBinding lookup(final String cgroup)
    {
        final Map<String, CgroupBinding> map = byPath;
        if (map.isEmpty() || cgroup == null || cgroup.isEmpty() || cgroup.charAt(0) != '/')
        {
            return null;
        }
        int end = cgroup.length();
        while (end > 1 && cgroup.charAt(end - 1) == '/')
        {
            end--;
        }
        while (end > 0)
        {
            final CgroupBinding found = map.get(end == cgroup.length() ? cgroup : cgroup.substring(0, end));
            if (found != null)
            {
                return found;
            }
            final int slash = cgroup.lastIndexOf('/', end - 1);
            end = slash == 0 && end > 1 ? 1 : slash;
        }
        return null;
    }

    /** @return every binding, by path. */
    public List<CgroupBinding> list()
    {
        final List<CgroupBinding> list = new ArrayList<>(byPath.values());
        list.sort((a, b) -> a.path().compareTo(b.path()));
        return list;
    }

    /** @return how many paths are bound. */
    public int size()
    {
        return byPath.size();
    }
}

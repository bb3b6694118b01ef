package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.resource.Resources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An in-memory card and driver for daemon tests: partitions, a global pool, nodes with minors (0 = base), and cgroup
 * bindings as the driver keeps them (ABI.md 7: EEXIST for a path bound to another partition, ENOENT for an unknown
 * partition or an unbind of a path not bound to it, bindings dropped with their partition).
 */
final class FakePartitionControl implements PartitionControl
{
    final Map<Integer, PartitionEntry> partitions = new LinkedHashMap<>();
    final Map<Integer, Integer> nodes = new HashMap<>();
    /** path -> partition ID, in binding order. */
    final Map<String, Integer> bound = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    private final Map<String, int[]> failures = new HashMap<>();
    private Resources free;
    private int nextId = 1;

    FakePartitionControl(final Resources capacity)
    {
        free = capacity;
    }

    /** Make the next call of {@code op} (create, destroy, attach, detach, bind, unbind) fail with {@code errno}. */
    void failNext(final String op, final Errno errno)
    {
        failAfter(op, 0, errno);
    }

    /** Let {@code skip} calls of {@code op} through, then fail the next one with {@code errno}. */
    void failAfter(final String op, final int skip, final Errno errno)
    {
        failures.put(op, new int[] { skip, errno.status() });
    }

    /** Put a partition on the card directly, as if made earlier. */
    int add(final String name, final Resources reserved, final int active)
    {
        final int id = nextId++;
        partitions.put(id, new PartitionEntry(id, active, name, reserved, Resources.ZERO));
        free = free.minusFloored(reserved);
        return id;
    }

    Resources free()
    {
        return free;
    }

    @Override
    public List<PartitionEntry> query()
    {
        return new ArrayList<>(partitions.values());
    }

    @Override
    public Resources globalFree()
    {
        return free;
    }

    @Override
    public int create(final String name, final Resources resources) throws NodeException
    {
        calls.add("create " + name);
        fail("create");
        if (resources.firstExceeding(free) != null)
        {
            throw new NodeException(Errno.ENOSPC.status(), "PART_CREATE: status=ENOSPC name=" + name);
        }
        return add(name, resources, 0);
    }

    @Override
    public void destroy(final int partitionId, final boolean force) throws NodeException
    {
        calls.add("destroy " + partitionId + (force ? " force" : ""));
        fail("destroy");
        final PartitionEntry e = partitions.get(partitionId);
        if (e == null)
        {
            throw new NodeException(Errno.ENOENT.status(), "PART_DESTROY: status=ENOENT id=" + partitionId);
        }
        if (e.activeWorkloads() > 0 && !force)
        {
            throw new NodeException(Errno.EBUSY.status(), "PART_DESTROY: status=EBUSY id=" + partitionId);
        }
        partitions.remove(partitionId);
        bound.values().removeIf((id) -> id == partitionId);
        final long[] sum = free.toArray();
        for (int i = 0; i < Resource.COUNT; i++)
        {
            sum[i] += e.reserved().get(i);
        }
        free = Resources.of(sum);
    }

    @Override
    public int attachNode(final int partitionId, final int wantedMinor) throws NodeException
    {
        calls.add("attach " + partitionId + " " + wantedMinor);
        fail("attach");
        if (!partitions.containsKey(partitionId))
        {
            throw new NodeException(Errno.ENOENT.status(), "SD_IOC_PART_DEV: status=ENOENT id=" + partitionId);
        }
        final TreeSet<Integer> used = new TreeSet<>(nodes.values());
        int minor = wantedMinor;
        if (minor == ANY_MINOR || used.contains(minor))
        {
            minor = 1;
            while (used.contains(minor))
            {
                minor++;
            }
        }
        nodes.put(partitionId, minor);
        return minor;
    }

    @Override
    public void detachNode(final int partitionId) throws NodeException
    {
        calls.add("detach " + partitionId);
        fail("detach");
        if (nodes.remove(partitionId) == null)
        {
            throw new NodeException(Errno.ENOENT.status(), "SD_IOC_PART_DEV: status=ENOENT id=" + partitionId);
        }
    }

    @Override
    public void bind(final int partitionId, final String path) throws NodeException
    {
        calls.add("bind " + partitionId + " " + path);
        fail("bind");
        if (!partitions.containsKey(partitionId))
        {
            throw new NodeException(Errno.ENOENT.status(), "PART_BIND: status=ENOENT index=0");
        }
        final Integer owner = bound.get(path);
        if (owner != null && owner != partitionId)
        {
            throw new NodeException(Errno.EEXIST.status(), "PART_BIND: status=EEXIST index=0");
        }
        bound.put(path, partitionId);
    }

    @Override
    public void unbind(final int partitionId, final String path) throws NodeException
    {
        calls.add("unbind " + partitionId + " " + path);
        fail("unbind");
        final Integer owner = bound.get(path);
        if (!partitions.containsKey(partitionId) || owner == null || owner != partitionId)
        {
            throw new NodeException(Errno.ENOENT.status(), "PART_BIND: status=ENOENT index=0");
        }
        bound.remove(path);
    }

    @Override
    public List<CgroupBinding> bindings()
    {
        final List<CgroupBinding> list = new ArrayList<>();
        for (final Map.Entry<String, Integer> e : bound.entrySet())
        {
            list.add(new CgroupBinding(e.getKey(), partitions.get(e.getValue()).name(), e.getValue()));
        }
        return list;
    }

    private void fail(final String op) throws NodeException
    {
        final int[] failure = failures.get(op);
        if (failure != null && failure[0]-- == 0)
        {
            failures.remove(op);
            throw new NodeException(failure[1], op + ": injected: status=" + NodeException.describe(failure[1]));
        }
    }
}

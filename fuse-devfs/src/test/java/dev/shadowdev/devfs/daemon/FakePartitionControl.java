package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.client.ResizeResult;
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
 * <p>
 * Made with {@link #elastic}, it also models elastic partitions (ABI.md 6) at the level the daemon sees them:
 * reservations admitted while {@code sum(min) <= total} (else ENOSPC), workloads in activation order whose use
 * beyond their partition's reservation is borrowed (from what no one reserves, then from idle reservations of
 * lending partitions), PART_RESIZE in place (EBUSY below {@code used} without FORCE, FORCE preempting the
 * partition's own newest workloads, a grown reservation preempting the newest borrowers of other partitions until
 * the card holds what it lends), PART_DRAIN's states, PART_QUERY_EX. Without it, PART_QUERY_EX is refused with
 * EINVAL as by a card without elastic partitions.
 */
final class FakePartitionControl implements PartitionControl
{
    /** One workload: when it was activated (newest is highest) and what it holds. */
    record Workload(long seq, Resources need)
    {
    }

    /** One partition as the fake card keeps it. */
    static final class Part
    {
        final int id;
        final String name;
        Resources min;
        Resources max;
        boolean lend;
        int state;
        final List<Workload> workloads = new ArrayList<>();

        Part(final int id, final String name, final Resources min, final Resources max, final boolean lend)
        {
            this.id = id;
            this.name = name;
            this.min = min;
            this.max = max;
            this.lend = lend;
        }

        Resources used()
        {
            Resources sum = Resources.ZERO;
            for (final Workload w : workloads)
            {
                sum = sum.plus(w.need());
            }
            return sum;
        }

        Resources borrowed()
        {
            return used().minusFloored(min);
        }

        PartitionEntryEx entry()
        {
            return new PartitionEntryEx(id, workloads.size(), name, state, lend ? 1 : 0, min, max, used(), borrowed());
        }
    }

    final Map<Integer, Part> partitions = new LinkedHashMap<>();
    final Map<Integer, Integer> nodes = new HashMap<>();
    /** path -> partition ID, in binding order. */
    final Map<String, Integer> bound = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    /** Workloads preempted so far, each as {@code name#seq}. */
    final List<String> preempted = new ArrayList<>();
    private final Map<String, int[]> failures = new HashMap<>();
    private final Resources total;
    private final boolean elastic;
    private int nextId = 1;
    private long nextSeq = 1;

    /** A card without elastic partitions. */
    FakePartitionControl(final Resources capacity)
    {
        this(capacity, false);
    }

    private FakePartitionControl(final Resources capacity, final boolean elastic)
    {
        this.total = capacity;
        this.elastic = elastic;
    }

    /** @return a card with elastic partitions (it answers PART_QUERY_EX, PART_RESIZE, PART_DRAIN). */
    static FakePartitionControl elastic(final Resources capacity)
    {
        return new FakePartitionControl(capacity, true);
    }

    /**
     * Make the next call of {@code op} (create, destroy, attach, detach, bind, unbind, resize, drain, queryEx) fail
     * with {@code errno}.
     */
    void failNext(final String op, final Errno errno)
    {
        failAfter(op, 0, errno);
    }

    /** Let {@code skip} calls of {@code op} through, then fail the next one with {@code errno}. */
    void failAfter(final String op, final int skip, final Errno errno)
    {
        failures.put(op, new int[] { skip, errno.status() });
    }

    /** Put a fixed partition on the card directly, as if made earlier, with {@code active} workloads using nothing. */
    int add(final String name, final Resources reserved, final int active)
    {
        final int id = add(name, reserved, reserved, false);
        for (int i = 0; i < active; i++)
        {
            activate(id, Resources.ZERO);
        }
        return id;
    }

    /** Put a partition on the card directly, as if made earlier. */
    int add(final String name, final Resources min, final Resources max, final boolean lend)
    {
        final int id = nextId++;
        partitions.put(id, new Part(id, name, min, max, lend));
        return id;
    }

    /** A workload on partition {@code id} activates holding {@code need} (the caller keeps within the card). */
    void activate(final int id, final Resources need)
    {
        partitions.get(id).workloads.add(new Workload(nextSeq++, need));
    }

    /** @return what no partition reserves. */
    Resources free()
    {
        Resources reserved = Resources.ZERO;
        for (final Part p : partitions.values())
        {
            reserved = reserved.plus(p.min);
        }
        return total.minusFloored(reserved);
    }

    @Override
    public List<PartitionEntry> query()
    {
        final List<PartitionEntry> list = new ArrayList<>();
        for (final Part p : partitions.values())
        {
            list.add(new PartitionEntry(p.id, p.workloads.size(), p.name, p.min, p.used()));
        }
        return list;
    }

    @Override
    public List<PartitionEntryEx> queryEx() throws NodeException
    {
        fail("queryEx");
        if (!elastic)
        {
            throw new NodeException(Errno.EINVAL.status(), "PART_QUERY_EX: status=EINVAL");
        }
        return partitions.values().stream().map(Part::entry).toList();
    }

    @Override
    public Resources globalFree()
    {
        return free();
    }

    @Override
    public Resources total()
    {
        return total;
    }

    @Override
    public int create(final String name, final Resources resources) throws NodeException
    {
        calls.add("create " + name);
        fail("create");
        if (resources.firstExceeding(free()) != null)
        {
            throw new NodeException(Errno.ENOSPC.status(), "PART_CREATE: status=ENOSPC name=" + name);
        }
        final int id = add(name, resources, resources, false);
        revoke(id);
        return id;
    }

    @Override
    public int create(final String name, final Resources min, final Resources max, final boolean lend)
        throws NodeException
    {
        calls.add("create " + name + " " + Resizes.ranges(min, max) + " lend=" + lend);
        fail("create");
        if (!elastic)
        {
            throw new NodeException(Errno.EINVAL.status(), "PART_CREATE: status=EINVAL name=" + name);
        }
        checkLimits("PART_CREATE", min, max);
        if (min.firstExceeding(free()) != null)
        {
            throw new NodeException(Errno.ENOSPC.status(), "PART_CREATE: status=ENOSPC name=" + name);
        }
        final int id = add(name, min, max, lend);
        revoke(id);
        return id;
    }

    @Override
    public ResizeResult resize(final int partitionId, final int flags, final Resources min, final Resources max)
        throws NodeException
    {
        calls.add("resize " + partitionId + " flags=" + flags + " " + Resizes.ranges(min, max));
        fail("resize");
        final Part p = partitions.get(partitionId);
        if (!elastic || p == null)
        {
            throw new NodeException((p == null ? Errno.ENOENT : Errno.EINVAL).status(),
                "PART_RESIZE: status=" + (p == null ? "ENOENT" : "EINVAL") + " id=" + partitionId);
        }
        if ((flags & ~7) != 0 || (flags & 6) == 6)
        {
            throw new NodeException(Errno.EINVAL.status(), "PART_RESIZE: status=EINVAL flags=" + flags);
        }
        checkLimits("PART_RESIZE", min, max);
        if (min.firstExceeding(free().plus(p.min)) != null)
        {
            throw new NodeException(Errno.ENOSPC.status(), "PART_RESIZE: status=ENOSPC id=" + partitionId);
        }
        if (p.used().firstExceeding(max) != null && (flags & 1) == 0)
        {
            throw new NodeException(Errno.EBUSY.status(), "PART_RESIZE: status=EBUSY id=" + partitionId);
        }
        int count = 0;
        while (p.used().firstExceeding(max) != null)
        {
            preempt(p, p.workloads.get(p.workloads.size() - 1));
            count++;
        }
        p.min = min;
        p.max = max;
        p.lend = (flags & 2) != 0 || p.lend && (flags & 4) == 0;
        return new ResizeResult(0, count + revoke(partitionId));
    }

    @Override
    public int drain(final int partitionId, final boolean undo, final int graceMs) throws NodeException
    {
        calls.add("drain " + partitionId + (undo ? " undo" : " grace=" + Integer.toUnsignedString(graceMs)));
        fail("drain");
        final Part p = partitions.get(partitionId);
        if (!elastic || p == null)
        {
            throw new NodeException((p == null ? Errno.ENOENT : Errno.EINVAL).status(),
                "PART_DRAIN: status=" + (p == null ? "ENOENT" : "EINVAL") + " id=" + partitionId);
        }
        final int active = p.workloads.size();
        if (undo)
        {
            p.state = 0;
        }
        else if (graceMs == 0)
        {
            while (!p.workloads.isEmpty())
            {
                preempt(p, p.workloads.get(p.workloads.size() - 1));
            }
            p.state = 2;
        }
        else
        {
            p.state = 1;
        }
        return active;
    }

    /**
     * Take reservations back: while the card would hold more than it has (reservations, plus what is borrowed,
     * minus the idle reservations of lending partitions), preempt the newest workload of another partition that
     * borrows the short resource.
     *
     * @return how many were preempted.
     */
    private int revoke(final int owner)
    {
        int count = 0;
        while (true)
        {
            final Resources deficit = deficit();
            Part victimPart = null;
            Workload victim = null;
            for (final Part p : partitions.values())
            {
                if (p.id == owner || !overlaps(p.borrowed(), deficit))
                {
                    continue;
                }
                final Workload newest = p.workloads.get(p.workloads.size() - 1);
                if (victim == null || newest.seq() > victim.seq())
                {
                    victim = newest;
                    victimPart = p;
                }
            }
            if (victim == null)
            {
                return count;
            }
            preempt(victimPart, victim);
            count++;
        }
    }

    /** @return what the card lacks, per resource, floored at zero. */
    private Resources deficit()
    {
        Resources held = Resources.ZERO;
        Resources lent = Resources.ZERO;
        for (final Part p : partitions.values())
        {
            held = held.plus(p.min).plus(p.borrowed());
            if (p.lend)
            {
                lent = lent.plus(p.min.minusFloored(p.used()));
            }
        }
        return held.minusFloored(total.plus(lent));
    }

    private static boolean overlaps(final Resources a, final Resources b)
    {
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (a.get(i) > 0 && b.get(i) > 0)
            {
                return true;
            }
        }
        return false;
    }

    private void preempt(final Part p, final Workload w)
    {
        p.workloads.remove(w);
        preempted.add(p.name + "#" + w.seq());
    }

    private static void checkLimits(final String what, final Resources min, final Resources max) throws NodeException
    {
        if (min.firstExceeding(max) != null || max.get(Resource.CORES) == 0 || max.get(Resource.DMA_CHANNELS) == 0)
        {
            throw new NodeException(Errno.EINVAL.status(), what + ": status=EINVAL");
        }
    }

    @Override
    public void destroy(final int partitionId, final boolean force) throws NodeException
    {
        calls.add("destroy " + partitionId + (force ? " force" : ""));
        fail("destroy");
        final Part p = partitions.get(partitionId);
        if (p == null)
        {
            throw new NodeException(Errno.ENOENT.status(), "PART_DESTROY: status=ENOENT id=" + partitionId);
        }
        if (!p.workloads.isEmpty() && !force)
        {
            throw new NodeException(Errno.EBUSY.status(), "PART_DESTROY: status=EBUSY id=" + partitionId);
        }
        partitions.remove(partitionId);
        bound.values().removeIf((id) -> id == partitionId);
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
            list.add(new CgroupBinding(e.getKey(), partitions.get(e.getValue()).name, e.getValue()));
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

package dev.shadowdev.devfs.testing;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A card and driver small enough for CLI and daemon tests: a global pool, partitions with their pools and active
 * workload counts, nodes (minor 0 is the base node), and cgroup bindings (ABI.md 7) with the optional shared node
 * {@code accel/cgroup}. {@link FakeNode} speaks the node ABI on top of it. Not the firmware model: only what the
 * devfs client code needs to see answered.
 */
public final class FakeCard
{
    /** One partition: what it reserves and what its workloads use. */
    public static final class Part
    {
        final int id;
        final String name;
        final long[] reserved;
        final long[] used = new long[Resource.COUNT];
        int active;

        Part(final int id, final String name, final long[] reserved)
        {
            this.id = id;
            this.name = name;
            this.reserved = reserved.clone();
        }

        public int active()
        {
            return active;
        }
    }

    final long[] capacity;
    final long[] globalUsed = new long[Resource.COUNT];
    final Map<Integer, Part> partitions = new LinkedHashMap<>();
    /** minor -> partition ID (-1 for the base node). */
    final Map<Integer, Integer> nodes = new TreeMap<>();
    /** cgroup path -> partition ID, in binding order. */
    final Map<String, Integer> bindings = new LinkedHashMap<>();
    private int cgroupMinor = -1;
    private int nextId = 1;
    private Path tree;

    public FakeCard(final long... capacity)
    {
        this.capacity = capacity.clone();
        nodes.put(0, -1);
    }

    public Map<Integer, Integer> nodes()
    {
        return nodes;
    }

    /** @return the bindings, path to partition ID. */
    public Map<String, Integer> bindings()
    {
        return bindings;
    }

    /**
     * Give the card the shared node {@code accel/cgroup} at {@code minor}, mirrored as the filesystem shows it (the
     * file, and {@code class/accel/accel<minor>/partition} reading {@code cgroup}). Not in {@link #nodes()}.
     */
    public FakeCard withCgroupNode(final int minor)
    {
        cgroupMinor = minor;
        sync();
        return this;
    }

    /**
     * Keep a devfs-like tree of plain files in {@code dir} in step with the nodes: {@code accel/accel<minor>},
     * {@code by-name/<name>} links, {@code class/accel/accel<minor>/{partition,dev}} and the {@code cgroups}
     * listing, as the filesystem would.
     */
    public FakeCard mirror(final Path dir)
    {
        tree = dir;
        sync();
        return this;
    }

    private void sync()
    {
        if (tree == null)
        {
            return;
        }
        try
        {
            Files.createDirectories(tree.resolve("accel"));
            Files.createDirectories(tree.resolve("by-name"));
            try (var links = Files.list(tree.resolve("by-name")))
            {
                for (final Path link : links.toList())
                {
                    Files.delete(link);
                }
            }
            try (var files = Files.list(tree.resolve("accel")))
            {
                for (final Path f : files.toList())
                {
                    final String file = f.getFileName().toString();
                    if (!file.startsWith("accel"))
                    {
                        continue;
                    }
                    final int minor = Integer.parseInt(file.substring(5));
                    if (!nodes.containsKey(minor))
                    {
                        Files.delete(f);
                    }
                }
            }
            for (final Map.Entry<Integer, Integer> e : nodes.entrySet())
            {
                final String node = "accel" + e.getKey();
                final Path file = tree.resolve("accel").resolve(node);
                if (!Files.exists(file))
                {
                    Files.createFile(file);
                }
                final Path attrs = Files.createDirectories(tree.resolve("class").resolve("accel").resolve(node));
                Files.writeString(attrs.resolve("partition"), e.getValue() + "\n");
                Files.writeString(attrs.resolve("dev"), "261:" + e.getKey() + "\n");
                if (e.getValue() >= 0 && partitions.containsKey(e.getValue()))
                {
                    Files.createSymbolicLink(tree.resolve("by-name").resolve(partitions.get(e.getValue()).name),
                        Path.of("..", "accel", node));
                }
            }
            if (cgroupMinor >= 0)
            {
                final Path file = tree.resolve("accel").resolve("cgroup");
                if (!Files.exists(file))
                {
                    Files.createFile(file);
                }
                final Path attrs = Files.createDirectories(
                    tree.resolve("class").resolve("accel").resolve("accel" + cgroupMinor));
                Files.writeString(attrs.resolve("partition"), "cgroup\n");
                Files.writeString(attrs.resolve("dev"), "261:" + cgroupMinor + "\n");
            }
            final StringBuilder listing = new StringBuilder();
            for (final Map.Entry<String, Integer> b : bindings.entrySet())
            {
                listing.append(b.getKey()).append(' ').append(partitions.get(b.getValue()).name).append(' ')
                    .append(b.getValue()).append('\n');
            }
            Files.writeString(tree.resolve("cgroups"), listing.toString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public Part partition(final int id)
    {
        return partitions.get(id);
    }

    /** @return the free amounts of the global pool. */
    long[] globalFree()
    {
        final long[] free = capacity.clone();
        for (final Part p : partitions.values())
        {
            for (int i = 0; i < Resource.COUNT; i++)
            {
                free[i] -= p.reserved[i];
            }
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            free[i] -= globalUsed[i];
        }
        return free;
    }

    /** @return the partition ID, or a negative errno; {@code shortMask[0]} gets the short resources. */
    int create(final String name, final long[] res, final int[] shortMask)
    {
        final long[] free = globalFree();
        int mask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (res[i] > free[i])
            {
                mask |= 1 << i;
            }
        }
        shortMask[0] = mask;
        if (mask != 0)
        {
            return Errno.ENOSPC.status();
        }
        final int id = nextId++;
        partitions.put(id, new Part(id, name, res));
        return id;
    }

    int destroy(final int id, final boolean force)
    {
        final Part p = partitions.get(id);
        if (p == null)
        {
            return Errno.ENOENT.status();
        }
        if (p.active > 0 && !force)
        {
            return Errno.EBUSY.status();
        }
        partitions.remove(id);
        bindings.values().removeIf((owner) -> owner == id);
        sync();
        return 0;
    }

    /** PART_BIND on a checked path: @return 0 or a negative errno (ABI.md 7). */
    int bind(final int id, final String path, final boolean unbind)
    {
        final Integer owner = bindings.get(path);
        if (!partitions.containsKey(id))
        {
            return Errno.ENOENT.status();
        }
        if (unbind)
        {
            if (owner == null || owner != id)
            {
                return Errno.ENOENT.status();
            }
            bindings.remove(path);
        }
        else
        {
            if (owner != null && owner != id)
            {
                return Errno.EEXIST.status();
            }
            bindings.put(path, id);
        }
        sync();
        return 0;
    }

    /** SD_IOC_PART_DEV create: @return the minor or a negative errno. */
    int attach(final int id, final int wanted)
    {
        if (!partitions.containsKey(id))
        {
            return Errno.ENOENT.status();
        }
        for (final Map.Entry<Integer, Integer> e : nodes.entrySet())
        {
            if (e.getValue() == id)
            {
                return e.getKey();
            }
        }
        int minor = wanted;
        if (minor < 0)
        {
            minor = 1;
            while (nodes.containsKey(minor))
            {
                minor++;
            }
        }
        else if (nodes.containsKey(minor))
        {
            return Errno.EBUSY.status();
        }
        nodes.put(minor, id);
        sync();
        return minor;
    }

    int detach(final int id)
    {
        final boolean removed = nodes.values().remove(id);
        sync();
        return removed ? 0 : Errno.ENOENT.status();
    }

    /** @return the pool of the node's partition: {total, free}. */
    long[][] pool(final int partitionId)
    {
        if (partitionId < 0)
        {
            return new long[][] { capacity.clone(), globalFree() };
        }
        final Part p = partitions.get(partitionId);
        final long[] free = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            free[i] = p.reserved[i] - p.used[i];
        }
        return new long[][] { p.reserved.clone(), free };
    }

    /** Take {@code needs} from a pool: @return 0 or the short mask as a negative number's complement. */
    int admit(final int partitionId, final long[] needs)
    {
        final long[] free = pool(partitionId)[1];
        int mask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (needs[i] > free[i])
            {
                mask |= 1 << i;
            }
        }
        if (mask != 0)
        {
            return mask;
        }
        final long[] used = partitionId < 0 ? globalUsed : partitions.get(partitionId).used;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            used[i] += needs[i];
        }
        if (partitionId >= 0)
        {
            partitions.get(partitionId).active++;
        }
        return 0;
    }

    void release(final int partitionId, final long[] needs)
    {
        final Part p = partitionId < 0 ? null : partitions.get(partitionId);
        final long[] used = p == null ? globalUsed : p.used;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            used[i] -= needs[i];
        }
        if (p != null)
        {
            p.active--;
        }
    }

    /** @return a new session on node {@code minor}. */
    public FakeNode open(final int minor)
    {
        final Integer id = nodes.get(minor);
        if (id == null)
        {
            throw new IllegalArgumentException("no such node: minor=" + minor);
        }
        return new FakeNode(this, minor, id);
    }
}

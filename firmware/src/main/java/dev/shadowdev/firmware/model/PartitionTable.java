package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Owns the global pool and the partitions carved out of it: their IDs, names and reservations.
 * <p>
 * Rules:
 * <ul>
 *     <li>IDs start at 1 and are never reused until {@link #clear()} (a firmware reset); -1 means the global pool.</li>
 *     <li>Names are unique, 1 to {@link #MAX_NAME_BYTES} bytes of UTF-8, printable (no control, format, private-use,
 *         unassigned or lone-surrogate code points), no {@code '/'} and not {@code "."} or {@code ".."}: a name
 *         becomes a file name under {@code by-name/}.</li>
 *     <li>A reservation needs at least one core and one DMA channel (a partition without them could never activate
 *         a workload); memory, bus replicators and semaphores may be zero. Amounts are u64 on the wire: a value
 *         above 2^63 - 1 is refused as out of range.</li>
 *     <li>A reservation that does not fit the global pool's free (unreserved, unused) resources is ENOSPC with the
 *         short mask; cores and DMA channels are taken lowest free unit first.</li>
 * </ul>
 * Not thread-safe: guarded by the {@link Firmware} lock.
 */
final class PartitionTable
{
    /** The partition ID of the global pool: "no partition". */
    static final int GLOBAL = -1;

    /** Longest partition name in UTF-8 bytes: the wire field is {@code char name[32]} with a terminator. */
    static final int MAX_NAME_BYTES = 31;

    private final DeviceProfile profile;
    private final TreeMap<Integer, Partition> partitions = new TreeMap<>();
    private Pool global;
    private int nextId;

    PartitionTable(final DeviceProfile profile)
    {
        this.profile = profile;
        clear();
    }

    /**
     * Drop every partition and give the global pool its full capacity back; IDs restart at 1.
     */
    void clear()
    {
        partitions.clear();
        final long[] capacity = profile.capacity().toArray();
        global = new Pool(new Allocation(
            capacity,
            Allocation.firstUnits(capacity[Resource.CORES.ordinal()]),
            Allocation.firstUnits(capacity[Resource.DMA_CHANNELS.ordinal()])));
        nextId = 1;
    }

    Pool global()
    {
        return global;
    }

    /**
     * @param id a partition ID.
     * @return the live partition, or null.
     */
    Partition get(final int id)
    {
        return partitions.get(id);
    }

    /** @return the live partitions in ID order. */
    List<Partition> all()
    {
        return new ArrayList<>(partitions.values());
    }

    /**
     * @param partitionId a request's partition: -1 or a live partition ID.
     * @return the pool the request draws from.
     * @throws FirmwareException ENODEV {@code unknown partition: partition=7} when it is neither.
     */
    Pool poolFor(final int partitionId) throws FirmwareException
    {
        if (partitionId == GLOBAL)
        {
            return global;
        }
        final Partition partition = partitions.get(partitionId);
        if (partition == null)
        {
            throw new FirmwareException(Errno.ENODEV, "unknown partition: partition=" + partitionId);
        }
        return partition.pool();
    }

    /**
     * Carve a partition out of the global pool. Refused requests change nothing (and consume no ID).
     *
     * @param name      unique partition name.
     * @param resources five amounts in {@link Resource} order.
     * @return the new partition.
     * @throws FirmwareException EINVAL (bad name or vector), EEXIST (name in use), ENOSPC (does not fit).
     */
    Partition create(final String name, final long[] resources) throws FirmwareException
    {
        checkName(name);
        for (final Partition partition : partitions.values())
        {
            if (partition.name().equals(name))
            {
                throw new FirmwareException(Errno.EEXIST, "partition name in use: name=" + name);
            }
        }
        checkResources(resources);
        final int shortMask = global.shortMask(resources);
        if (shortMask != 0)
        {
            throw FirmwareException.shortage(shortMask);
        }
        if (nextId == Integer.MAX_VALUE)
        {
            throw new FirmwareException(Errno.ENOSPC, "partition ids exhausted: next_id=" + nextId);
        }
        final Partition partition = new Partition(nextId++, name, global.carve(resources));
        partitions.put(partition.id(), partition);
        return partition;
    }

    /**
     * Give a partition's reservation back to the global pool. Its workloads must already be gone.
     *
     * @param partition a live partition.
     */
    void remove(final Partition partition)
    {
        partitions.remove(partition.id());
        global.restore(partition.reservation());
    }

    private static void checkName(final String name) throws FirmwareException
    {
        if (name == null || name.isEmpty())
        {
            throw new FirmwareException(Errno.EINVAL, "partition name empty: bytes=0");
        }
        final int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES)
        {
            throw new FirmwareException(
                Errno.EINVAL, "partition name too long: bytes=" + bytes + " max=" + MAX_NAME_BYTES);
        }
        int index = 0;
        for (int i = 0; i < name.length(); index++)
        {
            final int codePoint = name.codePointAt(i);
            if (!printable(codePoint))
            {
                throw new FirmwareException(
                    Errno.EINVAL,
                    String.format("bad partition name char: codepoint=0x%02x index=%d", codePoint, index));
            }
            i += Character.charCount(codePoint);
        }
        if (name.equals(".") || name.equals(".."))
        {
            throw new FirmwareException(Errno.EINVAL, "bad partition name: name=" + name);
        }
    }

    private static boolean printable(final int codePoint)
    {
        if (codePoint == '/' || Character.isISOControl(codePoint))
        {
            return false;
        }
        switch (Character.getType(codePoint))
        {
            case Character.FORMAT:
            case Character.UNASSIGNED:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    private static void checkResources(final long[] resources) throws FirmwareException
    {
        if (resources == null || resources.length != Resource.COUNT)
        {
            throw new FirmwareException(
                Errno.EINVAL, "bad resource vector: length=" + (resources == null ? 0 : resources.length));
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (resources[i] < 0)
            {
                throw new FirmwareException(
                    Errno.EINVAL, "resource out of range: res[" + i + "]=" + Long.toUnsignedString(resources[i]));
            }
        }
        if (resources[Resource.CORES.ordinal()] == 0)
        {
            throw new FirmwareException(Errno.EINVAL, "partition needs cores: res[0]=0");
        }
        if (resources[Resource.DMA_CHANNELS.ordinal()] == 0)
        {
            throw new FirmwareException(Errno.EINVAL, "partition needs dma channels: res[4]=0");
        }
    }
}

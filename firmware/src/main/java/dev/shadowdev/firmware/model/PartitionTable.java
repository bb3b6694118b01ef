package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Owns the partitions: their IDs, names, reservations and limits. What they use, the unreserved pool and borrowing
 * are computed by {@link Ledger}; admission, placement and revocation are the {@link Arbiter}'s.
 * <p>
 * Rules:
 * <ul>
 *     <li>IDs start at 1 and are never reused until {@link #clear()} (a firmware reset); -1 means the global pool
 *         (the base node).</li>
 *     <li>Names are unique, 1 to {@link #MAX_NAME_BYTES} bytes of UTF-8, printable (no control, format, private-use,
 *         unassigned or lone-surrogate code points), no {@code '/'} and not {@code "."} or {@code ".."}: a name
 *         becomes a file name under {@code by-name/}.</li>
 *     <li>A v1 reservation ({@code min = max = res}) needs at least one core and one DMA channel (a partition
 *         without them could never activate a workload); memory, bus replicators and semaphores may be zero. An
 *         elastic partition needs them in its {@code max} only (it may borrow them all), and {@code min <= max}.
 *         Amounts are u64 on the wire: a value above 2^63 - 1 is refused as out of range.</li>
 * </ul>
 * Not thread-safe: guarded by the {@link Firmware} lock.
 */
final class PartitionTable
{
    /** The partition ID of the global pool: "no partition". */
    static final int GLOBAL = -1;

    /** Longest partition name in UTF-8 bytes: the wire field is {@code char name[32]} with a terminator. */
    static final int MAX_NAME_BYTES = 31;

    private final TreeMap<Integer, Partition> partitions = new TreeMap<>();
    private int nextId;

    PartitionTable()
    {
        clear();
    }

    /** Drop every partition; IDs restart at 1. */
    void clear()
    {
        partitions.clear();
        nextId = 1;
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
     * @return the partition, or null for -1.
     * @throws FirmwareException ENODEV {@code unknown partition: partition=7} when it is neither.
     */
    Partition require(final int partitionId) throws FirmwareException
    {
        if (partitionId == GLOBAL)
        {
            return null;
        }
        final Partition partition = partitions.get(partitionId);
        if (partition == null)
        {
            throw new FirmwareException(Errno.ENODEV, "unknown partition: partition=" + partitionId);
        }
        return partition;
    }

    /**
     * @throws FirmwareException EINVAL (bad name), EEXIST ({@code partition name in use: name=a}).
     */
    void checkNewName(final String name) throws FirmwareException
    {
        checkName(name);
        for (final Partition partition : partitions.values())
        {
            if (partition.name().equals(name))
            {
                throw new FirmwareException(Errno.EEXIST, "partition name in use: name=" + name);
            }
        }
    }

    /**
     * @throws FirmwareException ENOSPC {@code partition ids exhausted: next_id=2147483647}.
     */
    void checkIds() throws FirmwareException
    {
        if (nextId == Integer.MAX_VALUE)
        {
            throw new FirmwareException(Errno.ENOSPC, "partition ids exhausted: next_id=" + nextId);
        }
    }

    /**
     * Add a partition with no designated units yet (the caller admitted it and places them).
     *
     * @return the new partition.
     */
    Partition add(final String name, final long[] min, final long[] max, final boolean lend)
    {
        final Partition partition = new Partition(nextId++, name, min, max, lend);
        partitions.put(partition.id(), partition);
        return partition;
    }

    /**
     * Forget a partition; its designated units are unreserved again. Its workloads must already be gone.
     *
     * @param partition a live partition.
     */
    void remove(final Partition partition)
    {
        partitions.remove(partition.id());
    }

    /**
     * A v1 resource vector (PART_CREATE with 72 bytes).
     *
     * @throws FirmwareException EINVAL: {@code bad resource vector: length=4},
     * {@code resource out of range: res[1]=9223372036854775808}, {@code partition needs cores: res[0]=0},
     * {@code partition needs dma channels: res[4]=0}.
     */
    static void checkResources(final long[] resources) throws FirmwareException
    {
        checkVector("res", resources);
        if (resources[Resource.CORES.ordinal()] == 0)
        {
            throw new FirmwareException(Errno.EINVAL, "partition needs cores: res[0]=0");
        }
        if (resources[Resource.DMA_CHANNELS.ordinal()] == 0)
        {
            throw new FirmwareException(Errno.EINVAL, "partition needs dma channels: res[4]=0");
        }
    }

    /**
     * An elastic reservation and limit (PART_CREATE v1.1, PART_RESIZE).
     *
     * @throws FirmwareException EINVAL: as {@link #checkResources} with {@code min}/{@code max} for {@code res},
     * the cores and channel checks on {@code max}, and {@code min above max: min[0]=4 max[0]=2}.
     */
    static void checkLimits(final long[] min, final long[] max) throws FirmwareException
    {
        checkVector("min", min);
        checkVector("max", max);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (min[i] > max[i])
            {
                throw new FirmwareException(
                    Errno.EINVAL, "min above max: min[" + i + "]=" + min[i] + " max[" + i + "]=" + max[i]);
            }
        }
        if (max[Resource.CORES.ordinal()] == 0)
        {
            throw new FirmwareException(Errno.EINVAL, "partition needs cores: max[0]=0");
        }
        if (max[Resource.DMA_CHANNELS.ordinal()] == 0)
        {
            throw new FirmwareException(Errno.EINVAL, "partition needs dma channels: max[4]=0");
        }
    }

    private static void checkVector(final String field, final long[] values) throws FirmwareException
    {
        if (values == null || values.length != Resource.COUNT)
        {
            throw new FirmwareException(
                Errno.EINVAL, "bad resource vector: length=" + (values == null ? 0 : values.length));
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (values[i] < 0)
            {
                throw new FirmwareException(Errno.EINVAL,
                    "resource out of range: " + field + "[" + i + "]=" + Long.toUnsignedString(values[i]));
            }
        }
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
}

package dev.shadowdev.wire;

import dev.shadowdev.abi.Resource;

/**
 * One partition in a PART_QUERY answer (ABI.md 1.3), 120 bytes: the one layout of the entry, which the control
 * protocol's {@link PartQueryFromDevFlyweight} and the node response ({@code wire.node.PartQueryResponseFlyweight})
 * both frame. Vectors in {@link Resource} order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   id (i32, partition ID)                      |  0
 *  +---------------------------------------------------------------+
 *  |                   active_workloads                            |  4
 *  +---------------------------------------------------------------+
 *  |                   name[32] (UTF-8, NUL-padded)                |  8
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 *  |                   reserved[5] (u64 each, the partition pool)  | 40
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 *  |                   used[5] (u64 each)                          | 80
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public class PartitionEntryFlyweight extends WireFlyweight
{
    public static final int ID_OFFSET = 0;
    public static final int ACTIVE_WORKLOADS_OFFSET = ID_OFFSET + Integer.BYTES;
    public static final int NAME_OFFSET = ACTIVE_WORKLOADS_OFFSET + Integer.BYTES;
    public static final int RESERVED_OFFSET = NAME_OFFSET + NameField.LENGTH;
    public static final int USED_OFFSET = RESERVED_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int LENGTH = USED_OFFSET + Resource.COUNT * Long.BYTES;

    @Override
    public PartitionEntryFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int id()
    {
        return buffer.getInt(offset + ID_OFFSET);
    }

    public PartitionEntryFlyweight id(final int id)
    {
        buffer.putInt(offset + ID_OFFSET, id);
        return this;
    }

    public int activeWorkloads()
    {
        return buffer.getInt(offset + ACTIVE_WORKLOADS_OFFSET);
    }

    public PartitionEntryFlyweight activeWorkloads(final int activeWorkloads)
    {
        buffer.putInt(offset + ACTIVE_WORKLOADS_OFFSET, activeWorkloads);
        return this;
    }

    /** @return the name (allocates). */
    public String name()
    {
        return NameField.get(buffer, offset + NAME_OFFSET);
    }

    /** @return 0, or -EINVAL (nothing written) when the name does not fit {@link NameField}. */
    public int name(final String name)
    {
        return NameField.put(buffer, offset + NAME_OFFSET, name);
    }

    /** @return the partition's reserved amount of {@code resource} (its pool). */
    public long reserved(final int resource)
    {
        return buffer.getLong(offset + RESERVED_OFFSET + resource * Long.BYTES);
    }

    public PartitionEntryFlyweight reserved(final int resource, final long value)
    {
        buffer.putLong(offset + RESERVED_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public long used(final int resource)
    {
        return buffer.getLong(offset + USED_OFFSET + resource * Long.BYTES);
    }

    public PartitionEntryFlyweight used(final int resource, final long value)
    {
        buffer.putLong(offset + USED_OFFSET + resource * Long.BYTES, value);
        return this;
    }
}

package dev.shadowdev.wire;

import dev.shadowdev.abi.Resource;

/**
 * One partition in a PART_QUERY_EX answer (ABI.md 6.1), 208 bytes, in both protocols (the node response and the
 * control protocol's {@link WireTypes#PART_QUERY_EX_FROM_DEV} frame the same entries). Vectors in {@link Resource}
 * order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   id (i32)                                    |   0
 *  +---------------------------------------------------------------+
 *  |                   active_workloads                            |   4
 *  +---------------------------------------------------------------+
 *  |                   name[32] (UTF-8, NUL-padded)                |   8
 *  +---------------------------------------------------------------+
 *  |                   state: 0 ACTIVE, 1 DRAINING, 2 DRAINED      |  40
 *  +---------------------------------------------------------------+
 *  |                   flags, bit0 LEND                            |  44
 *  +---------------------------------------------------------------+
 *  |                   min[5] (u64 each)                           |  48
 *  +---------------------------------------------------------------+
 *  |                   max[5]                                      |  88
 *  +---------------------------------------------------------------+
 *  |                   used[5]                                     | 128
 *  +---------------------------------------------------------------+
 *  |                   borrowed[5]                                 | 168
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartitionEntryExFlyweight extends WireFlyweight
{
    public static final int STATE_ACTIVE = 0;
    public static final int STATE_DRAINING = 1;
    public static final int STATE_DRAINED = 2;

    public static final int ID_OFFSET = 0;
    public static final int ACTIVE_WORKLOADS_OFFSET = ID_OFFSET + Integer.BYTES;
    public static final int NAME_OFFSET = ACTIVE_WORKLOADS_OFFSET + Integer.BYTES;
    public static final int STATE_OFFSET = NAME_OFFSET + NameField.LENGTH;
    public static final int FLAGS_OFFSET = STATE_OFFSET + Integer.BYTES;
    public static final int MIN_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    public static final int MAX_OFFSET = MIN_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int USED_OFFSET = MAX_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int BORROWED_OFFSET = USED_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int LENGTH = BORROWED_OFFSET + Resource.COUNT * Long.BYTES;

    @Override
    public PartitionEntryExFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int id()
    {
        return buffer.getInt(offset + ID_OFFSET);
    }

    public PartitionEntryExFlyweight id(final int id)
    {
        buffer.putInt(offset + ID_OFFSET, id);
        return this;
    }

    public int activeWorkloads()
    {
        return buffer.getInt(offset + ACTIVE_WORKLOADS_OFFSET);
    }

    public PartitionEntryExFlyweight activeWorkloads(final int n)
    {
        buffer.putInt(offset + ACTIVE_WORKLOADS_OFFSET, n);
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

    public int state()
    {
        return buffer.getInt(offset + STATE_OFFSET);
    }

    public PartitionEntryExFlyweight state(final int state)
    {
        buffer.putInt(offset + STATE_OFFSET, state);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public PartitionEntryExFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }

    public long min(final int resource)
    {
        return buffer.getLong(offset + MIN_OFFSET + resource * Long.BYTES);
    }

    public PartitionEntryExFlyweight min(final int resource, final long value)
    {
        buffer.putLong(offset + MIN_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public long max(final int resource)
    {
        return buffer.getLong(offset + MAX_OFFSET + resource * Long.BYTES);
    }

    public PartitionEntryExFlyweight max(final int resource, final long value)
    {
        buffer.putLong(offset + MAX_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public long used(final int resource)
    {
        return buffer.getLong(offset + USED_OFFSET + resource * Long.BYTES);
    }

    public PartitionEntryExFlyweight used(final int resource, final long value)
    {
        buffer.putLong(offset + USED_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public long borrowed(final int resource)
    {
        return buffer.getLong(offset + BORROWED_OFFSET + resource * Long.BYTES);
    }

    public PartitionEntryExFlyweight borrowed(final int resource, final long value)
    {
        buffer.putLong(offset + BORROWED_OFFSET + resource * Long.BYTES, value);
        return this;
    }
}

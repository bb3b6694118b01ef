package dev.shadowdev.wire;

import dev.shadowdev.abi.Resource;

/**
 * PART_RESIZE's request body (ABI.md 6.1), node type 0x0106, carried unchanged by the control protocol's
 * {@link WireTypes#PART_RESIZE_TO_DEV}: a live partition's new {@code min} and {@code max}, in place.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type                                        |  0
 *  +---------------------------------------------------------------+
 *  |                   len 96                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   partition_id (i32)                          |  8
 *  +---------------------------------------------------------------+
 *  |                   flags: bit0 FORCE, bit1 SET_LEND,           | 12
 *  |                   bit2 CLEAR_LEND                             |
 *  +---------------------------------------------------------------+
 *  |                   min[5] (u64 each)                           | 16
 *  +---------------------------------------------------------------+
 *  |                   max[5] (u64 each)                           | 56
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartResizeFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int FLAG_FORCE = 1;
    public static final int FLAG_SET_LEND = 2;
    public static final int FLAG_CLEAR_LEND = 4;
    public static final int KNOWN_FLAGS = FLAG_FORCE | FLAG_SET_LEND | FLAG_CLEAR_LEND;

    public static final int PARTITION_ID_OFFSET = HEADER_LENGTH;
    public static final int FLAGS_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int MIN_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    public static final int MAX_OFFSET = MIN_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int LENGTH = MAX_OFFSET + Resource.COUNT * Long.BYTES;

    /** @return whether {@link #put} can write these: two full vectors. */
    public static boolean fits(final long[] min, final long[] max)
    {
        return min.length == Resource.COUNT && max.length == Resource.COUNT;
    }

    /** Write the body of a reserved PART_RESIZE at {@code offset} (see {@link #fits}). */
    public static void put(
        final WireBuffer buffer, final int offset, final int partitionId, final int flags, final long[] min,
        final long[] max)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            buffer.putLong(offset + MIN_OFFSET + i * Long.BYTES, min[i]);
            buffer.putLong(offset + MAX_OFFSET + i * Long.BYTES, max[i]);
        }
    }

    @Override
    public PartResizeFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public PartResizeFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public PartResizeFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }

    public long min(final int resource)
    {
        return buffer.getLong(offset + MIN_OFFSET + resource * Long.BYTES);
    }

    public PartResizeFlyweight min(final int resource, final long value)
    {
        buffer.putLong(offset + MIN_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public long max(final int resource)
    {
        return buffer.getLong(offset + MAX_OFFSET + resource * Long.BYTES);
    }

    public PartResizeFlyweight max(final int resource, final long value)
    {
        buffer.putLong(offset + MAX_OFFSET + resource * Long.BYTES, value);
        return this;
    }
}

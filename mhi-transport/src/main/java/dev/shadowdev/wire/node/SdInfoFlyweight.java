package dev.shadowdev.wire.node;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.wire.NameField;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireFlyweight;

/**
 * The 128-byte struct of {@link NodeIoctls#SD_IOC_INFO} (ABI.md 1.4): what a node is, and its pool. Vectors in
 * {@link Resource} order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   partition_id (i32, -1 base)                 |  0
 *  +---------------------------------------------------------------+
 *  |                   minor                                       |  4
 *  +---------------------------------------------------------------+
 *  |                   major (261 unless configured)               |  8
 *  +---------------------------------------------------------------+
 *  |                   flags: bit0 base, bit1 shadow, bit2 online  | 12
 *  +---------------------------------------------------------------+
 *  |                   name[32] (UTF-8, NUL-padded)                | 16
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 *  |                   total[5] (u64 each)                         | 48
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 *  |                   free[5] (u64 each)                          | 88
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class SdInfoFlyweight extends WireFlyweight
{
    /** {@code flags} bit: the base device. */
    public static final int FLAG_BASE = 1;
    /** {@code flags} bit: a shadow device. */
    public static final int FLAG_SHADOW = 1 << 1;
    /** {@code flags} bit: the firmware is up and the partition valid. */
    public static final int FLAG_ONLINE = 1 << 2;

    public static final int PARTITION_ID_OFFSET = 0;
    public static final int MINOR_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    public static final int MAJOR_OFFSET = MINOR_OFFSET + Integer.BYTES;
    public static final int FLAGS_OFFSET = MAJOR_OFFSET + Integer.BYTES;
    public static final int NAME_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    public static final int TOTAL_OFFSET = NAME_OFFSET + NameField.LENGTH;
    public static final int FREE_OFFSET = TOTAL_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int LENGTH = FREE_OFFSET + Resource.COUNT * Long.BYTES;

    @Override
    public SdInfoFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public SdInfoFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int minor()
    {
        return buffer.getInt(offset + MINOR_OFFSET);
    }

    public SdInfoFlyweight minor(final int minor)
    {
        buffer.putInt(offset + MINOR_OFFSET, minor);
        return this;
    }

    public int major()
    {
        return buffer.getInt(offset + MAJOR_OFFSET);
    }

    public SdInfoFlyweight major(final int major)
    {
        buffer.putInt(offset + MAJOR_OFFSET, major);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public SdInfoFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
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

    public long total(final int resource)
    {
        return buffer.getLong(offset + TOTAL_OFFSET + resource * Long.BYTES);
    }

    public SdInfoFlyweight total(final int resource, final long value)
    {
        buffer.putLong(offset + TOTAL_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public long free(final int resource)
    {
        return buffer.getLong(offset + FREE_OFFSET + resource * Long.BYTES);
    }

    public SdInfoFlyweight free(final int resource, final long value)
    {
        buffer.putLong(offset + FREE_OFFSET + resource * Long.BYTES, value);
        return this;
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.wire.WireBuffer;

/**
 * Response body of node {@link NodeTypes#POOL_QUERY} (ABI.md 1.3): this node's pool (the partition's on a
 * shadow node, the global pool on the base node), totals and free, in {@link Resource} order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0105                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len 96                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 12
 *  +---------------------------------------------------------------+
 *  |                   total[5] (u64 each)                         | 16
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 *  |                   free[5] (u64 each)                          | 56
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PoolQueryResponseFlyweight extends ManageResponseTransactionHeaderFlyweight
{
    public static final int TOTAL_OFFSET = HEADER_LENGTH;
    public static final int FREE_OFFSET = TOTAL_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int LENGTH = FREE_OFFSET + Resource.COUNT * Long.BYTES;

    @Override
    public PoolQueryResponseFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public long total(final int resource)
    {
        return buffer.getLong(offset + TOTAL_OFFSET + resource * Long.BYTES);
    }

    public PoolQueryResponseFlyweight total(final int resource, final long value)
    {
        buffer.putLong(offset + TOTAL_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public long free(final int resource)
    {
        return buffer.getLong(offset + FREE_OFFSET + resource * Long.BYTES);
    }

    public PoolQueryResponseFlyweight free(final int resource, final long value)
    {
        buffer.putLong(offset + FREE_OFFSET + resource * Long.BYTES, value);
        return this;
    }
}

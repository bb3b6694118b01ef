package dev.shadowdev.wire;

import dev.shadowdev.abi.Resource;

/**
 * {@link WireTypes#POOL_QUERY_FROM_DEV} (extension): a leading status, then the node POOL_QUERY response body
 * (ABI.md 1.3): the pool of the request's partition (the global pool for partition -1), totals and free, in
 * {@link Resource} order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x109                                  |  0
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
public final class PoolQueryFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int RESERVED_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int TOTAL_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    public static final int FREE_OFFSET = TOTAL_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int LENGTH = FREE_OFFSET + Resource.COUNT * Long.BYTES;

    @Override
    public PoolQueryFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public PoolQueryFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }

    public long total(final int resource)
    {
        return buffer.getLong(offset + TOTAL_OFFSET + resource * Long.BYTES);
    }

    public PoolQueryFromDevFlyweight total(final int resource, final long value)
    {
        buffer.putLong(offset + TOTAL_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public long free(final int resource)
    {
        return buffer.getLong(offset + FREE_OFFSET + resource * Long.BYTES);
    }

    public PoolQueryFromDevFlyweight free(final int resource, final long value)
    {
        buffer.putLong(offset + FREE_OFFSET + resource * Long.BYTES, value);
        return this;
    }
}

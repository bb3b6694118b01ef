package dev.shadowdev.wire;

import dev.shadowdev.abi.Resource;

/**
 * PART_CREATE's v1.1 body (ABI.md 6.1), in both protocols like {@link PartCreateFlyweight}: a name, a reservation
 * {@code min} and a limit {@code max} per resource, and flags. The node ABI tells it from the v1 body by length
 * (transaction length {@link #LENGTH} here, {@link PartCreateFlyweight#LENGTH} for v1); the control protocol's
 * {@link WireTypes#PART_CREATE_TO_DEV} carries either body the same way.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x102                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len 128                                     |  4
 *  +---------------------------------------------------------------+
 *  |                   name[32] (UTF-8, NUL-padded)                |  8
 *  +---------------------------------------------------------------+
 *  |                   min[5] (u64 each)                           | 40
 *  +---------------------------------------------------------------+
 *  |                   max[5] (u64 each)                           | 80
 *  +---------------------------------------------------------------+
 *  |                   flags, bit0 LEND                            | 120
 *  +---------------------------------------------------------------+
 *  |                   reserved 0                                  | 124
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartCreateExFlyweight extends WireTransactionHeaderFlyweight
{
    /** {@code flags}: the partition lends its idle reservation. */
    public static final int FLAG_LEND = 1;

    public static final int NAME_OFFSET = HEADER_LENGTH;
    public static final int MIN_OFFSET = NAME_OFFSET + NameField.LENGTH;
    public static final int MAX_OFFSET = MIN_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int FLAGS_OFFSET = MAX_OFFSET + Resource.COUNT * Long.BYTES;
    public static final int RESERVED_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    public static final int LENGTH = RESERVED_OFFSET + Integer.BYTES;

    /** @return whether {@link #put} can write these: a name that fits {@link NameField}, two full vectors. */
    public static boolean fits(final String name, final long[] min, final long[] max)
    {
        return min.length == Resource.COUNT && max.length == Resource.COUNT && NameField.fits(name);
    }

    /**
     * Write the body of a reserved (zeroed) v1.1 PART_CREATE at {@code offset} (see {@link #fits}); encodes the name.
     */
    public static void put(
        final WireBuffer buffer, final int offset, final String name, final long[] min, final long[] max,
        final int flags)
    {
        NameField.put(buffer, offset + NAME_OFFSET, name);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            buffer.putLong(offset + MIN_OFFSET + i * Long.BYTES, min[i]);
            buffer.putLong(offset + MAX_OFFSET + i * Long.BYTES, max[i]);
        }
        buffer.putInt(offset + FLAGS_OFFSET, flags);
    }

    @Override
    public PartCreateExFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
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

    public long min(final int resource)
    {
        return buffer.getLong(offset + MIN_OFFSET + resource * Long.BYTES);
    }

    public PartCreateExFlyweight min(final int resource, final long value)
    {
        buffer.putLong(offset + MIN_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public long max(final int resource)
    {
        return buffer.getLong(offset + MAX_OFFSET + resource * Long.BYTES);
    }

    public PartCreateExFlyweight max(final int resource, final long value)
    {
        buffer.putLong(offset + MAX_OFFSET + resource * Long.BYTES, value);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public PartCreateExFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }

    public int reserved()
    {
        return buffer.getInt(offset + RESERVED_OFFSET);
    }

    /** @return the index of the first name byte in {@link #buffer()}. */
    public int nameIndex()
    {
        return offset + NAME_OFFSET;
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.wire.NameField;
import dev.shadowdev.wire.WireBuffer;

/**
 * Request body of node {@link NodeTypes#PART_CREATE} (ABI.md 1.3): exactly 72 bytes, a name and the resource
 * vector to reserve in {@link Resource} order. Base node only. Answered by {@link PartCreateResponseFlyweight}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0102                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len 80                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   name[32] (UTF-8, NUL-padded)                |  8
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 *  |                   res[5] (u64 each)                           | 40
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PartCreateRequestFlyweight extends ManageTransactionHeaderFlyweight
{
    public static final int NAME_OFFSET = HEADER_LENGTH;
    public static final int RES_OFFSET = NAME_OFFSET + NameField.LENGTH;
    public static final int LENGTH = RES_OFFSET + Resource.COUNT * Long.BYTES;

    @Override
    public PartCreateRequestFlyweight wrap(final WireBuffer buffer, final int offset)
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

    public long res(final int resource)
    {
        return buffer.getLong(offset + RES_OFFSET + resource * Long.BYTES);
    }

    public PartCreateRequestFlyweight res(final int resource, final long value)
    {
        buffer.putLong(offset + RES_OFFSET + resource * Long.BYTES, value);
        return this;
    }
}

package dev.shadowdev.wire;

import dev.shadowdev.abi.Resource;

/**
 * PART_CREATE in both protocols, the one layout of its body: the node ABI's request (ABI.md 1.3, type 0x102, exactly
 * 72 bytes of body) and the control protocol's {@link WireTypes#PART_CREATE_TO_DEV} (extension, the same type and
 * bytes, which the driver forwards as they are): a name and the resource vector to reserve, in {@link Resource}
 * order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x102                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len 80                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   name[32] (UTF-8, NUL-padded)                |  8
 *  |                   ...                                         |
 *  +---------------------------------------------------------------+
 *  |                   res[0] cores (u64)                          | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   res[1] memory bytes, res[2] bus replicators,| 48
 *  |                   res[3] semaphores, res[4] DMA channels      |
 *  |                   ... (u64 each)                              |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public class PartCreateFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int NAME_OFFSET = HEADER_LENGTH;
    public static final int RES_OFFSET = NAME_OFFSET + NameField.LENGTH;
    public static final int LENGTH = RES_OFFSET + Resource.COUNT * Long.BYTES;

    /** @return whether {@link #put} can write these: a name that fits {@link NameField}, a full vector. */
    public static boolean fits(final String name, final long[] res)
    {
        return res.length == Resource.COUNT && NameField.fits(name);
    }

    /** Write the body of a reserved PART_CREATE at {@code offset} (see {@link #fits}); encodes the name. */
    public static void put(final WireBuffer buffer, final int offset, final String name, final long[] res)
    {
        NameField.put(buffer, offset + NAME_OFFSET, name);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            buffer.putLong(offset + RES_OFFSET + i * Long.BYTES, res[i]);
        }
    }

    @Override
    public PartCreateFlyweight wrap(final WireBuffer buffer, final int offset)
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

    /** @return the index of the first name byte in {@link #buffer()}. */
    public int nameIndex()
    {
        return offset + NAME_OFFSET;
    }

    public long res(final int resource)
    {
        return buffer.getLong(offset + RES_OFFSET + resource * Long.BYTES);
    }

    public PartCreateFlyweight res(final int resource, final long value)
    {
        buffer.putLong(offset + RES_OFFSET + resource * Long.BYTES, value);
        return this;
    }
}

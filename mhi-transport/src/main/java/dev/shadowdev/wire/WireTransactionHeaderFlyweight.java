package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_hdr}: the 8-byte header of every transaction in a wire message, and the base of every
 * transaction flyweight (each wraps at the transaction start and adds its body after this header).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type ({@link WireTypes})                    |  0
 *  +---------------------------------------------------------------+
 *  |                   len (header included, multiple of 8)        |  4
 *  +---------------------------------------------------------------+
 *  |                   body ...                                    |  8
 * </pre>
 */
public class WireTransactionHeaderFlyweight extends WireFlyweight
{
    public static final int TYPE_OFFSET = 0;
    public static final int LEN_OFFSET = TYPE_OFFSET + Integer.BYTES;
    /** Length of the header; the body starts here. */
    public static final int HEADER_LENGTH = LEN_OFFSET + Integer.BYTES;
    /** Every transaction length is a multiple of this. */
    public static final int ALIGNMENT = 8;

    @Override
    public WireTransactionHeaderFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int type()
    {
        return buffer.getInt(offset + TYPE_OFFSET);
    }

    public WireTransactionHeaderFlyweight type(final int type)
    {
        buffer.putInt(offset + TYPE_OFFSET, type);
        return this;
    }

    public int len()
    {
        return buffer.getInt(offset + LEN_OFFSET);
    }

    public WireTransactionHeaderFlyweight len(final int len)
    {
        buffer.putInt(offset + LEN_OFFSET, len);
        return this;
    }

    /** @return {@code len} rounded up to {@link #ALIGNMENT}. */
    public static int align(final int len)
    {
        return (len + ALIGNMENT - 1) & -ALIGNMENT;
    }
}

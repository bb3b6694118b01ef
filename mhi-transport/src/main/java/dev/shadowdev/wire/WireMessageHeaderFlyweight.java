package dev.shadowdev.wire;

/**
 * {@code struct wire_msg_hdr} of {@code qaic_control.c}: the 32-byte header of every control message.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   crc32 (of len bytes, this field as 0)       |  0
 *  +---------------------------------------------------------------+
 *  |                   magic_number 0x43494151 ("QAIC")            |  4
 *  +---------------------------------------------------------------+
 *  |                   sequence_number                             |  8
 *  +---------------------------------------------------------------+
 *  |                   len (whole message, header included)        | 12
 *  +---------------------------------------------------------------+
 *  |                   count (transactions that follow)            | 16
 *  +---------------------------------------------------------------+
 *  |                   handle (user handle, 0 = driver)            | 20
 *  +---------------------------------------------------------------+
 *  |                   partition_id (i32, -1 = none)               | 24
 *  +---------------------------------------------------------------+
 *  |                   padding, must be 0                          | 28
 *  +---------------------------------------------------------------+
 *  |                   transactions ...                            | 32
 * </pre>
 * All fields little-endian; every u32 is returned in an int.
 */
public final class WireMessageHeaderFlyweight extends WireFlyweight
{
    /** {@code MANAGE_MAGIC_NUMBER}: the bytes "QAIC" read as a little-endian u32. */
    public static final int MAGIC = 0x43494151;
    /** {@code QAIC_NO_PARTITION}: the request is not tagged with a partition (base device). */
    public static final int NO_PARTITION = -1;

    public static final int CRC32_OFFSET = 0;
    public static final int MAGIC_OFFSET = CRC32_OFFSET + Integer.BYTES;
    public static final int SEQUENCE_NUMBER_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    public static final int LEN_OFFSET = SEQUENCE_NUMBER_OFFSET + Integer.BYTES;
    public static final int COUNT_OFFSET = LEN_OFFSET + Integer.BYTES;
    public static final int HANDLE_OFFSET = COUNT_OFFSET + Integer.BYTES;
    public static final int PARTITION_ID_OFFSET = HANDLE_OFFSET + Integer.BYTES;
    public static final int PADDING_OFFSET = PARTITION_ID_OFFSET + Integer.BYTES;
    /** Length of the header; the first transaction starts here. */
    public static final int LENGTH = PADDING_OFFSET + Integer.BYTES;

    /** The header as the framing rules read it ({@link TransactionFraming#checkHeader}). */
    public static final MessageLayout LAYOUT = new MessageLayout(LENGTH, LEN_OFFSET, COUNT_OFFSET,
        WireMessageValidator.MAX_COUNT, PADDING_OFFSET, "bad padding: padding=%d", MAGIC_OFFSET, MAGIC);

    @Override
    public WireMessageHeaderFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int crc32()
    {
        return buffer.getInt(offset + CRC32_OFFSET);
    }

    public WireMessageHeaderFlyweight crc32(final int crc32)
    {
        buffer.putInt(offset + CRC32_OFFSET, crc32);
        return this;
    }

    public int magic()
    {
        return buffer.getInt(offset + MAGIC_OFFSET);
    }

    public WireMessageHeaderFlyweight magic(final int magic)
    {
        buffer.putInt(offset + MAGIC_OFFSET, magic);
        return this;
    }

    public int sequenceNumber()
    {
        return buffer.getInt(offset + SEQUENCE_NUMBER_OFFSET);
    }

    public WireMessageHeaderFlyweight sequenceNumber(final int sequenceNumber)
    {
        buffer.putInt(offset + SEQUENCE_NUMBER_OFFSET, sequenceNumber);
        return this;
    }

    public int len()
    {
        return buffer.getInt(offset + LEN_OFFSET);
    }

    public WireMessageHeaderFlyweight len(final int len)
    {
        buffer.putInt(offset + LEN_OFFSET, len);
        return this;
    }

    public int count()
    {
        return buffer.getInt(offset + COUNT_OFFSET);
    }

    public WireMessageHeaderFlyweight count(final int count)
    {
        buffer.putInt(offset + COUNT_OFFSET, count);
        return this;
    }

    public int handle()
    {
        return buffer.getInt(offset + HANDLE_OFFSET);
    }

    public WireMessageHeaderFlyweight handle(final int handle)
    {
        buffer.putInt(offset + HANDLE_OFFSET, handle);
        return this;
    }

    public int partitionId()
    {
        return buffer.getInt(offset + PARTITION_ID_OFFSET);
    }

    public WireMessageHeaderFlyweight partitionId(final int partitionId)
    {
        buffer.putInt(offset + PARTITION_ID_OFFSET, partitionId);
        return this;
    }

    public int padding()
    {
        return buffer.getInt(offset + PADDING_OFFSET);
    }

    public WireMessageHeaderFlyweight padding(final int padding)
    {
        buffer.putInt(offset + PADDING_OFFSET, padding);
        return this;
    }
}

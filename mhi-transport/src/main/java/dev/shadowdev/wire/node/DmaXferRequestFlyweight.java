package dev.shadowdev.wire.node;

import dev.shadowdev.wire.WireBuffer;

/**
 * Request body of node {@link NodeTypes#DMA_XFER} (ABI.md 1.3): a piece of a workload image for a per-session
 * slot. {@code offset} (here {@link #slotOffset()}, to keep {@link #offset()} the flyweight's) must equal the bytes
 * already in the slot; offset 0 starts the slot over. The data is padded with zeros to a multiple of 8.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0005                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 24 + data_len padded to 8             |  4
 *  +---------------------------------------------------------------+
 *  |                   slot                                        |  8
 *  +---------------------------------------------------------------+
 *  |                   data_len                                    | 12
 *  +---------------------------------------------------------------+
 *  |                   offset (u64, bytes already in the slot)     | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   data ... (padded to 8)                      | 24
 * </pre>
 */
public final class DmaXferRequestFlyweight extends ManageTransactionHeaderFlyweight
{
    public static final int SLOT_OFFSET = HEADER_LENGTH;
    public static final int DATA_LEN_OFFSET = SLOT_OFFSET + Integer.BYTES;
    public static final int SLOT_OFFSET_FIELD_OFFSET = DATA_LEN_OFFSET + Integer.BYTES;
    public static final int DATA_OFFSET = SLOT_OFFSET_FIELD_OFFSET + Long.BYTES;
    /** Length without data. */
    public static final int LENGTH = DATA_OFFSET;

    @Override
    public DmaXferRequestFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int slot()
    {
        return buffer.getInt(offset + SLOT_OFFSET);
    }

    public DmaXferRequestFlyweight slot(final int slot)
    {
        buffer.putInt(offset + SLOT_OFFSET, slot);
        return this;
    }

    public int dataLen()
    {
        return buffer.getInt(offset + DATA_LEN_OFFSET);
    }

    public DmaXferRequestFlyweight dataLen(final int dataLen)
    {
        buffer.putInt(offset + DATA_LEN_OFFSET, dataLen);
        return this;
    }

    /** @return the ABI's {@code offset} field: where in the slot this piece goes. */
    public long slotOffset()
    {
        return buffer.getLong(offset + SLOT_OFFSET_FIELD_OFFSET);
    }

    public DmaXferRequestFlyweight slotOffset(final long slotOffset)
    {
        buffer.putLong(offset + SLOT_OFFSET_FIELD_OFFSET, slotOffset);
        return this;
    }

    /** @return the transaction length for {@code dataLen} bytes of data padded to 8 (a long: no overflow). */
    public static long lengthFor(final long dataLen)
    {
        return LENGTH + ((dataLen + 7) & ~7L);
    }

    /** @return the index of the first data byte in {@link #buffer()}. */
    public int dataIndex()
    {
        return offset + DATA_OFFSET;
    }
}

package dev.shadowdev.wire;

/**
 * {@code struct wire_trans_activate_to_dev}: {@link WireTypes#ACTIVATE_TO_DEV}, admit the image loaded in a slot
 * and give it a DMA bridge channel whose queues the host has placed in host memory.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 9                                      |  0
 *  +---------------------------------------------------------------+
 *  |                   len 40                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   req_q_addr (u64)                            |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   rsp_q_addr (u64)                            | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   req_q_size (elements)                       | 24
 *  +---------------------------------------------------------------+
 *  |                   rsp_q_size (elements)                       | 28
 *  +---------------------------------------------------------------+
 *  |                   buf_len (bytes of both queues)              | 32
 *  +---------------------------------------------------------------+
 *  |       options 31:16 (0)       |        options 15:0 slot      | 36
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ActivateToDevFlyweight extends WireTransactionHeaderFlyweight
{
    /** Bits of {@code options} that hold the slot. */
    public static final int OPTIONS_SLOT_MASK = 0xFFFF;

    public static final int REQ_Q_ADDR_OFFSET = HEADER_LENGTH;
    public static final int RSP_Q_ADDR_OFFSET = REQ_Q_ADDR_OFFSET + Long.BYTES;
    public static final int REQ_Q_SIZE_OFFSET = RSP_Q_ADDR_OFFSET + Long.BYTES;
    public static final int RSP_Q_SIZE_OFFSET = REQ_Q_SIZE_OFFSET + Integer.BYTES;
    public static final int BUF_LEN_OFFSET = RSP_Q_SIZE_OFFSET + Integer.BYTES;
    public static final int OPTIONS_OFFSET = BUF_LEN_OFFSET + Integer.BYTES;
    public static final int LENGTH = OPTIONS_OFFSET + Integer.BYTES;

    @Override
    public ActivateToDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public long reqQAddr()
    {
        return buffer.getLong(offset + REQ_Q_ADDR_OFFSET);
    }

    public ActivateToDevFlyweight reqQAddr(final long reqQAddr)
    {
        buffer.putLong(offset + REQ_Q_ADDR_OFFSET, reqQAddr);
        return this;
    }

    public long rspQAddr()
    {
        return buffer.getLong(offset + RSP_Q_ADDR_OFFSET);
    }

    public ActivateToDevFlyweight rspQAddr(final long rspQAddr)
    {
        buffer.putLong(offset + RSP_Q_ADDR_OFFSET, rspQAddr);
        return this;
    }

    public int reqQSize()
    {
        return buffer.getInt(offset + REQ_Q_SIZE_OFFSET);
    }

    public ActivateToDevFlyweight reqQSize(final int reqQSize)
    {
        buffer.putInt(offset + REQ_Q_SIZE_OFFSET, reqQSize);
        return this;
    }

    public int rspQSize()
    {
        return buffer.getInt(offset + RSP_Q_SIZE_OFFSET);
    }

    public ActivateToDevFlyweight rspQSize(final int rspQSize)
    {
        buffer.putInt(offset + RSP_Q_SIZE_OFFSET, rspQSize);
        return this;
    }

    public int bufLen()
    {
        return buffer.getInt(offset + BUF_LEN_OFFSET);
    }

    public ActivateToDevFlyweight bufLen(final int bufLen)
    {
        buffer.putInt(offset + BUF_LEN_OFFSET, bufLen);
        return this;
    }

    public int options()
    {
        return buffer.getInt(offset + OPTIONS_OFFSET);
    }

    public ActivateToDevFlyweight options(final int options)
    {
        buffer.putInt(offset + OPTIONS_OFFSET, options);
        return this;
    }

    /** @return options bits 15:0. */
    public int slot()
    {
        return options() & OPTIONS_SLOT_MASK;
    }
}

package dev.shadowdev.wire;

/**
 * {@link WireTypes#RESULT_FROM_DEV} (shadowdev extension): the status of a request transaction that has no
 * status-bearing response of its own: every DMA_XFER_TO_DEV (qaic's device sends no answer for it; shadowdev's
 * answers every request), a failed PASSTHROUGH_TO_DEV, a request type the device does not know or a request whose
 * body it cannot read. With request type {@link WireTypes#UNDEFINED} it answers a message the device could not walk
 * at all (framing error): then it is the only transaction of the answer.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x10B                                  |  0
 *  +---------------------------------------------------------------+
 *  |                   len 16                                      |  4
 *  +---------------------------------------------------------------+
 *  |                   status (i32, 0 or -errno)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   request_type (0 = the whole message)        | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ResultFromDevFlyweight extends WireTransactionHeaderFlyweight
{
    public static final int STATUS_OFFSET = HEADER_LENGTH;
    public static final int REQUEST_TYPE_OFFSET = STATUS_OFFSET + Integer.BYTES;
    public static final int LENGTH = REQUEST_TYPE_OFFSET + Integer.BYTES;

    @Override
    public ResultFromDevFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    public int status()
    {
        return buffer.getInt(offset + STATUS_OFFSET);
    }

    public ResultFromDevFlyweight status(final int status)
    {
        buffer.putInt(offset + STATUS_OFFSET, status);
        return this;
    }

    public int requestType()
    {
        return buffer.getInt(offset + REQUEST_TYPE_OFFSET);
    }

    public ResultFromDevFlyweight requestType(final int requestType)
    {
        buffer.putInt(offset + REQUEST_TYPE_OFFSET, requestType);
        return this;
    }
}

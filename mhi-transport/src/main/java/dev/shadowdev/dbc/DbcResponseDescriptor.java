package dev.shadowdev.dbc;

import java.nio.ByteBuffer;

/**
 * One element of a DMA bridge channel response queue, {@code struct dbc_rsp} of the Linux qaic driver, 4 bytes:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |            req_id             |            status             |  0
 *  +-------------------------------+-------------------------------+
 * </pre>
 * {@code status} is 0 on success, else the positive errno of the failure (EOVERFLOW when the output buffer was too
 * small, EACCES/ENOENT when the DBC has no workload of the queue's owner, EIO after a crash).
 */
public final class DbcResponseDescriptor
{
    public static final int REQ_ID_OFFSET = 0;
    public static final int STATUS_OFFSET = REQ_ID_OFFSET + Short.BYTES;
    /** Size of one response element: 4 bytes. */
    public static final int LENGTH = STATUS_OFFSET + Short.BYTES;

    private DbcResponseDescriptor()
    {
    }

    public static void encode(final ByteBuffer buffer, final int offset, final int reqId, final int status)
    {
        buffer.putShort(offset + REQ_ID_OFFSET, (short)reqId);
        buffer.putShort(offset + STATUS_OFFSET, (short)status);
    }

    public static int reqId(final ByteBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + REQ_ID_OFFSET) & 0xFFFF;
    }

    public static int status(final ByteBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + STATUS_OFFSET) & 0xFFFF;
    }
}

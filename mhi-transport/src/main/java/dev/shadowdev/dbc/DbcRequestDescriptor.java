package dev.shadowdev.dbc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One element of a DMA bridge channel request queue, {@code struct dbc_req} of the Linux qaic driver
 * ({@code drivers/accel/qaic/qaic_data.c}), 64 bytes, little-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+---------------+---------------+
 *  |            req_id             |    seq_id     |      cmd      |  0
 *  +-------------------------------+---------------+---------------+
 *  |                             resv                              |  4
 *  +---------------------------------------------------------------+
 *  |                        src_addr (u64)                         |  8
 *  +---------------------------------------------------------------+
 *  |                        dest_addr (u64)                        | 16
 *  +---------------------------------------------------------------+
 *  |                              len                              | 24
 *  +---------------------------------------------------------------+
 *  |                             resv2                             | 28
 *  +---------------------------------------------------------------+
 *  |                        db_addr (u64)                          | 32
 *  +---------------+---------------+-------------------------------+
 *  |    db_len     |     resv3     |             resv4             | 40
 *  +---------------+---------------+-------------------------------+
 *  |                            db_data                            | 44
 *  +---------------------------------------------------------------+
 *  |                 sem_cmd0 .. sem_cmd3 (4 x u32)                | 48
 *  +---------------------------------------------------------------+
 * </pre>
 * shadowdev's EXECUTE uses one element per request: {@code src_addr/len} is the input in host memory,
 * {@code dest_addr/resv2} the output buffer and its capacity, {@code cmd} = {@link #CMD_INBOUND} |
 * {@link #CMD_OUTBOUND} | {@link #CMD_GEN_COMPLETION}. Where the card writes {@code db_data} to {@code db_addr}
 * when {@code db_len} is 32, shadowdev's firmware writes the produced output length there instead (a u32), so the
 * host learns how many bytes the workload produced; the response element carries the status.
 */
public final class DbcRequestDescriptor
{
    public static final int REQ_ID_OFFSET = 0;
    public static final int SEQ_ID_OFFSET = REQ_ID_OFFSET + Short.BYTES;
    public static final int CMD_OFFSET = SEQ_ID_OFFSET + Byte.BYTES;
    public static final int RESV_OFFSET = CMD_OFFSET + Byte.BYTES;
    public static final int SRC_ADDR_OFFSET = RESV_OFFSET + Integer.BYTES;
    public static final int DEST_ADDR_OFFSET = SRC_ADDR_OFFSET + Long.BYTES;
    public static final int LEN_OFFSET = DEST_ADDR_OFFSET + Long.BYTES;
    /** shadowdev: the output buffer's capacity in bytes. */
    public static final int DEST_CAPACITY_OFFSET = LEN_OFFSET + Integer.BYTES;
    public static final int DB_ADDR_OFFSET = DEST_CAPACITY_OFFSET + Integer.BYTES;
    public static final int DB_LEN_OFFSET = DB_ADDR_OFFSET + Long.BYTES;
    public static final int RESV3_OFFSET = DB_LEN_OFFSET + Byte.BYTES;
    public static final int RESV4_OFFSET = RESV3_OFFSET + Byte.BYTES;
    public static final int DB_DATA_OFFSET = RESV4_OFFSET + Short.BYTES;
    public static final int SEM_CMD0_OFFSET = DB_DATA_OFFSET + Integer.BYTES;
    public static final int SEM_CMD_COUNT = 4;
    /** Size of one request element: 64 bytes. */
    public static final int LENGTH = SEM_CMD0_OFFSET + SEM_CMD_COUNT * Integer.BYTES;

    /** cmd bits 1:0 = 01: the element carries an inbound (host to device) transfer. */
    public static final int CMD_INBOUND = 0x01;
    /** cmd bits 1:0 = 10: the element carries an outbound (device to host) transfer. */
    public static final int CMD_OUTBOUND = 0x02;
    /** cmd bit 3: bulk transfer (not a linked list). */
    public static final int CMD_BULK = 0x08;
    /** cmd bit 4: generate a completion element in the response queue. */
    public static final int CMD_GEN_COMPLETION = 0x10;
    /** cmd bit 7: force an MSI after the DMA completes. */
    public static final int CMD_FORCE_MSI = 0x80;
    /** db_len encoding for a 32-bit doorbell write. */
    public static final int DB_LEN_32 = 32;

    private DbcRequestDescriptor()
    {
    }

    /**
     * Encode one EXECUTE request element at {@code offset} of a little-endian buffer.
     */
    public static void encodeExecute(
        final ByteBuffer buffer,
        final int offset,
        final int reqId,
        final long srcAddr,
        final int len,
        final long destAddr,
        final int destCapacity,
        final long lengthAddr)
    {
        assert buffer.order() == ByteOrder.LITTLE_ENDIAN;
        buffer.putShort(offset + REQ_ID_OFFSET, (short)reqId);
        buffer.put(offset + SEQ_ID_OFFSET, (byte)0);
        buffer.put(offset + CMD_OFFSET, (byte)(CMD_INBOUND | CMD_OUTBOUND | CMD_BULK | CMD_GEN_COMPLETION));
        buffer.putInt(offset + RESV_OFFSET, 0);
        buffer.putLong(offset + SRC_ADDR_OFFSET, srcAddr);
        buffer.putLong(offset + DEST_ADDR_OFFSET, destAddr);
        buffer.putInt(offset + LEN_OFFSET, len);
        buffer.putInt(offset + DEST_CAPACITY_OFFSET, destCapacity);
        buffer.putLong(offset + DB_ADDR_OFFSET, lengthAddr);
        buffer.put(offset + DB_LEN_OFFSET, (byte)DB_LEN_32);
        buffer.put(offset + RESV3_OFFSET, (byte)0);
        buffer.putShort(offset + RESV4_OFFSET, (short)0);
        buffer.putInt(offset + DB_DATA_OFFSET, 0);
        for (int i = 0; i < SEM_CMD_COUNT; i++)
        {
            buffer.putInt(offset + SEM_CMD0_OFFSET + i * Integer.BYTES, 0);
        }
    }

    public static int reqId(final ByteBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + REQ_ID_OFFSET) & 0xFFFF;
    }

    public static int cmd(final ByteBuffer buffer, final int offset)
    {
        return buffer.get(offset + CMD_OFFSET) & 0xFF;
    }

    public static long srcAddr(final ByteBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SRC_ADDR_OFFSET);
    }

    public static long destAddr(final ByteBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + DEST_ADDR_OFFSET);
    }

    public static int len(final ByteBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + LEN_OFFSET);
    }

    public static int destCapacity(final ByteBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + DEST_CAPACITY_OFFSET);
    }

    public static long dbAddr(final ByteBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + DB_ADDR_OFFSET);
    }

    public static int dbLen(final ByteBuffer buffer, final int offset)
    {
        return buffer.get(offset + DB_LEN_OFFSET) & 0xFF;
    }
}

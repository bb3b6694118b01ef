package dev.shadowdev.driver.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The two headers of a classic pcap file (libpcap format, version 2.4), written little-endian so the magic reads
 * {@code d4 c3 b2 a1} on disk, the way every little-endian capture tool writes it.
 * <p>
 * Global header, once at the start of the file, 24 bytes:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        magic 0xa1b2c3d4                       |  0
 *  +-------------------------------+-------------------------------+
 *  |       version_major 2         |       version_minor 4         |  4
 *  +-------------------------------+-------------------------------+
 *  |                         thiszone 0                            |  8
 *  +---------------------------------------------------------------+
 *  |                          sigfigs 0                            | 12
 *  +---------------------------------------------------------------+
 *  |                       snaplen 262144                          | 16
 *  +---------------------------------------------------------------+
 *  |                  network (link type) 147 USER0                | 20
 *  +---------------------------------------------------------------+
 * </pre>
 * Record header, before each captured packet, 16 bytes:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 ts_sec (seconds since the epoch)              |  0
 *  +---------------------------------------------------------------+
 *  |                 ts_usec (microseconds in the second)          |  4
 *  +---------------------------------------------------------------+
 *  |          incl_len (bytes stored in the file, &lt;= snaplen)      |  8
 *  +---------------------------------------------------------------+
 *  |              orig_len (bytes of the whole packet)             | 12
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PcapHeaderDescriptor
{
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_MAJOR_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    public static final int VERSION_MINOR_OFFSET = VERSION_MAJOR_OFFSET + Short.BYTES;
    public static final int THISZONE_OFFSET = VERSION_MINOR_OFFSET + Short.BYTES;
    public static final int SIGFIGS_OFFSET = THISZONE_OFFSET + Integer.BYTES;
    public static final int SNAPLEN_OFFSET = SIGFIGS_OFFSET + Integer.BYTES;
    public static final int LINK_TYPE_OFFSET = SNAPLEN_OFFSET + Integer.BYTES;
    /** Size of the global header: 24 bytes. */
    public static final int GLOBAL_HEADER_LENGTH = LINK_TYPE_OFFSET + Integer.BYTES;

    public static final int TS_SEC_OFFSET = 0;
    public static final int TS_USEC_OFFSET = TS_SEC_OFFSET + Integer.BYTES;
    public static final int INCL_LEN_OFFSET = TS_USEC_OFFSET + Integer.BYTES;
    public static final int ORIG_LEN_OFFSET = INCL_LEN_OFFSET + Integer.BYTES;
    /** Size of a record header: 16 bytes. */
    public static final int RECORD_HEADER_LENGTH = ORIG_LEN_OFFSET + Integer.BYTES;

    /** Microsecond-resolution pcap, in the writer's byte order. */
    public static final int MAGIC = 0xa1b2c3d4;
    public static final int VERSION_MAJOR = 2;
    public static final int VERSION_MINOR = 4;
    /** Largest number of bytes stored per record (pseudo-header included); longer messages are truncated. */
    public static final int SNAPLEN = 262_144;
    /** {@code LINKTYPE_USER0}: private use, the payload starts with shadowdev's pseudo-header. */
    public static final int LINK_TYPE_USER0 = 147;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT =
        MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private PcapHeaderDescriptor()
    {
    }

    /**
     * Write the global header at {@code offset}, little-endian whatever the buffer's own order.
     *
     * @param buffer destination with at least {@link #GLOBAL_HEADER_LENGTH} bytes from offset.
     * @param offset absolute index of the first byte.
     */
    public static void writeGlobalHeader(final ByteBuffer buffer, final int offset)
    {
        INT.set(buffer, offset + MAGIC_OFFSET, MAGIC);
        SHORT.set(buffer, offset + VERSION_MAJOR_OFFSET, (short)VERSION_MAJOR);
        SHORT.set(buffer, offset + VERSION_MINOR_OFFSET, (short)VERSION_MINOR);
        INT.set(buffer, offset + THISZONE_OFFSET, 0);
        INT.set(buffer, offset + SIGFIGS_OFFSET, 0);
        INT.set(buffer, offset + SNAPLEN_OFFSET, SNAPLEN);
        INT.set(buffer, offset + LINK_TYPE_OFFSET, LINK_TYPE_USER0);
    }

    /**
     * Write a record header at {@code offset}, little-endian whatever the buffer's own order.
     *
     * @param buffer     destination with at least {@link #RECORD_HEADER_LENGTH} bytes from offset.
     * @param offset     absolute index of the first byte.
     * @param epochNanos capture time in nanoseconds since the epoch; stored as seconds and microseconds.
     * @param inclLen    bytes of the packet stored in the file.
     * @param origLen    bytes of the whole packet (a u32).
     */
    public static void writeRecordHeader(
        final ByteBuffer buffer, final int offset, final long epochNanos, final int inclLen, final int origLen)
    {
        INT.set(buffer, offset + TS_SEC_OFFSET, (int)(epochNanos / 1_000_000_000L));
        INT.set(buffer, offset + TS_USEC_OFFSET, (int)(epochNanos % 1_000_000_000L / 1_000L));
        INT.set(buffer, offset + INCL_LEN_OFFSET, inclLen);
        INT.set(buffer, offset + ORIG_LEN_OFFSET, origLen);
    }
}

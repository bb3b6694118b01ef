package dev.shadowdev.driver.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * shadowdev's pseudo-header at the start of every pcap record's data (ABI.md section 5), 8 bytes, little-endian,
 * followed by the message bytes exactly as they crossed the transport:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |   direction   |     kind      |            channel            |  0
 *  +---------------+---------------+-------------------------------+
 *  |                          reserved 0                           |  4
 *  +---------------------------------------------------------------+
 *  |                        message bytes ...                      |  8
 *  +---------------------------------------------------------------+
 * </pre>
 * {@code channel} is the MHI channel for {@link #KIND_CONTROL} and the DMA bridge channel (DBC) id otherwise.
 */
public final class TracePseudoHeaderDescriptor
{
    public static final int DIRECTION_OFFSET = 0;
    public static final int KIND_OFFSET = DIRECTION_OFFSET + Byte.BYTES;
    public static final int CHANNEL_OFFSET = KIND_OFFSET + Byte.BYTES;
    public static final int RESERVED_OFFSET = CHANNEL_OFFSET + Short.BYTES;
    /** Size of the pseudo-header: 8 bytes; the message follows. */
    public static final int LENGTH = RESERVED_OFFSET + Integer.BYTES;

    /** direction: the host sent the message to the device. */
    public static final int HOST_TO_DEVICE = 0;
    /** direction: the device sent the message to the host. */
    public static final int DEVICE_TO_HOST = 1;

    /** kind: a control wire message ({@code wire_msg}) on an MHI channel. */
    public static final int KIND_CONTROL = 0;
    /** kind: one DMA bridge channel request element. */
    public static final int KIND_DBC_REQUEST = 1;
    /** kind: one DMA bridge channel response element. */
    public static final int KIND_DBC_RESPONSE = 2;

    /** Largest channel number the u16 field holds. */
    public static final int MAX_CHANNEL = 0xFFFF;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT =
        MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private TracePseudoHeaderDescriptor()
    {
    }

    /**
     * @param direction a candidate direction value.
     * @return true for {@link #HOST_TO_DEVICE} and {@link #DEVICE_TO_HOST}.
     */
    public static boolean isValidDirection(final int direction)
    {
        return direction == HOST_TO_DEVICE || direction == DEVICE_TO_HOST;
    }

    /**
     * @param kind a candidate kind value.
     * @return true for {@link #KIND_CONTROL}, {@link #KIND_DBC_REQUEST} and {@link #KIND_DBC_RESPONSE}.
     */
    public static boolean isValidKind(final int kind)
    {
        return kind >= KIND_CONTROL && kind <= KIND_DBC_RESPONSE;
    }

    /**
     * Write the pseudo-header at {@code offset}, little-endian whatever the buffer's own order.
     *
     * @param buffer    destination with at least {@link #LENGTH} bytes from offset.
     * @param offset    absolute index of the first byte.
     * @param direction {@link #HOST_TO_DEVICE} or {@link #DEVICE_TO_HOST}.
     * @param kind      {@link #KIND_CONTROL}, {@link #KIND_DBC_REQUEST} or {@link #KIND_DBC_RESPONSE}.
     * @param channel   MHI channel or DBC id, {@code 0..}{@link #MAX_CHANNEL}.
     */
    public static void write(
        final ByteBuffer buffer, final int offset, final int direction, final int kind, final int channel)
    {
        buffer.put(offset + DIRECTION_OFFSET, (byte)direction);
        buffer.put(offset + KIND_OFFSET, (byte)kind);
        SHORT.set(buffer, offset + CHANNEL_OFFSET, (short)channel);
        INT.set(buffer, offset + RESERVED_OFFSET, 0);
    }
}

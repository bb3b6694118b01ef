package dev.shadowdev.image;

import dev.shadowdev.abi.Resource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyweight over a workload image: the bytes a session uploads with DMA_XFER (ABI.md section 2).
 * All integers are little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     magic 0x4C574453 "SDWL"                   |  0
 *  +-------------------------------+-------------------------------+
 *  |          version (1)          |       header_len (128)        |  4
 *  +-------------------------------+-------------------------------+
 *  |                  name, 32 bytes, NUL-padded UTF-8            ...  8
 *  +---------------------------------------------------------------+
 *  |          needs[5], u64 each: cores, memory, bus replicators, ...  40
 *  |          semaphores, DMA channels                            ...
 *  +---------------------------------------------------------------+
 *  |                          op (WorkloadOp)                      |  80
 *  +---------------------------------------------------------------+
 *  |                            op_arg                             |  84
 *  +---------------------------------------------------------------+
 *  |                       payload_len (u64)                       |  88
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              header_crc: CRC-32 of bytes [0, 96)              |  96
 *  +---------------------------------------------------------------+
 *  |                   28 bytes reserved, zero                    ...  100
 *  +---------------------------------------------------------------+
 *  |                    payload[payload_len]                      ...  128
 *  +---------------------------------------------------------------+
 * </pre>
 * The flyweight checks nothing: {@link WorkloadImageValidator} decides whether the bytes are a valid image.
 * Accessors use absolute indexes and never move the wrapped buffer's position or limit.
 */
public final class WorkloadImageDescriptor
{
    /** The bytes "SDWL" read as a little-endian u32. */
    public static final int MAGIC = 0x4C574453;

    /** The only image format version. */
    public static final int VERSION = 1;

    /** Offset of u32 magic. */
    public static final int MAGIC_OFFSET = 0;

    /** Offset of u16 version. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + Integer.BYTES;

    /** Offset of u16 header_len. */
    public static final int HEADER_LENGTH_OFFSET = VERSION_OFFSET + Short.BYTES;

    /** Offset of char name[32]. */
    public static final int NAME_OFFSET = HEADER_LENGTH_OFFSET + Short.BYTES;

    /** Length of the name field, terminator included. */
    public static final int NAME_LENGTH = 32;

    /** Longest name in UTF-8 bytes: the field keeps at least one NUL. */
    public static final int MAX_NAME_BYTES = NAME_LENGTH - 1;

    /** Offset of u64 needs[5]. */
    public static final int NEEDS_OFFSET = NAME_OFFSET + NAME_LENGTH;

    /** Offset of u32 op. */
    public static final int OP_OFFSET = NEEDS_OFFSET + Resource.COUNT * Long.BYTES;

    /** Offset of u32 op_arg. */
    public static final int OP_ARG_OFFSET = OP_OFFSET + Integer.BYTES;

    /** Offset of u64 payload_len. */
    public static final int PAYLOAD_LENGTH_OFFSET = OP_ARG_OFFSET + Integer.BYTES;

    /** Offset of u32 header_crc. */
    public static final int HEADER_CRC_OFFSET = PAYLOAD_LENGTH_OFFSET + Long.BYTES;

    /** header_crc covers bytes [0, CRC_COVERED_LENGTH). */
    public static final int CRC_COVERED_LENGTH = HEADER_CRC_OFFSET;

    /** Offset of the reserved bytes, which must be zero. */
    public static final int RESERVED_OFFSET = HEADER_CRC_OFFSET + Integer.BYTES;

    /** Number of reserved bytes. */
    public static final int RESERVED_LENGTH = 28;

    /** Length of the header: the only valid header_len. */
    public static final int HEADER_LENGTH = RESERVED_OFFSET + RESERVED_LENGTH;

    /** Offset of the payload. */
    public static final int PAYLOAD_OFFSET = HEADER_LENGTH;

    private ByteBuffer buffer;
    private int offset;
    private int length;

    /**
     * Wrap image bytes. A buffer that is not little-endian is viewed through a little-endian duplicate.
     *
     * @param buffer holding the image.
     * @param offset of the image's first byte.
     * @param length bytes of the image available in the buffer (header and payload).
     * @return this.
     */
    public WorkloadImageDescriptor wrap(final ByteBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer.order() == ByteOrder.LITTLE_ENDIAN ? buffer : buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** @return the wrapped buffer (little-endian). */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return offset of the image in the buffer. */
    public int offset()
    {
        return offset;
    }

    /** @return bytes of the image available: its size as uploaded. */
    public int length()
    {
        return length;
    }

    /** @return u32 magic. */
    public int magic()
    {
        return buffer.getInt(offset + MAGIC_OFFSET);
    }

    /**
     * @param magic u32 magic.
     * @return this.
     */
    public WorkloadImageDescriptor magic(final int magic)
    {
        buffer.putInt(offset + MAGIC_OFFSET, magic);
        return this;
    }

    /** @return u16 version. */
    public int version()
    {
        return buffer.getShort(offset + VERSION_OFFSET) & 0xFFFF;
    }

    /**
     * @param version u16 version.
     * @return this.
     */
    public WorkloadImageDescriptor version(final int version)
    {
        buffer.putShort(offset + VERSION_OFFSET, (short)version);
        return this;
    }

    /** @return u16 header_len. */
    public int headerLength()
    {
        return buffer.getShort(offset + HEADER_LENGTH_OFFSET) & 0xFFFF;
    }

    /**
     * @param headerLength u16 header_len.
     * @return this.
     */
    public WorkloadImageDescriptor headerLength(final int headerLength)
    {
        buffer.putShort(offset + HEADER_LENGTH_OFFSET, (short)headerLength);
        return this;
    }

    /** @return bytes of the name before its first NUL, or {@link #NAME_LENGTH} when it has none. */
    public int nameLength()
    {
        for (int i = 0; i < NAME_LENGTH; i++)
        {
            if (buffer.get(offset + NAME_OFFSET + i) == 0)
            {
                return i;
            }
        }
        return NAME_LENGTH;
    }

    /** @return the name, decoded leniently (malformed UTF-8 becomes U+FFFD); the validator is strict. */
    public String name()
    {
        final byte[] bytes = new byte[nameLength()];
        buffer.get(offset + NAME_OFFSET, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * @param name at most {@link #MAX_NAME_BYTES} bytes of UTF-8; the rest of the field is zeroed.
     * @return this.
     * @throws IllegalArgumentException when the name does not fit.
     */
    public WorkloadImageDescriptor name(final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_NAME_BYTES)
        {
            throw new IllegalArgumentException(
                "image name too long: bytes=" + bytes.length + " max=" + MAX_NAME_BYTES);
        }
        buffer.put(offset + NAME_OFFSET, bytes);
        for (int i = bytes.length; i < NAME_LENGTH; i++)
        {
            buffer.put(offset + NAME_OFFSET + i, (byte)0);
        }
        return this;
    }

    /**
     * @param index resource index, {@link Resource#ordinal()}.
     * @return needs[index] as stored (a u64: negative means above {@link Long#MAX_VALUE}).
     */
    public long need(final int index)
    {
        return buffer.getLong(offset + NEEDS_OFFSET + index * Long.BYTES);
    }

    /**
     * @param index resource index.
     * @param value needs[index].
     * @return this.
     */
    public WorkloadImageDescriptor need(final int index, final long value)
    {
        buffer.putLong(offset + NEEDS_OFFSET + index * Long.BYTES, value);
        return this;
    }

    /** @return u32 op, see {@link WorkloadOp}. */
    public int op()
    {
        return buffer.getInt(offset + OP_OFFSET);
    }

    /**
     * @param op u32 op.
     * @return this.
     */
    public WorkloadImageDescriptor op(final int op)
    {
        buffer.putInt(offset + OP_OFFSET, op);
        return this;
    }

    /** @return u32 op_arg. */
    public int opArg()
    {
        return buffer.getInt(offset + OP_ARG_OFFSET);
    }

    /**
     * @param opArg u32 op_arg.
     * @return this.
     */
    public WorkloadImageDescriptor opArg(final int opArg)
    {
        buffer.putInt(offset + OP_ARG_OFFSET, opArg);
        return this;
    }

    /** @return u64 payload_len as stored (negative means above {@link Long#MAX_VALUE}). */
    public long payloadLength()
    {
        return buffer.getLong(offset + PAYLOAD_LENGTH_OFFSET);
    }

    /**
     * @param payloadLength u64 payload_len.
     * @return this.
     */
    public WorkloadImageDescriptor payloadLength(final long payloadLength)
    {
        buffer.putLong(offset + PAYLOAD_LENGTH_OFFSET, payloadLength);
        return this;
    }

    /** @return u32 header_crc as stored. */
    public int headerCrc()
    {
        return buffer.getInt(offset + HEADER_CRC_OFFSET);
    }

    /**
     * @param headerCrc u32 header_crc.
     * @return this.
     */
    public WorkloadImageDescriptor headerCrc(final int headerCrc)
    {
        buffer.putInt(offset + HEADER_CRC_OFFSET, headerCrc);
        return this;
    }

    /** @return CRC-32 ({@link CRC32}) of bytes [0, {@link #CRC_COVERED_LENGTH}) as they are now. */
    public int computeHeaderCrc()
    {
        final CRC32 crc = new CRC32();
        if (buffer.hasArray())
        {
            crc.update(buffer.array(), buffer.arrayOffset() + offset, CRC_COVERED_LENGTH);
        }
        else
        {
            final ByteBuffer view = buffer.duplicate();
            view.clear().position(offset).limit(offset + CRC_COVERED_LENGTH);
            crc.update(view);
        }
        return (int)crc.getValue();
    }

    /**
     * Store {@link #computeHeaderCrc()} in header_crc.
     *
     * @return this.
     */
    public WorkloadImageDescriptor updateHeaderCrc()
    {
        return headerCrc(computeHeaderCrc());
    }

    /**
     * @param index 0 .. {@link #RESERVED_LENGTH} - 1.
     * @return the reserved byte at {@code RESERVED_OFFSET + index}, unsigned.
     */
    public int reservedByte(final int index)
    {
        return buffer.get(offset + RESERVED_OFFSET + index) & 0xFF;
    }

    /**
     * @param index name byte index 0 .. {@link #NAME_LENGTH} - 1.
     * @return the name byte, unsigned.
     */
    public int nameByte(final int index)
    {
        return buffer.get(offset + NAME_OFFSET + index) & 0xFF;
    }
}

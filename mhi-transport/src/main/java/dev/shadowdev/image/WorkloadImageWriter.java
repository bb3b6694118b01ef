package dev.shadowdev.image;

import dev.shadowdev.abi.Resource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a workload image (ABI.md section 2) for tests, the CLI and benchmarks. The format fields (magic,
 * version, header_len, payload_len, header_crc, zeroed reserved bytes) are always right; the chosen name, needs,
 * op and op_arg are written as given, so the writer can also build well-formed images the validator refuses
 * (zero cores, an unknown op) for tests.
 * <pre>{@code
 * byte[] image = new WorkloadImageWriter()
 *     .name("echo").needs(1, 4096, 0, 0, 1).op(WorkloadOp.ECHO).payload(code)
 *     .toBytes();
 * }</pre>
 * Not thread-safe; reusable.
 */
public final class WorkloadImageWriter
{
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final WorkloadImageDescriptor descriptor = new WorkloadImageDescriptor();
    private String name = "";
    private final long[] needs = new long[Resource.COUNT];
    private int op = WorkloadOp.ECHO;
    private int opArg;
    private byte[] payload = NO_PAYLOAD;

    /**
     * @param name at most {@link WorkloadImageDescriptor#MAX_NAME_BYTES} bytes of UTF-8.
     * @return this.
     * @throws IllegalArgumentException when it does not fit.
     */
    public WorkloadImageWriter name(final String name)
    {
        final int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > WorkloadImageDescriptor.MAX_NAME_BYTES)
        {
            throw new IllegalArgumentException(
                "image name too long: bytes=" + bytes + " max=" + WorkloadImageDescriptor.MAX_NAME_BYTES);
        }
        this.name = name;
        return this;
    }

    /**
     * @param needs five values in {@link Resource} order.
     * @return this.
     * @throws IllegalArgumentException when there are not five.
     */
    public WorkloadImageWriter needs(final long... needs)
    {
        if (needs.length != Resource.COUNT)
        {
            throw new IllegalArgumentException("bad needs vector: length=" + needs.length);
        }
        System.arraycopy(needs, 0, this.needs, 0, Resource.COUNT);
        return this;
    }

    /**
     * @param op see {@link WorkloadOp}.
     * @return this.
     */
    public WorkloadImageWriter op(final int op)
    {
        this.op = op;
        return this;
    }

    /**
     * @param opArg the op's argument (XOR8 uses its low byte).
     * @return this.
     */
    public WorkloadImageWriter opArg(final int opArg)
    {
        this.opArg = opArg;
        return this;
    }

    /**
     * @param payload the opaque program bytes; copied.
     * @return this.
     */
    public WorkloadImageWriter payload(final byte[] payload)
    {
        this.payload = payload.length == 0 ? NO_PAYLOAD : Arrays.copyOf(payload, payload.length);
        return this;
    }

    /** @return the image's size: header plus payload. */
    public int length()
    {
        return WorkloadImageDescriptor.HEADER_LENGTH + payload.length;
    }

    /** @return a new array holding the image. */
    public byte[] toBytes()
    {
        final byte[] bytes = new byte[length()];
        writeTo(ByteBuffer.wrap(bytes), 0);
        return bytes;
    }

    /**
     * @param buffer to write into; its position, limit and byte order are left alone.
     * @param offset where the image starts.
     * @return bytes written, {@link #length()}.
     * @throws IndexOutOfBoundsException when the image does not fit.
     */
    public int writeTo(final ByteBuffer buffer, final int offset)
    {
        final int length = length();
        if (offset < 0 || offset > buffer.limit() - length)
        {
            throw new IndexOutOfBoundsException(
                "image does not fit: offset=" + offset + " length=" + length + " limit=" + buffer.limit());
        }
        final ByteBuffer target = buffer.order() == ByteOrder.LITTLE_ENDIAN ?
            buffer : buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        descriptor.wrap(target, offset, length)
            .magic(WorkloadImageDescriptor.MAGIC)
            .version(WorkloadImageDescriptor.VERSION)
            .headerLength(WorkloadImageDescriptor.HEADER_LENGTH)
            .name(name);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            descriptor.need(i, needs[i]);
        }
        descriptor.op(op).opArg(opArg).payloadLength(payload.length).updateHeaderCrc();
        for (int i = 0; i < WorkloadImageDescriptor.RESERVED_LENGTH; i++)
        {
            target.put(offset + WorkloadImageDescriptor.RESERVED_OFFSET + i, (byte)0);
        }
        target.put(offset + WorkloadImageDescriptor.PAYLOAD_OFFSET, payload);
        return length;
    }
}

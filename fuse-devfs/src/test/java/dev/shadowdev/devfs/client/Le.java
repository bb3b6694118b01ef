package dev.shadowdev.devfs.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Little-endian bytes written by hand, so tests state layouts independently of the flyweights. */
final class Le
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Le u32(final long... values)
    {
        for (final long v : values)
        {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int)v).array());
        }
        return this;
    }

    Le u16(final int... values)
    {
        for (final int v : values)
        {
            out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short)v).array());
        }
        return this;
    }

    Le u64(final long... values)
    {
        for (final long v : values)
        {
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }
        return this;
    }

    Le bytes(final byte[] b)
    {
        out.writeBytes(b);
        return this;
    }

    Le zeros(final int n)
    {
        out.writeBytes(new byte[n]);
        return this;
    }

    /** A NUL-padded {@code char name[32]}. */
    Le name(final String name)
    {
        final byte[] b = name.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(b);
        return zeros(32 - b.length);
    }

    int size()
    {
        return out.size();
    }

    byte[] toBytes()
    {
        return out.toByteArray();
    }
}

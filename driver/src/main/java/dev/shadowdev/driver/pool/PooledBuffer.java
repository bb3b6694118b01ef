package dev.shadowdev.driver.pool;

import dev.shadowdev.wire.WireBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One reusable heap buffer of a {@link BufferPool}: a little-endian {@link ByteBuffer}, a {@link WireBuffer} view of
 * it made once, and the length of what it holds. Owned by exactly one holder between {@link BufferPool#acquire}
 * and {@link BufferPool#release}. The holder may link buffers into its own queue with {@link #link()} and attach
 * one object to it; the pool links its free buffers the same way.
 */
public final class PooledBuffer
{
    private final ByteBuffer byteBuffer;
    private final WireBuffer wireBuffer;
    private final int sizeClass;
    private int length;
    private PooledBuffer link;
    private Object attachment;

    PooledBuffer(final int capacity, final int sizeClass)
    {
        this.byteBuffer = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        this.wireBuffer = new WireBuffer(byteBuffer);
        this.sizeClass = sizeClass;
    }

    /** @return the buffer; index 0 is the first byte, position and limit are the holder's scratch. */
    public ByteBuffer byteBuffer()
    {
        return byteBuffer;
    }

    /** @return the little-endian view over the same bytes. */
    public WireBuffer wire()
    {
        return wireBuffer;
    }

    public int capacity()
    {
        return byteBuffer.capacity();
    }

    /** @return bytes of content, set by the holder. */
    public int length()
    {
        return length;
    }

    public PooledBuffer length(final int length)
    {
        this.length = length;
        return this;
    }

    /** @return the next buffer in the holder's queue. */
    public PooledBuffer link()
    {
        return link;
    }

    public void link(final PooledBuffer link)
    {
        this.link = link;
    }

    /** @return the holder's attachment. */
    public Object attachment()
    {
        return attachment;
    }

    public PooledBuffer attachment(final Object attachment)
    {
        this.attachment = attachment;
        return this;
    }

    int sizeClass()
    {
        return sizeClass;
    }
}

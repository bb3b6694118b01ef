package dev.shadowdev.driver.pool;

import dev.shadowdev.wire.WireBuffer;
import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One reusable buffer of a {@link BufferPool}: a {@link ByteBuf} from Netty's pooled allocator, pinned for the life
 * of this handle, a little-endian {@link ByteBuffer} view of it whose index 0 is its first byte, a {@link WireBuffer}
 * view of the same bytes, and the length of what it holds. Both views are made once, when the memory is taken from
 * Netty, so reusing the handle allocates nothing (a view cannot be moved to other memory, which is why the pool
 * keeps handles with their memory rather than taking fresh memory from Netty on every acquire).
 * <p>
 * Owned by exactly one holder between {@link BufferPool#acquire} and {@link BufferPool#release}. The holder may link
 * buffers into its own queue with {@link #link()} and attach one object to it; the pool links its free buffers the
 * same way. A handle dropped without {@link BufferPool#release} leaks its {@link ByteBuf}, which Netty's
 * {@code ResourceLeakDetector} reports once the handle is collected.
 */
public final class PooledBuffer
{
    private final ByteBuf memory;
    private final ByteBuffer byteBuffer;
    private final WireBuffer wireBuffer;
    private final long address;
    private final int sizeClass;
    private int length;
    private PooledBuffer link;
    private Object attachment;
    private boolean pooled;

    PooledBuffer(final ByteBuf memory, final int sizeClass)
    {
        this.memory = memory;
        this.byteBuffer = memory.nioBuffer(0, memory.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        this.wireBuffer = new WireBuffer(byteBuffer);
        this.address = memory.hasMemoryAddress() ? memory.memoryAddress() : 0;
        this.sizeClass = sizeClass;
    }

    /** @return the native address of index 0 of {@link #byteBuffer()} for direct memory, else 0. */
    public long address()
    {
        return address;
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

    /** @return true while the buffer sits on its pool's free list (the pool's state, under the pool's monitor). */
    boolean pooled()
    {
        return pooled;
    }

    void pooled(final boolean pooled)
    {
        this.pooled = pooled;
    }

    /** Give the memory back to Netty; the handle is dead afterwards. */
    void free()
    {
        memory.release();
    }

    /** @return the pinned Netty buffer (tests: reference count, leak tracking). */
    ByteBuf memory()
    {
        return memory;
    }
}

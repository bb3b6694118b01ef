package dev.shadowdev.driver.pool;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Buffers in four size classes (512 B, 4 KiB, 64 KiB + 64, 128 KiB) whose memory comes from Netty's
 * {@link PooledByteBufAllocator} (direct memory by default: see {@link #BufferPool(int)}), so the write, read and
 * response paths reuse memory instead of allocating and a buffer that is never given back is reported by Netty's
 * leak detector. {@link #acquire(int)} takes the smallest class that holds the request, {@link #release(PooledBuffer)}
 * gives it back.
 * <p>
 * A released buffer keeps its memory and its views on a per-class free list of at most {@code retainPerClass}
 * handles, so the steady state allocates nothing (Netty's {@code nioBuffer} makes two objects per call; a handle
 * makes its views once). Past the limit, and after {@link #close()}, the memory goes back to Netty's arena. An empty
 * class takes new memory from Netty (warm-up and bursts only).
 * <p>
 * Thread-safe: one monitor, held for a list push or pop; Netty is called outside it.
 */
public final class BufferPool implements AutoCloseable
{
    /** Capacities of the classes; the largest holds a whole node response (ABI.md 1.2). */
    private static final int[] CLASSES = { 512, 4096, 65536 + 64, 131072 };
    /** Returned by {@link #classFor(int)} for a size no class holds. */
    private static final int NO_CLASS = -1;

    private final ByteBufAllocator allocator;
    private final boolean direct;
    private final PooledBuffer[] free = new PooledBuffer[CLASSES.length];
    private final int[] freeCount = new int[CLASSES.length];
    private final int retainPerClass;
    private long created;
    private boolean closed;

    /**
     * A pool of direct memory from {@link PooledByteBufAllocator#DEFAULT}: requests are copied in from FUSE's native
     * buffers and out to the shared region, both direct, and direct-to-direct copies measured cheaper (bench
     * {@code BufferPoolBenchmark}).
     *
     * @param retainPerClass most free buffers kept per class.
     */
    public BufferPool(final int retainPerClass)
    {
        this(PooledByteBufAllocator.DEFAULT, true, retainPerClass);
    }

    /**
     * @param allocator      where the memory comes from.
     * @param direct         direct memory when true, heap memory otherwise.
     * @param retainPerClass most free buffers kept per class.
     */
    public BufferPool(final ByteBufAllocator allocator, final boolean direct, final int retainPerClass)
    {
        this.allocator = allocator;
        this.direct = direct;
        this.retainPerClass = retainPerClass;
    }

    /** @return the largest size {@link #acquire(int)} serves. */
    public static int maxSize()
    {
        return CLASSES[CLASSES.length - 1];
    }

    /**
     * @param size bytes needed, 0 to {@link #maxSize()}.
     * @return a buffer of at least {@code size} bytes with length 0, or null when {@code size} is out of range.
     */
    public PooledBuffer acquire(final int size)
    {
        final int sizeClass = classFor(size);
        if (sizeClass == NO_CLASS)
        {
            return null;
        }
        synchronized (this)
        {
            final PooledBuffer head = free[sizeClass];
            if (head != null)
            {
                free[sizeClass] = head.link();
                freeCount[sizeClass]--;
                head.link(null);
                head.pooled(false);
                return head.length(0);
            }
            created++;
        }
        final int capacity = CLASSES[sizeClass];
        final ByteBuf memory = direct ? allocator.directBuffer(capacity, capacity) : allocator.heapBuffer(capacity, capacity);
        return new PooledBuffer(memory, sizeClass);
    }

    /**
     * @param buffer a buffer from {@link #acquire(int)}, not used by the caller any more; null is ignored.
     * @throws IllegalStateException when {@code buffer} is already back in this pool (released twice).
     */
    public void release(final PooledBuffer buffer)
    {
        if (buffer == null)
        {
            return;
        }
        final int sizeClass = buffer.sizeClass();
        synchronized (this)
        {
            if (buffer.pooled())
            {
                throw new IllegalStateException("buffer released twice: capacity=" + buffer.capacity());
            }
            buffer.attachment(null);
            if (!closed && freeCount[sizeClass] < retainPerClass)
            {
                buffer.pooled(true);
                buffer.link(free[sizeClass]);
                free[sizeClass] = buffer;
                freeCount[sizeClass]++;
                return;
            }
        }
        buffer.link(null);
        buffer.free();
    }

    /** @return buffers created since construction (allocations; flat in steady state). */
    public synchronized long created()
    {
        return created;
    }

    /**
     * Give the memory of every free buffer back to Netty and keep none from now on: buffers released later go
     * straight back to Netty. Buffers still held are their holders' to release. Idempotent.
     */
    @Override
    public void close()
    {
        final PooledBuffer[] lists = new PooledBuffer[CLASSES.length];
        synchronized (this)
        {
            closed = true;
            for (int i = 0; i < CLASSES.length; i++)
            {
                lists[i] = free[i];
                free[i] = null;
                freeCount[i] = 0;
            }
        }
        for (final PooledBuffer list : lists)
        {
            PooledBuffer buffer = list;
            while (buffer != null)
            {
                final PooledBuffer next = buffer.link();
                buffer.link(null);
                buffer.free();
                buffer = next;
            }
        }
    }

    private static int classFor(final int size)
    {
        if (size < 0)
        {
            return NO_CLASS;
        }
        for (int i = 0; i < CLASSES.length; i++)
        {
            if (size <= CLASSES[i])
            {
                return i;
            }
        }
        return NO_CLASS;
    }
}

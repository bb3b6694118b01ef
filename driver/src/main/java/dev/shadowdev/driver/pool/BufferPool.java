package dev.shadowdev.driver.pool;

/**
 * Heap buffers in four size classes (512 B, 4 KiB, 64 KiB + 64, 128 KiB), kept on per-class free lists so the
 * write, read and response paths reuse memory instead of allocating: {@link #acquire(int)} takes the smallest class
 * that holds the request, {@link #release(PooledBuffer)} gives it back. A class keeps at most
 * {@code retainPerClass} free buffers; an empty class allocates a new one (warm-up and bursts only).
 * <p>
 * Thread-safe: one monitor, held for a list push or pop.
 */
public final class BufferPool
{
    /** Capacities of the classes; the largest holds a whole node response (ABI.md 1.2). */
    private static final int[] CLASSES = { 512, 4096, 65536 + 64, 131072 };
    /** Returned by {@link #classFor(int)} for a size no class holds. */
    private static final int NO_CLASS = -1;

    private final PooledBuffer[] free = new PooledBuffer[CLASSES.length];
    private final int[] freeCount = new int[CLASSES.length];
    private final int retainPerClass;
    private long created;

    /**
     * @param retainPerClass most free buffers kept per class.
     */
    public BufferPool(final int retainPerClass)
    {
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
                return head.length(0);
            }
            created++;
        }
        return new PooledBuffer(CLASSES[sizeClass], sizeClass);
    }

    /**
     * @param buffer a buffer from {@link #acquire(int)}, not used by the caller any more; null is ignored.
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
            if (freeCount[sizeClass] < retainPerClass)
            {
                buffer.attachment(null);
                buffer.link(free[sizeClass]);
                free[sizeClass] = buffer;
                freeCount[sizeClass]++;
            }
        }
    }

    /** @return buffers created since construction (allocations; flat in steady state). */
    public synchronized long created()
    {
        return created;
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

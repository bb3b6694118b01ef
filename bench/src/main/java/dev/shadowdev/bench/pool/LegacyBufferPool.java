package dev.shadowdev.bench.pool;

import dev.shadowdev.wire.WireBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The baseline: the driver's hand-written pool as it was before it took its memory from Netty (driver/pool at
 * d530411), heap buffers in the same four classes on per-class free lists under one monitor.
 */
final class LegacyBufferPool
{
    private static final int[] CLASSES = { 512, 4096, 65536 + 64, 131072 };

    private final Buffer[] free = new Buffer[CLASSES.length];
    private final int[] freeCount = new int[CLASSES.length];
    private final int retainPerClass;

    LegacyBufferPool(final int retainPerClass)
    {
        this.retainPerClass = retainPerClass;
    }

    Buffer acquire(final int size)
    {
        int sizeClass = 0;
        while (sizeClass < CLASSES.length && size > CLASSES[sizeClass])
        {
            sizeClass++;
        }
        if (size < 0 || sizeClass == CLASSES.length)
        {
            return null;
        }
        synchronized (this)
        {
            final Buffer head = free[sizeClass];
            if (head != null)
            {
                free[sizeClass] = head.link;
                freeCount[sizeClass]--;
                head.link = null;
                head.length = 0;
                return head;
            }
        }
        return new Buffer(CLASSES[sizeClass], sizeClass);
    }

    void release(final Buffer buffer)
    {
        synchronized (this)
        {
            if (freeCount[buffer.sizeClass] < retainPerClass)
            {
                buffer.attachment = null;
                buffer.link = free[buffer.sizeClass];
                free[buffer.sizeClass] = buffer;
                freeCount[buffer.sizeClass]++;
            }
        }
    }

    static final class Buffer
    {
        final ByteBuffer byteBuffer;
        final WireBuffer wire;
        final int sizeClass;
        int length;
        Buffer link;
        Object attachment;

        Buffer(final int capacity, final int sizeClass)
        {
            this.byteBuffer = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
            this.wire = new WireBuffer(byteBuffer);
            this.sizeClass = sizeClass;
        }
    }
}

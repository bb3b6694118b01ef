package dev.shadowdev.firmware.qsm;

import java.nio.ByteBuffer;

/**
 * Responses waiting for host receive buffers, in order: a FIFO of byte strings kept back to back in one array,
 * each as {@code [i32 length][bytes]}. The array starts at {@link #INITIAL_CAPACITY} and doubles when a response
 * does not fit (the only allocation, and only while the host is not draining), up to {@link #MAX_CAPACITY}.
 * Not thread-safe: owned by {@link QsmResponseProxy} on the device thread.
 */
final class PendingResponses
{
    /** Starting size: sixteen 4 KiB answers. */
    static final int INITIAL_CAPACITY = 64 * 1024;
    /** Largest size: a host that leaves 16 MiB of answers unread is not reading any more. */
    static final int MAX_CAPACITY = 16 * 1024 * 1024;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private ByteBuffer view = ByteBuffer.wrap(bytes);
    private int head;
    private int tail;
    private int count;

    /** @return responses queued. */
    int count()
    {
        return count;
    }

    boolean isEmpty()
    {
        return count == 0;
    }

    /**
     * Queue a copy of {@code length} bytes of {@code src} at {@code offset} (absolute; position untouched).
     *
     * @return true, or false when the queue would grow past {@link #MAX_CAPACITY} (nothing queued).
     */
    boolean add(final ByteBuffer src, final int offset, final int length)
    {
        final int needed = Integer.BYTES + length;
        if (bytes.length - tail < needed)
        {
            compact();
            if (bytes.length - tail < needed && !grow(tail + needed))
            {
                return false;
            }
        }
        view.putInt(tail, length);
        view.put(tail + Integer.BYTES, src, offset, length);
        tail += needed;
        count++;
        return true;
    }

    /** @return the array holding the oldest response; valid until the next {@link #add} or {@link #remove}. */
    byte[] array()
    {
        return bytes;
    }

    /** @return index of the oldest response's first byte in {@link #array()}. */
    int firstOffset()
    {
        return head + Integer.BYTES;
    }

    /** @return length of the oldest response. */
    int firstLength()
    {
        return view.getInt(head);
    }

    /** Drop the oldest response. */
    void remove()
    {
        head += Integer.BYTES + view.getInt(head);
        count--;
        if (count == 0)
        {
            head = 0;
            tail = 0;
        }
    }

    /** Drop everything. */
    void clear()
    {
        head = 0;
        tail = 0;
        count = 0;
    }

    private void compact()
    {
        if (head > 0)
        {
            System.arraycopy(bytes, head, bytes, 0, tail - head);
            tail -= head;
            head = 0;
        }
    }

    private boolean grow(final int required)
    {
        if (required > MAX_CAPACITY)
        {
            return false;
        }
        int capacity = bytes.length;
        while (capacity < required)
        {
            capacity *= 2;
        }
        final byte[] grown = new byte[Math.min(capacity, MAX_CAPACITY)];
        System.arraycopy(bytes, 0, grown, 0, tail);
        bytes = grown;
        view = ByteBuffer.wrap(bytes);
        return true;
    }
}

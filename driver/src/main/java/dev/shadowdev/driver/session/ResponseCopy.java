package dev.shadowdev.driver.session;

import dev.shadowdev.driver.api.ResponseSink;

import java.nio.ByteBuffer;

/**
 * A {@code read} into the caller's buffer: the sink that copies the response there, one per thread and reused, so
 * that a read allocates nothing.
 */
final class ResponseCopy implements ResponseSink
{
    private static final ThreadLocal<ResponseCopy> COPIES = ThreadLocal.withInitial(ResponseCopy::new);

    private ByteBuffer dst;

    private ResponseCopy()
    {
    }

    /**
     * Take the next response of {@code queues} into {@code dst} from its position (capacity = remaining).
     *
     * @return as {@link SessionQueues#read(ResponseSink, int, boolean)}: the length, or 0 or a negative errno.
     */
    static int read(final SessionQueues queues, final ByteBuffer dst, final boolean nonBlocking)
    {
        final ResponseCopy copy = COPIES.get();
        copy.dst = dst;
        try
        {
            return queues.read(copy, dst.remaining(), nonBlocking);
        }
        finally
        {
            copy.dst = null;
        }
    }

    @Override
    public int accept(final ByteBuffer response, final long address, final int length)
    {
        final int at = dst.position();
        dst.put(at, response, 0, length);
        dst.position(at + length);
        return length;
    }
}

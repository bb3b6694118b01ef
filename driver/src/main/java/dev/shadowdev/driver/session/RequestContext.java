package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageResponseFlyweight;
import dev.shadowdev.wire.node.ManageResponseTransactionHeaderFlyweight;
import dev.shadowdev.wire.node.ManageResponseWriter;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;

/**
 * The request a session is working on: the validated manage message, the cursor over its transactions (the next
 * one to handle; the first one of the wire batch in flight), and the response being built, one response
 * transaction per request transaction in order. Every answer leaves room for an empty answer to each transaction
 * after it, so a response always has exactly one transaction per request transaction. Owned by the session's
 * processing; handlers read the next transaction through {@link #intField}/{@link #longField} and answer through
 * {@link #response()}.
 */
final class RequestContext
{
    private static final int EMPTY_ANSWER = ManageResponseTransactionHeaderFlyweight.HEADER_LENGTH;
    /**
     * A response this long keeps the buffer it was built in (at most 4x its size) instead of a copy into one of
     * its size: above this, the copy costs more than the memory.
     */
    private static final int KEEP_RESPONSE_BYTES = BufferPool.maxSize() / 4;

    private final ManageResponseWriter writer = new ManageResponseWriter();
    private PooledBuffer request;
    private WireBuffer view;
    private PooledBuffer response;
    private int count;
    private int next;
    private int nextOffset;
    private int batchFirst;
    private int messageStatus;
    private int limit;

    /** Start on a request: its response gets the request's tag. */
    void begin(final PooledBuffer request, final PooledBuffer response)
    {
        this.request = request;
        this.view = request.wire();
        this.response = response;
        count = view.getInt(ManageMessageFlyweight.COUNT_OFFSET);
        next = 0;
        nextOffset = ManageMessageFlyweight.LENGTH;
        batchFirst = 0;
        messageStatus = 0;
        limit = Math.min(response.capacity(), ManageResponseFlyweight.MAX_LENGTH);
        writer.wrap(response.wire(), 0, limit);
        writer.begin(view.getInt(ManageMessageFlyweight.TAG_OFFSET));
    }

    boolean done()
    {
        return next >= count;
    }

    /** @return the type of the next transaction. */
    int type()
    {
        return view.getInt(nextOffset + WireTransactionHeaderFlyweight.TYPE_OFFSET);
    }

    /** @return the length of the next transaction, header included. */
    int length()
    {
        return view.getInt(nextOffset + WireTransactionHeaderFlyweight.LEN_OFFSET);
    }

    /** @return the int at {@code fieldOffset} of the next transaction. */
    int intField(final int fieldOffset)
    {
        return view.getInt(nextOffset + fieldOffset);
    }

    /** @return the long at {@code fieldOffset} of the next transaction. */
    long longField(final int fieldOffset)
    {
        return view.getLong(nextOffset + fieldOffset);
    }

    /** @return the request's bytes (for copying a body out of it, at {@link #index}). */
    WireBuffer view()
    {
        return view;
    }

    /** @return where {@code fieldOffset} of the next transaction is in {@link #view()}. */
    int index(final int fieldOffset)
    {
        return nextOffset + fieldOffset;
    }

    /** @return the index of the next transaction in the request. */
    int next()
    {
        return next;
    }

    /** @return the index in the request of the batch entry {@code entry}. */
    int indexOfEntry(final int entry)
    {
        return batchFirst + entry;
    }

    /** Move past the next transaction (it was answered or put in the batch). */
    void advance()
    {
        nextOffset += length();
        next++;
    }

    /** The batch starts at the next transaction. */
    void markBatchStart()
    {
        batchFirst = next;
    }

    /** @return the response being built. */
    ManageResponseWriter response()
    {
        return writer;
    }

    /** @return the response's bytes (for copying a body into it). */
    WireBuffer responseBuffer()
    {
        return response.wire();
    }

    /**
     * @param bytes the answer's length.
     * @param index the request transaction it answers.
     * @return true when it fits and leaves room for an empty answer to every later transaction.
     */
    boolean fits(final long bytes, final int index)
    {
        final long later = (long)(count - index - 1) * EMPTY_ANSWER;
        return bytes + later <= limit - writer.length();
    }

    /** Answer a transaction with a status and no body. */
    void answerEmpty(final int type, final int status)
    {
        writer.appendEmpty(type, status);
    }

    /** Answer every transaction from the next one on with {@code status} (the node is gone, ...). */
    void answerRest(final int status)
    {
        failMessage(status);
        while (next < count)
        {
            answerEmpty(type(), status);
            advance();
        }
    }

    /** Record a failure of the whole message (timeouts, reset, node gone); the first one wins. */
    void failMessage(final int status)
    {
        if (messageStatus == 0 && status != Errno.OK.status())
        {
            messageStatus = status;
        }
    }

    /** @return the request (its attachment says who waits for the response). */
    PooledBuffer request()
    {
        return request;
    }

    /**
     * Finish the response, give the request back to {@code pool} and forget both.
     *
     * @return the finished response, in a buffer of its size unless it is long.
     */
    PooledBuffer finish(final BufferPool pool)
    {
        final int length = writer.finish(messageStatus);
        final PooledBuffer finished;
        if (length >= KEEP_RESPONSE_BYTES)
        {
            finished = response.length(length);
        }
        else
        {
            finished = pool.acquire(length);
            finished.byteBuffer().put(0, response.byteBuffer(), 0, length);
            finished.length(length);
            pool.release(response);
        }
        pool.release(request);
        request = null;
        view = null;
        response = null;
        return finished;
    }
}

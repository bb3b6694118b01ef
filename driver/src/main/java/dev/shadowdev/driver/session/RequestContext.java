package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageResponseFlyweight;
import dev.shadowdev.wire.node.ManageResponseTransactionHeaderFlyweight;
import dev.shadowdev.wire.node.ManageResponseWriter;
import dev.shadowdev.wire.node.ManageTransactionHeaderFlyweight;

/**
 * The request a session is working on: the validated manage message, the cursor over its transactions (the next
 * one to handle; the first one of the wire batch in flight), and the response being built, one response
 * transaction per request transaction in order. Every answer leaves room for an empty answer to each transaction
 * after it, so a response always has exactly one transaction per request transaction. Owned by the session's
 * processing.
 */
final class RequestContext
{
    private static final int EMPTY_ANSWER = ManageResponseTransactionHeaderFlyweight.HEADER_LENGTH;

    final ManageResponseWriter writer = new ManageResponseWriter();
    PooledBuffer request;
    WireBuffer view;
    PooledBuffer response;
    int count;
    int next;
    int nextOffset;
    int batchFirst;
    int messageStatus;
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
        return view.getInt(nextOffset + ManageTransactionHeaderFlyweight.TYPE_OFFSET);
    }

    /** @return the length of the next transaction, header included. */
    int length()
    {
        return view.getInt(nextOffset + ManageTransactionHeaderFlyweight.LEN_OFFSET);
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

    /** @return the finished response's length. */
    int finish()
    {
        return writer.finish(messageStatus);
    }

    void clear()
    {
        request = null;
        view = null;
        response = null;
    }
}

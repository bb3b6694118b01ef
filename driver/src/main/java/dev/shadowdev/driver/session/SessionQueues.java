package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.BlockingHook;
import dev.shadowdev.driver.api.ResponseSink;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.pool.PooledBuffer;

import java.nio.ByteBuffer;

/**
 * A session's two queues and what readers wait on: the inbox of accepted requests (in write order) and the
 * responses ready to read (in the same order), plus the count of accepted writes not answered yet. One monitor
 * guards all of it; readers block on it. Requests and responses are pooled buffers linked through
 * {@link PooledBuffer#link()}, so nothing here allocates.
 * <p>
 * Read rules (ABI.md 1.2): a response is returned whole or not at all (EOVERFLOW leaves it queued); with nothing
 * outstanding and nothing queued a read returns 0, or -ENODEV once the session is dead; otherwise it blocks
 * (-EAGAIN when non-blocking) until whoever completes the request queues its response. Death never strands a
 * reader: every outstanding request still gets its response. A reader only waits here; it never runs the session.
 */
final class SessionQueues
{
    private final BufferPool pool;
    private PooledBuffer inboxHead;
    private PooledBuffer inboxTail;
    private PooledBuffer readyHead;
    private PooledBuffer readyTail;
    private int outstanding;
    /** Responses queued and not read yet: they count against the limit too, so a session that never reads
     * cannot make the driver hold an unbounded number of them. */
    private int unread;
    private boolean dead;
    /** SD_IOC_MANAGE requests accepted and not answered (their callers wait in an {@link IoctlWait}). */
    private int ioctls;
    private volatile Runnable readyListener;

    SessionQueues(final BufferPool pool)
    {
        this.pool = pool;
    }

    /**
     * Accept a request.
     *
     * @param request  the request, owned by the queues from now on (on success).
     * @param counted  counts as outstanding for readers (writes do, SD_IOC_MANAGE does not).
     * @param maximum  most requests a session may have outstanding or answered but not read.
     * @return 0, -EAGAIN (too many outstanding or unread) or -ENODEV (dead).
     */
    synchronized int offer(final PooledBuffer request, final boolean counted, final int maximum)
    {
        if (dead)
        {
            return Errno.ENODEV.status();
        }
        if (counted && outstanding + unread >= maximum)
        {
            return Errno.EAGAIN.status();
        }
        request.link(null);
        if (inboxTail == null)
        {
            inboxHead = request;
        }
        else
        {
            inboxTail.link(request);
        }
        inboxTail = request;
        if (counted)
        {
            outstanding++;
        }
        else
        {
            ioctls++;
        }
        return 0;
    }

    /** @return the oldest accepted request, or null. */
    synchronized PooledBuffer takeRequest()
    {
        final PooledBuffer request = inboxHead;
        if (request != null)
        {
            inboxHead = request.link();
            if (inboxHead == null)
            {
                inboxTail = null;
            }
            request.link(null);
        }
        return request;
    }

    /**
     * Hand a finished response to whoever waits for it: the SD_IOC_MANAGE caller the request was attached to, or
     * the read queue.
     */
    void deliver(final PooledBuffer response, final Object requestAttachment)
    {
        if (requestAttachment instanceof IoctlWait)
        {
            ioctlDone();
            ((IoctlWait)requestAttachment).complete(response, 0);
        }
        else
        {
            respond(response);
        }
    }

    /** Queue a finished response of a counted request, wake readers and tell the ready listener. */
    void respond(final PooledBuffer response)
    {
        synchronized (this)
        {
            response.link(null);
            if (readyTail == null)
            {
                readyHead = response;
            }
            else
            {
                readyTail.link(response);
            }
            readyTail = response;
            outstanding--;
            unread++;
            notifyAll();
        }
        fireReady();
    }

    /** Take the next response into {@code dst} from its position (capacity = remaining), a copy: see below. */
    int read(final ByteBuffer dst, final boolean nonBlocking)
    {
        return ResponseCopy.read(this, dst, nonBlocking);
    }

    /**
     * Take the next response and hand it to {@code sink} in place (its memory goes back to the pool after). Returns
     * what the sink returned; else 0 (nothing outstanding), -ENODEV (dead), -EAGAIN (non-blocking, or interrupted),
     * or -EOVERFLOW when the response is longer than {@code capacity} (it stays queued).
     */
    int read(final ResponseSink sink, final int capacity, final boolean nonBlocking)
    {
        final PooledBuffer response;
        synchronized (this)
        {
            while (readyHead == null)
            {
                if (outstanding == 0)
                {
                    return dead ? Errno.ENODEV.status() : 0;
                }
                if (nonBlocking)
                {
                    return Errno.EAGAIN.status();
                }
                BlockingHook.beforeWait();
                try
                {
                    wait();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return Errno.EAGAIN.status();
                }
            }
            if (capacity < readyHead.length())
            {
                return Errno.EOVERFLOW.status();
            }
            response = readyHead;
            unread--;
            readyHead = response.link();
            if (readyHead == null)
            {
                readyTail = null;
            }
            response.link(null);
        }
        try
        {
            return sink.accept(response.byteBuffer(), response.address(), response.length());
        }
        finally
        {
            pool.release(response);
        }
    }

    /** An SD_IOC_MANAGE request was answered or dropped. */
    synchronized void ioctlDone()
    {
        ioctls--;
    }

    /** @return true while a response is queued, or once the session is dead (a read then returns at once). */
    synchronized boolean pollIn()
    {
        return readyHead != null || dead;
    }

    /** @return true when a write now would be refused with -EAGAIN ({@code maximum}: as {@link #offer}). */
    synchronized boolean full(final int maximum)
    {
        return outstanding + unread >= maximum;
    }

    /** @return accepted writes not answered yet. */
    synchronized int outstanding()
    {
        return outstanding;
    }

    void readyListener(final Runnable listener)
    {
        readyListener = listener;
    }

    /** The session is dead (node gone, reset, closed): refuse new requests and wake every reader and poller. */
    void kill()
    {
        synchronized (this)
        {
            if (dead)
            {
                return;
            }
            dead = true;
            notifyAll();
        }
        fireReady();
    }

    /** Drop the requests not started yet (close): they are answered by nobody. @return how many. */
    synchronized int dropUnstarted()
    {
        int dropped = 0;
        PooledBuffer request = inboxHead;
        while (request != null)
        {
            final PooledBuffer next = request.link();
            if (request.attachment() == null)
            {
                outstanding--;
            }
            else
            {
                ioctls--;
                ((IoctlWait)request.attachment()).complete(null, Errno.ENODEV.status());
            }
            pool.release(request);
            request = next;
            dropped++;
        }
        inboxHead = null;
        inboxTail = null;
        notifyAll();
        return dropped;
    }

    /** Give every queued response back to the pool (after close). */
    synchronized void clearResponses()
    {
        PooledBuffer response = readyHead;
        while (response != null)
        {
            final PooledBuffer next = response.link();
            pool.release(response);
            response = next;
        }
        readyHead = null;
        readyTail = null;
        unread = 0;
    }

    private void fireReady()
    {
        final Runnable listener = readyListener;
        if (listener != null)
        {
            listener.run();
        }
    }
}

package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.BlockingHook;
import dev.shadowdev.driver.pool.PooledBuffer;

/**
 * Where an SD_IOC_MANAGE caller waits for the response of its request, which goes through the session's pipeline
 * like a write but is handed back here instead of the read queue. Control plane: one per call.
 */
final class IoctlWait
{
    private PooledBuffer response;
    private int status;
    private boolean done;

    /**
     * @param response the response (ownership passes to the waiter), or null.
     * @param status   0, or a negative errno when there is no response.
     */
    synchronized void complete(final PooledBuffer response, final int status)
    {
        this.response = response;
        this.status = status;
        done = true;
        notifyAll();
    }

    /** Wait until completed (every request is answered or failed: timeouts bound it). */
    synchronized int await()
    {
        boolean interrupted = false;
        while (!done)
        {
            BlockingHook.beforeWait();
            try
            {
                wait();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
        return response == null && status == 0 ? Errno.EIO.status() : status;
    }

    synchronized PooledBuffer response()
    {
        return response;
    }
}

package dev.shadowdev.driver.control;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.BlockingHook;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * A blocking control request for the control plane (probe, ioctls, node queries), where the calling thread waits
 * anyway: build the message with {@link #writer()}, {@link #call} it, read the response through {@link #response()}.
 * The data path never uses this class. One instance per call site and thread; reusable.
 */
public final class SyncCall
{
    private final ControlClient client;
    private final WireBuffer request = new WireBuffer(
        ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN));
    private final WireRequestWriter writer = new WireRequestWriter();
    private final WireBuffer response = new WireBuffer(
        ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN));
    private int responseLength;
    private int status;
    private boolean done;
    private long calls;

    /** @param client sends the requests. */
    public SyncCall(final ControlClient client)
    {
        this.client = client;
    }

    /**
     * Start a new request message.
     *
     * @return the writer, positioned after the header; append transactions to it.
     */
    public WireRequestWriter writer()
    {
        writer.wrap(request, 0, request.capacity());
        writer.begin(0, 0, WireMessageHeaderFlyweight.NO_PARTITION);
        return writer;
    }

    /**
     * Send the message built with {@link #writer()} and wait for its end.
     *
     * @param handle       user handle to tag it with.
     * @param partitionId  partition to tag it with.
     * @param timeoutNanos the request's timeout (the wait itself ends at the same time at the latest).
     * @return 0 with the response in {@link #response()}, or a negative errno (ETIMEDOUT, EIO, ...).
     */
    public int call(final int handle, final int partitionId, final long timeoutNanos)
    {
        final long call;
        synchronized (this)
        {
            done = false;
            responseLength = 0;
            call = ++calls;
        }
        final int submitted = client.submit(
            writer, handle, partitionId, (status, message) -> complete(call, status, message), timeoutNanos);
        if (submitted < 0)
        {
            return submitted;
        }
        final long deadline = System.nanoTime() + timeoutNanos + TimeUnit.SECONDS.toNanos(1);
        BlockingHook.beforeWait();
        synchronized (this)
        {
            boolean interrupted = false;
            while (!done)
            {
                final long left = deadline - System.nanoTime();
                if (left <= 0)
                {
                    break;
                }
                try
                {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
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
            return done ? status : Errno.ETIMEDOUT.status();
        }
    }

    /** @return the last response message, from index 0. */
    public WireBuffer response()
    {
        return response;
    }

    /** @return the last response's length. */
    public int responseLength()
    {
        return responseLength;
    }

    private void complete(final long call, final int status, final PooledBuffer message)
    {
        synchronized (this)
        {
            if (call != calls)
            {
                client.release(message);
                return;
            }
            if (message != null)
            {
                final int length = message.length();
                response.byteBuffer().put(0, message.byteBuffer(), 0, length);
                responseLength = length;
                client.release(message);
            }
            this.status = status;
            done = true;
            notifyAll();
        }
    }
}

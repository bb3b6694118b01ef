package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.BlockingHook;
import dev.shadowdev.driver.api.NodeSession;
import dev.shadowdev.driver.api.ResponseSink;
import dev.shadowdev.driver.node.DeviceNode;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageMessageValidator;
import dev.shadowdev.wire.node.NodeIoctls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open file on a node: a user handle of its own, the node's generation it was opened in, and the node ABI
 * (ABI.md section 1) behind {@link NodeSession}. The handle and the node's partition are what every wire message of
 * this session is tagged with; nothing the user writes can change them.
 * <p>
 * How it runs (see the package comment): {@code write} validates a manage message (nothing is accepted or sent when
 * it is malformed), queues a copy and {@link #run runs} the session's {@link SessionProcessor} on the writer's
 * thread up to the doorbell, then lends that thread to the card ({@code endDoorbells}), whose answer usually comes
 * back before {@code write} returns. An answer is completed by the thread that delivers it (the one running the
 * card's interrupt, or the timer for a timeout, or recovery), which runs the session again from there. {@code read}
 * only waits for the response. One gate, a count of runs asked for, makes sure one thread at a time runs the
 * processor and that every request to run is served: the thread that raises it from 0 runs until it drains.
 * <p>
 * A session is dead for good (ENODEV) once its node goes offline, is removed, or comes back in a later generation;
 * requests it accepted before still get their responses, so no reader hangs.
 */
public final class Session implements NodeSession
{
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final SessionServices services;
    private final DeviceNode node;
    private final int generation;
    private final int partitionId;
    private final int handle;
    private final int epoch;
    private final SessionQueues queues;
    private final SessionProcessor processor;
    private final SessionIoctls ioctls;
    private final ManageMessageValidator validator = new ManageMessageValidator();
    private final WireError writeError = new WireError();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger runsAsked = new AtomicInteger();

    /**
     * @param services the driver's parts.
     * @param node     the node opened.
     * @param handle   the user handle, never 0.
     * @param epoch    the driver's firmware epoch at open.
     */
    public Session(final SessionServices services, final DeviceNode node, final int handle, final int epoch)
    {
        this.services = services;
        this.node = node;
        this.generation = node.generation();
        this.partitionId = node.partitionId();
        this.handle = handle;
        this.epoch = epoch;
        this.queues = new SessionQueues(services.pool());
        this.processor = new SessionProcessor(this, services, queues);
        this.ioctls = new SessionIoctls(this, services, queues);
    }

    /** @return the user handle stamped into this session's wire messages. */
    public int handle()
    {
        return handle;
    }

    /** @return the partition stamped into this session's wire messages (-1 on the base node). */
    public int partitionId()
    {
        return partitionId;
    }

    /** @return the node it was opened on. */
    public DeviceNode node()
    {
        return node;
    }

    int epoch()
    {
        return epoch;
    }

    /** @return true while open and its node is online in the generation it was opened in. */
    public boolean alive()
    {
        return !closing.get() && node.isCurrent(generation);
    }

    /** Called by the driver after node changes: a session no longer alive refuses writes and wakes its readers. */
    public void refresh()
    {
        if (!alive())
        {
            queues.kill();
            run();
        }
    }

    @Override
    public int write(final ByteBuffer src)
    {
        final int length = src.remaining();
        if (length > ManageMessageFlyweight.MAX_LENGTH)
        {
            LOG.warn("write refused: message too long: length={} max={} handle={}", length,
                ManageMessageFlyweight.MAX_LENGTH, handle);
            return Errno.EMSGSIZE.status();
        }
        if (!alive())
        {
            return Errno.ENODEV.status();
        }
        if (queues.full(services.options().maxOutstandingPerSession()))
        {
            // Refused before any copy or check, after a penalty: a writer that never reads costs next to nothing.
            services.penalty().serve();
            return Errno.EAGAIN.status();
        }
        final PooledBuffer request = services.pool().acquire(length);
        request.byteBuffer().put(0, src, src.position(), length);
        request.length(length);
        final int valid;
        synchronized (writeError)
        {
            valid = validator.validate(request.wire(), 0, length, writeError);
            if (valid != 0)
            {
                LOG.warn("write refused: {} handle={}", writeError.message(), handle);
            }
        }
        if (valid != 0)
        {
            services.pool().release(request);
            return valid;
        }
        final int offered = queues.offer(request, true, services.options().maxOutstandingPerSession());
        if (offered != 0)
        {
            services.pool().release(request);
            return offered;
        }
        runLent();
        src.position(src.position() + length);
        return length;
    }

    @Override
    public int read(final ByteBuffer dst, final boolean nonBlocking)
    {
        return queues.read(dst, nonBlocking);
    }

    @Override
    public int read(final ResponseSink sink, final int capacity, final boolean nonBlocking)
    {
        return queues.read(sink, capacity, nonBlocking);
    }

    @Override
    public int ioctl(final int cmd, final ByteBuffer arg)
    {
        final int size = NodeIoctls.size(cmd);
        if (cmd != NodeIoctls.SD_IOC_INFO && cmd != NodeIoctls.SD_IOC_MANAGE && cmd != NodeIoctls.SD_IOC_PART_DEV)
        {
            LOG.warn("ioctl refused: unknown command: cmd=0x{} handle={}", Integer.toHexString(cmd), handle);
            return Errno.EINVAL.status();
        }
        if (arg == null || arg.remaining() < size)
        {
            LOG.warn("ioctl refused: argument too short: cmd={} size={} length={}", NodeIoctls.name(cmd), size,
                arg == null ? 0 : arg.remaining());
            return Errno.EINVAL.status();
        }
        final ByteBuffer view = arg.slice(arg.position(), size);
        if (cmd == NodeIoctls.SD_IOC_INFO)
        {
            return ioctls.info(view);
        }
        if (cmd == NodeIoctls.SD_IOC_MANAGE)
        {
            return ioctls.manage(view);
        }
        return ioctls.partDev(view);
    }

    @Override
    public boolean pollIn()
    {
        return queues.pollIn();
    }

    @Override
    public void readyListener(final Runnable listener)
    {
        queues.readyListener(listener);
    }

    @Override
    public void close()
    {
        if (!closing.compareAndSet(false, true))
        {
            return;
        }
        queues.kill();
        queues.dropUnstarted();
        processor.requestClose();
        runLent();
        final long wait = 2 * services.options().controlTimeoutNanos() + services.options().executeTimeoutNanos() +
            TimeUnit.SECONDS.toNanos(1);
        if (processor.closed().getCount() != 0)
        {
            BlockingHook.beforeWait();
        }
        try
        {
            if (!processor.closed().await(wait, TimeUnit.NANOSECONDS))
            {
                LOG.warn("session close still in progress: handle={} partition={}", handle, partitionId);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** @return true once the session gave everything back. */
    public boolean closed()
    {
        return processor.closed().getCount() == 0;
    }

    /**
     * Run the session on this thread up to the doorbells, then lend the thread to the card (its answers may be
     * completed before this returns). Callers hold no lock.
     */
    void runLent()
    {
        services.registers().beginDoorbells();
        try
        {
            run();
        }
        finally
        {
            services.registers().endDoorbells();
        }
    }

    /**
     * Ask for a run: something happened (a request queued, an answer recorded, a close, a death). The thread that
     * raises the count from 0 runs the processor until the count it has seen drains to 0; any other thread returns
     * at once, and the running thread serves its request in its next pass. Never blocks.
     */
    void run()
    {
        if (runsAsked.getAndIncrement() != 0)
        {
            return;
        }
        int seen;
        do
        {
            seen = runsAsked.get();
            try
            {
                processor.run(MessageScratch.current());
            }
            catch (final RuntimeException ex)
            {
                LOG.error("session run failed: session={}", this, ex);
            }
        }
        while (runsAsked.addAndGet(-seen) != 0);
    }

    @Override
    public String toString()
    {
        return "Session{handle=" + handle + ", minor=" + node.minor() + ", partition=" + partitionId +
            ", generation=" + generation + "}";
    }
}

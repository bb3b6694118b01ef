package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageMessageValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * A session's {@code write}: the checks made before anything is copied (length, a live session, the outstanding
 * limit with its penalty), the message in the session's own memory (copied from the caller's, or handed over whole
 * in a buffer of the driver's pool), validated there, queued, and the session run on the writer's thread
 * ({@link Session#runLent}). Runs on the writer's thread; its one piece of state, the validator's error, is guarded
 * by itself.
 */
final class SessionWrites
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionWrites.class);

    private final Session session;
    private final SessionServices services;
    private final SessionQueues queues;
    private final ManageMessageValidator validator = new ManageMessageValidator();
    private final WireError writeError = new WireError();

    SessionWrites(final Session session, final SessionServices services, final SessionQueues queues)
    {
        this.session = session;
        this.services = services;
        this.queues = queues;
    }

    int write(final ByteBuffer src)
    {
        final int length = src.remaining();
        final int refused = refuseWrite(length);
        if (refused != 0)
        {
            return refused;
        }
        final PooledBuffer request = services.pool().acquire(length);
        request.byteBuffer().put(0, src, src.position(), length);
        final int submitted = submit(request, length);
        if (submitted < 0)
        {
            services.pool().release(request);
            return submitted;
        }
        src.position(src.position() + length);
        return submitted;
    }

    int write(final PooledBuffer request, final int length)
    {
        if (length < 0 || length > request.capacity())
        {
            LOG.warn("write refused: bad length: length={} capacity={} handle={}", length, request.capacity(),
                session.handle());
            return Errno.EINVAL.status();
        }
        final int refused = refuseWrite(length);
        return refused != 0 ? refused : submit(request, length);
    }

    /** @return 0, or why a write of {@code length} bytes is refused before anything is copied or checked. */
    private int refuseWrite(final int length)
    {
        if (length > ManageMessageFlyweight.MAX_LENGTH)
        {
            LOG.warn("write refused: message too long: length={} max={} handle={}", length,
                ManageMessageFlyweight.MAX_LENGTH, session.handle());
            return Errno.EMSGSIZE.status();
        }
        if (!session.alive())
        {
            return Errno.ENODEV.status();
        }
        if (queues.full(services.options().maxOutstandingPerSession()))
        {
            // Refused before any copy or check, after a penalty: a writer that never reads costs next to nothing.
            services.penalty().serve();
            return Errno.EAGAIN.status();
        }
        return 0;
    }

    /**
     * Validate the message in {@code request} (the session's own memory: nothing outside can change it now), queue
     * it and run the session.
     *
     * @return {@code length} (the session owns {@code request}), or a negative errno (the caller still does).
     */
    private int submit(final PooledBuffer request, final int length)
    {
        request.length(length);
        final int valid;
        synchronized (writeError)
        {
            valid = validator.validate(request.wire(), 0, length, writeError);
            if (valid != 0)
            {
                LOG.warn("write refused: {} handle={}", writeError.message(), session.handle());
            }
        }
        if (valid != 0)
        {
            return valid;
        }
        final int offered = queues.offer(request, true, services.options().maxOutstandingPerSession());
        if (offered != 0)
        {
            return offered;
        }
        session.runLent();
        return length;
    }
}

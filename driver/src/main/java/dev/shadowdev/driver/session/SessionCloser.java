package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.control.ControlCompletion;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.TerminateFromDevFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * The end of a session: TERMINATE for its handle (tagged like every message of the session), then give back what
 * it held. The firmware forgot the session's workloads when TERMINATE succeeded, when it says the partition is gone
 * (ENODEV), or when it was reset since the session opened (no TERMINATE is sent then): the DBC queues go back.
 * Otherwise (TERMINATE timed out) they stay in the DBC table, still owned by this closed session (so no other session
 * reaches them), until a reset makes the firmware forget them. The handle goes back either way: the driver checks
 * ownership by session, not by handle. Owned by the session's processing.
 */
final class SessionCloser
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionCloser.class);

    private final Session session;
    private final SessionServices services;
    private final SessionQueues queues;
    private final TransactionCursor cursor = new TransactionCursor();
    private final CountDownLatch closed = new CountDownLatch(1);

    SessionCloser(final Session session, final SessionServices services, final SessionQueues queues)
    {
        this.session = session;
        this.services = services;
        this.queues = queues;
    }

    /**
     * @return 0 when TERMINATE is on its way ({@code completion} gets the answer), else the status to finish with.
     */
    int sendTerminate(final MessageScratch scratch, final ControlCompletion completion)
    {
        if (reset())
        {
            return Errno.ENODEV.status();
        }
        final WireRequestWriter writer = scratch.writer;
        writer.wrap(scratch.message, 0, services.options().maxWireMessageBytes());
        writer.begin(0, 0, WireMessageHeaderFlyweight.NO_PARTITION);
        writer.appendTerminate(session.handle());
        return services.client().submit(
            writer, session.handle(), session.partitionId(), completion, services.options().controlTimeoutNanos());
    }

    /** @return TERMINATE's outcome from the completion's status and answer (the answer is given back). */
    int terminateStatus(final int status, final PooledBuffer message)
    {
        if (message == null)
        {
            return status;
        }
        int result = Errno.EIO.status();
        cursor.wrapWireMessage(message.wire(), 0);
        if (cursor.next() && (cursor.type() == WireTypes.TERMINATE_FROM_DEV ||
            cursor.type() == WireTypes.RESULT_FROM_DEV))
        {
            result = message.wire().getInt(cursor.offset() + TerminateFromDevFlyweight.STATUS_OFFSET);
        }
        else
        {
            services.counters().increment(Counter.CONTROL_PROTOCOL_ERRORS);
        }
        services.client().release(message);
        return result;
    }

    /** Give back what the firmware certainly forgot. */
    void finish(final int status)
    {
        if (status == 0 || status == Errno.ENODEV.status() || reset())
        {
            services.dbcTable().releaseOwnedBy(session);
        }
        else
        {
            LOG.warn("terminate failed: handle={} partition={} status={} (queues kept until the next reset)",
                session.handle(), session.partitionId(), status);
        }
        services.handles().free(session.handle());
        queues.clearResponses();
    }

    /** The session is closed: count it, forget it, release close() callers. */
    void done()
    {
        services.counters().increment(Counter.SESSIONS_CLOSED);
        services.onClosed().accept(session);
        closed.countDown();
    }

    CountDownLatch closed()
    {
        return closed;
    }

    /** @return true when the firmware was reset since the session opened. */
    private boolean reset()
    {
        return session.epoch() != services.epoch().getAsInt();
    }
}

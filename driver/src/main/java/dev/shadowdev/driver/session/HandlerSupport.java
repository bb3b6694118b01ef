package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.NodeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link TransactionHandler}s of one session share: the session, the driver's parts, the slots' loaded
 * lengths, and the few answers every handler gives the same way (response full, protocol error, a partition the
 * firmware no longer knows). Owned by the session's processing; allocation-free.
 */
final class HandlerSupport
{
    private static final Logger LOG = LoggerFactory.getLogger(HandlerSupport.class);

    final Session session;
    final SessionServices services;
    final SlotLengths slots;

    HandlerSupport(final Session session, final SessionServices services, final SlotLengths slots)
    {
        this.session = session;
        this.services = services;
        this.slots = slots;
    }

    /** @return true when an answer of {@code bytes} fits; otherwise answers EMSGSIZE. */
    boolean room(final RequestContext ctx, final int bytes, final int type, final int index)
    {
        if (ctx.fits(bytes, index))
        {
            return true;
        }
        tooLong(ctx, type, index);
        return false;
    }

    /** The answer does not fit the response: EMSGSIZE for it. */
    void tooLong(final RequestContext ctx, final int type, final int index)
    {
        LOG.warn("answer dropped: reason=response full type={} index={} handle={}", NodeTypes.name(type), index,
            session.handle());
        ctx.answerEmpty(type, Errno.EMSGSIZE.status());
    }

    /** ENODEV from the firmware on a shadow node: its partition is gone; remove the node. */
    void noteStatus(final int status)
    {
        if (status == Errno.ENODEV.status() && !session.node().isBase() && session.alive())
        {
            services.registry().partitionGone(session.partitionId(), "firmware: no such partition");
        }
    }

    /** Count and log an answer that does not answer its request. */
    void protocolError(final String reason, final int index, final int wireType)
    {
        services.counters().increment(Counter.CONTROL_PROTOCOL_ERRORS);
        LOG.warn("control answer does not match request: reason={} index={} type={} handle={}",
            reason, index, WireTypes.name(wireType), session.handle());
    }

    /** @return 0 on the base node, else EPERM (PART_CREATE and PART_DESTROY manage the card's partitions). */
    int refuseUnlessBase(final int type)
    {
        if (session.node().isBase())
        {
            return 0;
        }
        LOG.warn("transaction refused: reason=not the base node type={} minor={} partition={}",
            NodeTypes.name(type), session.node().minor(), session.partitionId());
        return Errno.EPERM.status();
    }

    /** @return {@code status}, or EIO for a refusal that carries no errno. */
    static int nonZero(final int status)
    {
        return status == 0 ? Errno.EIO.status() : status;
    }
}

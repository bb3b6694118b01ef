package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.dbc.DbcBinding;
import dev.shadowdev.driver.dbc.DbcCompletion;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ExecuteRequestFlyweight;
import dev.shadowdev.wire.node.ExecuteResponseFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node EXECUTE, on the DMA bridge channel of a workload this session activated (never on CONTROL): only the
 * session that activated the DBC may use it (EACCES, nothing submitted, for any other, whatever its partition);
 * the input goes into the binding's input buffer, one request element, and the answer is the output the device
 * wrote plus its length. Owned by the session's processing; allocation-free.
 */
final class ExecuteStep
{
    private static final Logger LOG = LoggerFactory.getLogger(ExecuteStep.class);

    private final Session session;
    private final SessionServices services;
    private final RequestContext ctx;
    private final WireBuffer regionView;
    private DbcBinding executing;

    ExecuteStep(final Session session, final SessionServices services, final RequestContext ctx)
    {
        this.session = session;
        this.services = services;
        this.ctx = ctx;
        this.regionView = services.regionView();
    }

    /**
     * Submit the request's next transaction, an EXECUTE.
     *
     * @param completion told how it ended, only when this returns 0.
     * @return 0, or the negative errno to answer it with (nothing submitted).
     */
    int start(final DbcCompletion completion)
    {
        final int dbcId = ctx.intField(ExecuteRequestFlyweight.DBC_ID_OFFSET);
        final int dataLen = ctx.intField(ExecuteRequestFlyweight.DATA_LEN_OFFSET);
        final DbcBinding binding = services.dbcTable().ownedBy(dbcId, session);
        if (binding == null)
        {
            LOG.warn("transaction refused: reason=dbc not activated by this session type=EXECUTE dbc_id={} " +
                "handle={}", dbcId & 0xFFFF_FFFFL, session.handle());
            return Errno.EACCES.status();
        }
        executing = binding;
        final int status = binding.submitExecute(
            ctx.view(), ctx.index(ExecuteRequestFlyweight.DATA_OFFSET), dataLen, completion,
            services.options().executeTimeoutNanos());
        if (status < 0)
        {
            executing = null;
            LOG.warn("execute not submitted: dbc_id={} status={} handle={}", dbcId, status, session.handle());
        }
        return status;
    }

    /** Answer the EXECUTE in flight, which ended with {@code status}. */
    void answer(final int status)
    {
        final DbcBinding binding = executing;
        executing = null;
        final int index = ctx.next();
        if (status != 0)
        {
            ctx.answerEmpty(NodeTypes.EXECUTE, status);
            if (status == Errno.ETIMEDOUT.status() || status == Errno.EIO.status())
            {
                ctx.failMessage(status);
            }
        }
        else if (!ctx.fits(ExecuteResponseFlyweight.lengthFor(binding.producedLength()), index))
        {
            LOG.warn("answer dropped: reason=response full type=EXECUTE index={} handle={}", index, session.handle());
            ctx.answerEmpty(NodeTypes.EXECUTE, Errno.EMSGSIZE.status());
        }
        else if (binding.appendOutput(ctx.response(), regionView) < 0)
        {
            ctx.answerEmpty(NodeTypes.EXECUTE, Errno.EIO.status());
        }
    }
}

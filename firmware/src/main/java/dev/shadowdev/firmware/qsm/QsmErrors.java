package dev.shadowdev.firmware.qsm;

import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.mhi.ProblemListener;
import dev.shadowdev.wire.WireResponseWriter;

/**
 * Why the QSM service refused something, told to its {@link ProblemListener}, and how often it refused a
 * transaction: written by the adapter and its request handlers on the device thread. Reasons are
 * {@code what: name=value}; they are built only on the refusal path.
 */
final class QsmErrors
{
    private volatile ProblemListener listener = ProblemListener.NONE;
    private volatile long refusedTransactions;

    /** A transaction was answered with an error. */
    void refused(final String reason)
    {
        refusedTransactions++;
        listener.onProblem(reason);
    }

    /**
     * Record a refused transaction and append its error answer ({@link WireResponseWriter#appendError}).
     *
     * @param status a negative errno.
     */
    void refuse(final WireResponseWriter writer, final int requestType, final int status, final String reason)
    {
        refused(reason);
        writer.appendError(requestType, status);
    }

    /** Record a transaction the model refused and append its error answer. */
    void refuse(final WireResponseWriter writer, final int requestType, final FirmwareException ex)
    {
        refuse(writer, requestType, ex.status(), ex.getMessage());
    }

    /** Count a refused transaction whose reason was recorded already with {@link #reason}. */
    void refused()
    {
        refusedTransactions++;
    }

    /** Record a reason without counting (a whole message refused, or counted later). */
    void reason(final String reason)
    {
        listener.onProblem(reason);
    }

    void listener(final ProblemListener listener)
    {
        this.listener = listener;
    }

    long refusedTransactions()
    {
        return refusedTransactions;
    }
}

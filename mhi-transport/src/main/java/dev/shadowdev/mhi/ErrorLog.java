package dev.shadowdev.mhi;

import dev.shadowdev.abi.Errno;
import org.slf4j.Logger;

/**
 * Reports a refused request or a problem found: logs the message ({@code what: name=value}), tells the
 * {@link ProblemListener} (if one was set) and keeps it as the last message, then hands back the status to return.
 * Used only off the hot path (a full ring is reported by its sentinel alone).
 */
public final class ErrorLog
{
    private final Logger log;
    private volatile String last = "";
    private volatile long count;
    private volatile ProblemListener listener = ProblemListener.NONE;

    /**
     * @param log where messages go.
     */
    public ErrorLog(final Logger log)
    {
        this.log = log;
    }

    /**
     * @param errno   the error.
     * @param message {@code what: name=value}.
     * @return {@code errno.status()}.
     */
    public int report(final Errno errno, final String message)
    {
        record(message);
        return errno.status();
    }

    /**
     * Record a problem that has no errno to return (e.g. a bad element the device answered with BAD_TRE).
     *
     * @param message {@code what: name=value}.
     */
    public synchronized void record(final String message)
    {
        last = message;
        count++;
        log.warn(message);
        listener.onProblem(message);
    }

    /** @param listener told of every problem from now on ({@link ProblemListener#NONE}: none). */
    public void listener(final ProblemListener listener)
    {
        this.listener = listener;
    }

    /** @return the last message, or the empty string. */
    public String last()
    {
        return last;
    }

    /** @return how many problems were reported. */
    public long count()
    {
        return count;
    }
}

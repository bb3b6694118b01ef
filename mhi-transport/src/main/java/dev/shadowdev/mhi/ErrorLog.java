package dev.shadowdev.mhi;

import dev.shadowdev.abi.Errno;
import org.slf4j.Logger;

/**
 * Reports a refused request: logs the message ({@code what: name=value}) and keeps it as the last error so callers
 * and tests can read it, then hands back the status to return. Used only off the hot path (a full ring is
 * reported by its sentinel alone).
 */
public final class ErrorLog
{
    private final Logger log;
    private volatile String last = "";
    private volatile long count;

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

package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;

/**
 * A node operation of the friendly layer failed: a negative errno from the node (a failed write, read or ioctl, a
 * whole-message status, or a transaction's status) with a message {@code what: name=value}. The raw
 * {@link NodeChannel} never throws; only the layer above it does.
 */
public final class NodeException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  a negative errno (or 0 when the failure is not an errno, e.g. a malformed response).
     * @param message {@code what: name=value}.
     */
    public NodeException(final int status, final String message)
    {
        super(message);
        this.status = status;
    }

    /** @return the negative errno, or 0 when the failure has none. */
    public int status()
    {
        return status;
    }

    /** @return the errno constant, or {@code null} when the status is not one of the ABI's codes. */
    public Errno errno()
    {
        return Errno.fromStatus(status);
    }

    /**
     * @param status a negative errno.
     * @return {@code EBUSY} for -16, {@code errno=-123} when it is not one of the ABI's codes.
     */
    public static String describe(final int status)
    {
        final Errno errno = Errno.fromStatus(status);
        return errno != null && status <= 0 ? errno.name() : "errno=" + status;
    }
}

package dev.shadowdev.mhi.host;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.ErrorLog;

/**
 * How a blocking transport step ({@link MhiHost#powerUp}, {@link MhiHost#reset}, {@link MhiHost#startChannel})
 * ended: 0 or the negative errno, with the reason ({@code what: name=value}, "" on success) carried along, so a
 * caller never asks {@link MhiHost#lastError()} afterwards (which another thread may have overwritten).
 *
 * @param status 0 or a negative errno.
 * @param reason why it failed, {@code what: name=value}; "" when it did not.
 */
public record HostResult(int status, String reason)
{
    /** Success. */
    public static final HostResult OK = new HostResult(0, "");

    /** @return true when the status is 0. */
    public boolean ok()
    {
        return status == 0;
    }

    /** Report the failure to the log (and its listener), and return it. */
    static HostResult report(final ErrorLog errors, final Errno errno, final String reason)
    {
        return new HostResult(errors.report(errno, reason), reason);
    }
}

package dev.shadowdev.driver.api;

import java.util.Objects;

/**
 * What {@link NodeAccess#open(int)} gives back: the session, or the negative errno that refused it (ENOENT: no such
 * node; ENODEV: offline or the driver is not online; ENOSPC: no user handle left). Exactly one of the two is set.
 *
 * @param session the new session, or {@code null} when refused.
 * @param status  0 when opened, else the negative errno.
 */
public record OpenResult(NodeSession session, int status)
{
    public OpenResult
    {
        if ((session == null) == (status == 0) || status > 0)
        {
            throw new IllegalArgumentException("open result: session=" + session + " status=" + status);
        }
    }

    /** @return a session that was opened. */
    public static OpenResult opened(final NodeSession session)
    {
        return new OpenResult(Objects.requireNonNull(session, "session"), 0);
    }

    /** @param status the negative errno that refused the open. */
    public static OpenResult refused(final int status)
    {
        return new OpenResult(null, status);
    }

    /** @return whether a session was opened. */
    public boolean isOpen()
    {
        return session != null;
    }
}

package dev.shadowdev.driver.api;

/**
 * How a probe, a recovery, or one of their steps (control link up, STATUS exchange, transport reset) ended: 0 or
 * the negative errno, with the reason ({@code what: name=value}, "" on success) carried along instead of being
 * asked for afterwards.
 *
 * @param status 0 or a negative errno.
 * @param reason why it failed, {@code what: name=value}; "" when it did not.
 */
public record ProbeResult(int status, String reason)
{
    /** Success. */
    public static final ProbeResult OK = new ProbeResult(0, "");

    /**
     * @param status a negative errno.
     * @param reason why, {@code what: name=value}.
     * @return the failure.
     */
    public static ProbeResult failed(final int status, final String reason)
    {
        return new ProbeResult(status, reason);
    }

    /** @return true when the status is 0. */
    public boolean ok()
    {
        return status == 0;
    }
}

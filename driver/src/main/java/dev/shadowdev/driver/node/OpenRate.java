package dev.shadowdev.driver.node;

/**
 * How fast sessions may be opened on one shadow node: a token bucket of {@code burst} opens refilled at
 * {@code perSecond}. Opening and closing are shared paths (a session each, and at close a TERMINATE on the one
 * CONTROL channel), so one partition that churns them would otherwise take the card's and the host's time from the
 * others; past its rate an open is refused with EAGAIN and costs next to nothing. Refusals are counted and reported
 * at most once a second, so a churner cannot flood the log either. Thread-safe; allocation-free.
 */
public final class OpenRate
{
    private static final long SECOND = 1_000_000_000L;

    private final long perSecond;
    private final long burst;
    private long tokensTimesSecond;
    private long refilledAt;
    private long refused;
    private long reportedAt;
    private boolean started;

    /**
     * @param perSecond opens per second in the long run, at least 1.
     * @param burst     opens allowed at once, at least 1.
     */
    public OpenRate(final long perSecond, final long burst)
    {
        if (perSecond < 1 || burst < 1)
        {
            throw new IllegalArgumentException("bad open rate: per_second=" + perSecond + " burst=" + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /**
     * Take one open.
     *
     * @param nowNanos the driver's clock.
     * @return true when the open may go on; false when the node is over its rate (refused).
     */
    public synchronized boolean tryAcquire(final long nowNanos)
    {
        if (!started)
        {
            started = true;
            refilledAt = nowNanos;
            reportedAt = nowNanos - SECOND;
            tokensTimesSecond = burst * SECOND;
        }
        final long elapsed = Math.max(0, nowNanos - refilledAt);
        refilledAt = nowNanos;
        tokensTimesSecond = Math.min(burst * SECOND, tokensTimesSecond + Math.min(elapsed, 3600 * SECOND) * perSecond);
        if (tokensTimesSecond >= SECOND)
        {
            tokensTimesSecond -= SECOND;
            return true;
        }
        refused++;
        return false;
    }

    /**
     * @param nowNanos the driver's clock.
     * @return the refusals since the last report when a second has passed since it (the caller logs them), else 0.
     */
    public synchronized long refusalsToReport(final long nowNanos)
    {
        if (refused == 0 || nowNanos - reportedAt < SECOND)
        {
            return 0;
        }
        final long count = refused;
        refused = 0;
        reportedAt = nowNanos;
        return count;
    }
}

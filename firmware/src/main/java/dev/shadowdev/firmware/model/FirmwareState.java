package dev.shadowdev.firmware.model;

/**
 * The firmware's life cycle, with its transition table. {@link Firmware} changes state only through its one gate,
 * which returns the state actually reached (unchanged when the table forbids the move), like Linux MHI
 * {@code mhi_tryset_pm_state}.
 * <pre>
 *   RESET ----------&gt; RUNNING ----------&gt; SYS_ERR
 *     ^                  |                  |
 *     +------------------+------------------+   reset()
 * </pre>
 */
public enum FirmwareState
{
    /** Being reset: every partition, workload and slot is being dropped. */
    RESET,
    /** Serving requests. */
    RUNNING,
    /** Crashed: every request fails with EIO until {@code reset()}. */
    SYS_ERR;

    private static final boolean[][] TRANSITIONS = new boolean[values().length][values().length];

    static
    {
        allow(RESET, RUNNING);
        allow(RUNNING, SYS_ERR);
        allow(RUNNING, RESET);
        allow(SYS_ERR, RESET);
    }

    private static void allow(final FirmwareState from, final FirmwareState to)
    {
        TRANSITIONS[from.ordinal()][to.ordinal()] = true;
    }

    /**
     * @param next the state wanted.
     * @return true when the table allows moving from this state to {@code next}.
     */
    public boolean canMoveTo(final FirmwareState next)
    {
        return TRANSITIONS[ordinal()][next.ordinal()];
    }
}

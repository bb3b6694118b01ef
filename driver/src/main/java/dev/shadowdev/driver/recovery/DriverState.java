package dev.shadowdev.driver.recovery;

/**
 * The driver's life cycle, a transition table and one gate ({@link #trySetState}), after Linux MHI
 * {@code host/pm.c}:
 * <pre>
 *   NEW         constructed                        -> PROBING, CLOSED
 *   PROBING     bringing the transport up, STATUS  -> ONLINE, FAILED, CLOSED
 *   ONLINE      serving                            -> RECOVERING, CLOSED
 *   RECOVERING  reset and re-probe in progress     -> ONLINE, FAILED, CLOSED
 *   FAILED      probe or recovery gave up          -> PROBING, CLOSED
 *   CLOSED      shut down                          -> (none)
 * </pre>
 * Thread-safe.
 */
public final class DriverState
{
    public static final int NEW = 0;
    public static final int PROBING = 1;
    public static final int ONLINE = 2;
    public static final int RECOVERING = 3;
    public static final int FAILED = 4;
    public static final int CLOSED = 5;

    private static final String[] NAMES = { "NEW", "PROBING", "ONLINE", "RECOVERING", "FAILED", "CLOSED" };
    private static final int[] ALLOWED = {
        bits(PROBING, CLOSED),
        bits(ONLINE, FAILED, CLOSED),
        bits(RECOVERING, CLOSED),
        bits(ONLINE, FAILED, CLOSED),
        bits(PROBING, CLOSED),
        0,
    };

    private int state = NEW;

    public synchronized int state()
    {
        return state;
    }

    /**
     * @param next the state wanted.
     * @return the state reached: {@code next} when allowed from the current state, else the current state.
     */
    public synchronized int trySetState(final int next)
    {
        if ((ALLOWED[state] & (1 << next)) != 0)
        {
            state = next;
        }
        return state;
    }

    /** @return the state's name for logs. */
    public static String name(final int state)
    {
        return state >= 0 && state < NAMES.length ? NAMES[state] : "UNKNOWN";
    }

    private static int bits(final int... states)
    {
        int bits = 0;
        for (final int s : states)
        {
            bits |= 1 << s;
        }
        return bits;
    }
}

package dev.shadowdev.driver.session;

/**
 * The processing states of a session, with their transition table and the one gate every change goes through
 * ({@link #trySetState}), after Linux MHI {@code host/pm.c}.
 * <pre>
 *   IDLE          no request in progress          -> BUILDING, TERMINATING, CLOSED
 *   BUILDING      turning node transactions into  -> AWAIT_CONTROL, AWAIT_DBC, IDLE
 *                 wire messages and answers
 *   AWAIT_CONTROL a wire message is on CONTROL    -> BUILDING, AWAIT_CONTROL (next DMA piece)
 *   AWAIT_DBC     an EXECUTE is on its DBC        -> BUILDING
 *   TERMINATING   TERMINATE sent at close         -> CLOSED
 *   CLOSED        everything given back           -> (none)
 * </pre>
 * Owned by the session's processing (one thread at a time, through the session's gate).
 */
final class SessionState
{
    static final int IDLE = 0;
    static final int BUILDING = 1;
    static final int AWAIT_CONTROL = 2;
    static final int AWAIT_DBC = 3;
    static final int TERMINATING = 4;
    static final int CLOSED = 5;

    private static final String[] NAMES = { "IDLE", "BUILDING", "AWAIT_CONTROL", "AWAIT_DBC", "TERMINATING", "CLOSED" };
    private static final int[] ALLOWED = {
        bits(BUILDING, TERMINATING, CLOSED),
        bits(AWAIT_CONTROL, AWAIT_DBC, IDLE),
        bits(BUILDING, AWAIT_CONTROL),
        bits(BUILDING),
        bits(CLOSED),
        0,
    };

    private volatile int state = IDLE;

    int state()
    {
        return state;
    }

    /**
     * @param next the state wanted.
     * @return the state reached: {@code next} when the table allows it, else the current state.
     */
    int trySetState(final int next)
    {
        final int current = state;
        if ((ALLOWED[current] & (1 << next)) != 0)
        {
            state = next;
            return next;
        }
        return current;
    }

    static String name(final int state)
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

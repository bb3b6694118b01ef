package dev.shadowdev.mhi;

/**
 * The MHI state machine with one gate, after Linux {@code host/pm.c} {@code mhi_tryset_pm_state}: a transition
 * table and {@link #trySetState(int)}, which moves to the target only when the table allows it and returns the
 * state actually reached. Both sides keep one: the device for MHISTATUS, the host for its view of the device.
 * <pre>
 *   RESET   -> READY, SYS_ERR
 *   READY   -> M0, RESET, SYS_ERR
 *   M0      -> M1, M3, RESET, SYS_ERR
 *   M1      -> M0, M2, RESET, SYS_ERR
 *   M2      -> M0, RESET, SYS_ERR
 *   M3      -> M0, RESET, SYS_ERR
 *   SYS_ERR -> RESET
 * </pre>
 * Asking for the current state is a no-op that reaches it. Thread-safe.
 */
public final class MhiStateMachine
{
    private static final int SYS_ERR_INDEX = 6;
    private static final int[] ALLOWED = new int[SYS_ERR_INDEX + 1];

    static
    {
        ALLOWED[index(MhiState.RESET)] = bits(MhiState.READY, MhiState.SYS_ERR);
        ALLOWED[index(MhiState.READY)] = bits(MhiState.M0, MhiState.RESET, MhiState.SYS_ERR);
        ALLOWED[index(MhiState.M0)] = bits(MhiState.M1, MhiState.M3, MhiState.RESET, MhiState.SYS_ERR);
        ALLOWED[index(MhiState.M1)] = bits(MhiState.M0, MhiState.M2, MhiState.RESET, MhiState.SYS_ERR);
        ALLOWED[index(MhiState.M2)] = bits(MhiState.M0, MhiState.RESET, MhiState.SYS_ERR);
        ALLOWED[index(MhiState.M3)] = bits(MhiState.M0, MhiState.RESET, MhiState.SYS_ERR);
        ALLOWED[index(MhiState.SYS_ERR)] = bits(MhiState.RESET);
    }

    private volatile int state = MhiState.RESET;

    /** @return the current state. */
    public int state()
    {
        return state;
    }

    /**
     * The gate: move to {@code target} if the table allows it.
     *
     * @param target the wanted state.
     * @return the state reached: {@code target} on success, the unchanged current state when refused.
     */
    public synchronized int trySetState(final int target)
    {
        final int current = state;
        if (current == target || isAllowed(current, target))
        {
            state = target;
            return target;
        }
        return current;
    }

    /**
     * @param from a state.
     * @param to   a state.
     * @return true when the table allows {@code from -> to}.
     */
    public static boolean isAllowed(final int from, final int to)
    {
        final int fromIndex = index(from);
        final int toIndex = index(to);
        return fromIndex >= 0 && toIndex >= 0 && (ALLOWED[fromIndex] & (1 << toIndex)) != 0;
    }

    private static int index(final int state)
    {
        if (state >= MhiState.RESET && state <= MhiState.M3)
        {
            return state;
        }
        return state == MhiState.SYS_ERR ? SYS_ERR_INDEX : -1;
    }

    private static int bits(final int... states)
    {
        int bits = 0;
        for (final int s : states)
        {
            bits |= 1 << index(s);
        }
        return bits;
    }
}

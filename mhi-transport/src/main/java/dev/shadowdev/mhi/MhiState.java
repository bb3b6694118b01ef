package dev.shadowdev.mhi;

/**
 * MHI states as they appear in the MHICTRL and MHISTATUS registers (bits 15:8) and in STATE_CHANGE events
 * (bits 31:24 of dword0). Values from Linux {@code include/linux/mhi.h} {@code enum mhi_state}.
 */
public final class MhiState
{
    /** Reset: the device is not accessing host memory. */
    public static final int RESET = 0;
    /** Ready: the device waits for the host to program the context arrays and request M0. */
    public static final int READY = 1;
    /** M0: fully operational. */
    public static final int M0 = 2;
    /** M1: device-initiated low power. */
    public static final int M1 = 3;
    /** M2: host-acknowledged low power. */
    public static final int M2 = 4;
    /** M3: suspended. */
    public static final int M3 = 5;
    /** System error: the device stopped; only a host RESET leaves it. */
    public static final int SYS_ERR = 0xFF;

    private MhiState()
    {
    }

    /**
     * @param state a state value.
     * @return true when the value is one of the states above.
     */
    public static boolean isValid(final int state)
    {
        return (state >= RESET && state <= M3) || state == SYS_ERR;
    }

    /**
     * @param state a state value.
     * @return its name as Linux {@code mhi_state_str} prints it, or {@code "UNKNOWN(0x..)"}.
     */
    public static String name(final int state)
    {
        switch (state)
        {
            case RESET:
                return "RESET";
            case READY:
                return "READY";
            case M0:
                return "M0";
            case M1:
                return "M1";
            case M2:
                return "M2";
            case M3:
                return "M3";
            case SYS_ERR:
                return "SYS_ERR";
            default:
                return "UNKNOWN(0x" + Integer.toHexString(state) + ")";
        }
    }
}

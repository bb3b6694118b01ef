package dev.shadowdev.mhi;

/**
 * Channel states held in bits 7:0 of a channel context's {@code chcfg} word, from Linux
 * {@code drivers/bus/mhi/common.h} {@code enum mhi_ch_state}. The host writes ENABLED before START_CHAN; the device
 * writes RUNNING, STOP and DISABLED as it executes START_CHAN, STOP_CHAN and RESET_CHAN.
 */
public final class ChannelState
{
    /** Not set up; the device ignores the channel. */
    public static final int DISABLED = 0;
    /** Context programmed by the host; waiting for START_CHAN. */
    public static final int ENABLED = 1;
    /** Started: doorbells are processed. */
    public static final int RUNNING = 2;
    /** Suspended. */
    public static final int SUSPENDED = 3;
    /** Stopped by STOP_CHAN: queued elements stay until START_CHAN or RESET_CHAN. */
    public static final int STOP = 4;
    /** Error. */
    public static final int ERROR = 5;

    private ChannelState()
    {
    }

    /**
     * @param state a channel state.
     * @return its name, or {@code "UNKNOWN(0x..)"}.
     */
    public static String name(final int state)
    {
        switch (state)
        {
            case DISABLED:
                return "DISABLED";
            case ENABLED:
                return "ENABLED";
            case RUNNING:
                return "RUNNING";
            case SUSPENDED:
                return "SUSPENDED";
            case STOP:
                return "STOP";
            case ERROR:
                return "ERROR";
            default:
                return "UNKNOWN(0x" + Integer.toHexString(state) + ")";
        }
    }
}

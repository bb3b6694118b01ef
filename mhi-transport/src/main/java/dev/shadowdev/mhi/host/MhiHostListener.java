package dev.shadowdev.mhi.host;

/**
 * Receives the {@link MhiHost}'s view of the device: state changes, execution environment changes, SYS_ERR, and
 * events that match nothing the host queued. Runs on the event-processing thread; must not block.
 */
public interface MhiHostListener
{
    /**
     * @param state the device's new MHI state (see {@link dev.shadowdev.mhi.MhiState}).
     */
    default void onStateChange(final int state)
    {
    }

    /**
     * @param execEnv the device's new execution environment (see {@link dev.shadowdev.mhi.ExecEnv}).
     */
    default void onExecEnv(final int execEnv)
    {
    }

    /**
     * The device entered SYS_ERR. Called once per occurrence; recover with {@link MhiHost#reset(long)} then
     * {@link MhiHost#powerUp(long)} from a thread that is not processing events.
     */
    default void onSysErr()
    {
    }

    /**
     * A transfer event named an element that is not outstanding on the channel, e.g. BAD_TRE for a doorbell
     * beyond the ring.
     *
     * @param channel the event's channel.
     * @param pointer the event's pointer.
     * @param code    the event's completion code.
     */
    default void onChannelError(final int channel, final long pointer, final int code)
    {
    }
}

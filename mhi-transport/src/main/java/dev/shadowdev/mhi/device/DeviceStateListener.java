package dev.shadowdev.mhi.device;

/**
 * Tells the firmware about MHI state changes of its device: RESET (the host reset the transport: everything the
 * firmware held for the host is gone, as on the real card), READY, M0 (channels may start) and SYS_ERR. Runs on
 * the device thread.
 */
@FunctionalInterface
public interface DeviceStateListener
{
    /**
     * @param state the MHI state just entered (see {@link dev.shadowdev.mhi.MhiState}).
     */
    void onStateChange(int state);
}

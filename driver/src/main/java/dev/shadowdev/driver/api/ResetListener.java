package dev.shadowdev.driver.api;

/**
 * Told when the driver loses the firmware and when it has reset and probed it again, so the daemon can rebuild
 * the partitions (a reset loses them all) and re-attach the shadow nodes. Called from driver threads; must not
 * block or call back into the driver from the callback's thread.
 */
public interface ResetListener
{
    /**
     * The firmware entered SYS_ERR or stopped answering: every node is offline, every pending request failed with
     * EIO, and sessions opened so far are dead for good (ENODEV). Recovery is running.
     *
     * @param reason why, for logs.
     */
    default void onFirmwareLost(final String reason)
    {
    }

    /**
     * Recovery ended.
     *
     * @param result OK when the transport was reset and the firmware probed again: the base node is online (same
     *               minor, new generation) and every shadow node stays registered but offline, keeping its minor,
     *               until it is re-attached with SD_IOC_PART_DEV, {@code FLAG_WANT_MINOR} and its partition's new
     *               ID; otherwise the negative errno and reason of the last attempt, and every node stays
     *               offline.
     * @param resets recoveries completed so far.
     */
    void onReset(ProbeResult result, long resets);
}

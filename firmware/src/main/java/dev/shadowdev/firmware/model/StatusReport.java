package dev.shadowdev.firmware.model;

/**
 * The answer to STATUS: protocol version and flags.
 *
 * @param major protocol major version, {@link #VERSION_MAJOR}.
 * @param minor protocol minor version, {@link #VERSION_MINOR}.
 * @param flags {@link #FLAG_CRC_REQUIRED} when the host must send CRCs.
 */
public record StatusReport(int major, int minor, long flags)
{
    /** Protocol major version: a host accepts only this one. */
    public static final int VERSION_MAJOR = 5;

    /** Protocol minor version: a host accepts this one or newer. */
    public static final int VERSION_MINOR = 0;

    /** status_flags bit 0: the firmware requires a CRC on every control message. */
    public static final long FLAG_CRC_REQUIRED = 1L;

    /** @return true when {@link #FLAG_CRC_REQUIRED} is set. */
    public boolean crcRequired()
    {
        return (flags & FLAG_CRC_REQUIRED) != 0;
    }
}

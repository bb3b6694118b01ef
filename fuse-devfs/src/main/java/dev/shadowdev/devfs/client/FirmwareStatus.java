package dev.shadowdev.devfs.client;

/**
 * A STATUS response body (ABI.md 1.3).
 *
 * @param major  protocol major version (5).
 * @param minor  protocol minor version.
 * @param status the firmware's status word.
 * @param flags  status flags (bit0: CRC required on the wire).
 */
public record FirmwareStatus(int major, int minor, int status, long flags)
{
}

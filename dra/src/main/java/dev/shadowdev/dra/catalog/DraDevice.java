package dev.shadowdev.dra.catalog;

import dev.shadowdev.devfs.resource.Resources;

/**
 * One device of the pool: a configured partition (it exists; a claim gets its node) or a profile partition that
 * could still be made (a claim gets a new partition of that size).
 *
 * @param name      the device name, a DNS label, unique in the pool.
 * @param profile   the profile: {@value DeviceCatalog#CONFIGURED_PROFILE} or {@code 1c}, {@code 2c}, ... .
 * @param partition the configured partition's firmware name, or {@code null} for a profile device.
 * @param resources what the partition reserves (configured) or would reserve (profile).
 * @param minor     the configured partition's node minor, or -1.
 */
public record DraDevice(String name, String profile, String partition, Resources resources, int minor)
{
    /** @return true for a configured partition, false for a partition a claim would create. */
    public boolean configured()
    {
        return partition != null;
    }
}

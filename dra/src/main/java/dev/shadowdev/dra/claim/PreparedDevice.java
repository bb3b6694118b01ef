package dev.shadowdev.dra.claim;

import dev.shadowdev.devfs.resource.Resources;

import java.util.List;

/**
 * One device of a claim as the plugin prepared it (or is preparing it).
 *
 * @param requestNames the claim's requests this device serves.
 * @param pool         the pool (the node's name).
 * @param device       the device name in the pool.
 * @param partition    the firmware partition: the plugin's own {@code dra-...} for a profile device, the configured
 *                     partition's name otherwise.
 * @param owned        true when the plugin made the partition (and destroys it at unprepare).
 * @param resources    what the partition reserves.
 * @param minor        its shadow node's minor, -1 until it is attached.
 * @param cdiDeviceId  the fully qualified CDI device ID, {@code shadowdev.dev/claim=<uid>-<device>}.
 */
public record PreparedDevice(List<String> requestNames, String pool, String device, String partition, boolean owned,
    Resources resources, int minor, String cdiDeviceId)
{
    public PreparedDevice
    {
        requestNames = List.copyOf(requestNames);
    }

    /** @return this device with its node's minor. */
    public PreparedDevice withMinor(final int newMinor)
    {
        return new PreparedDevice(requestNames, pool, device, partition, owned, resources, newMinor, cdiDeviceId);
    }
}

package dev.shadowdev.devfs.config;

import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.firmware.model.DeviceProfile;

import java.util.Map;
import java.util.TreeMap;

/** The device profiles a config can name under {@code [device] profile}: the firmware model's. */
public final class DeviceProfiles
{
    /** The default profile: 16 cores, 32 GiB, 32 bus replicators, 64 semaphores, 16 DMA channels. */
    public static final String AIC100 = "aic100";

    /** Most cores, and most DMA channels, a device can have (the firmware tracks them in a 64-bit mask). */
    public static final int MAX_IDENTIFIED_UNITS = DeviceProfile.MAX_IDENTIFIED_UNITS;

    private static final Map<String, Resources> PROFILES = new TreeMap<>();

    static
    {
        final DeviceProfile aic100 = DeviceProfile.aic100();
        PROFILES.put(aic100.name(), Resources.of(aic100.capacity().toArray()));
    }

    private DeviceProfiles()
    {
    }

    /** @return the profile's capacity, or {@code null} when there is no such profile. */
    public static Resources capacity(final String name)
    {
        return PROFILES.get(name);
    }

    /** @return the known names, comma-separated, for messages. */
    public static String names()
    {
        return String.join(",", PROFILES.keySet());
    }

    /**
     * @param config a validated config.
     * @return the firmware profile to run it on: the named profile, or {@code custom} with the config's capacities.
     */
    public static DeviceProfile toProfile(final DevfsConfig config)
    {
        return DeviceProfile.of(config.profile(), config.capacity().toArray());
    }
}

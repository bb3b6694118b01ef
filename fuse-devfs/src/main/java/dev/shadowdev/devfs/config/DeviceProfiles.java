package dev.shadowdev.devfs.config;

import dev.shadowdev.devfs.resource.Resources;

import java.util.Map;
import java.util.TreeMap;

/**
 * The device profiles a config can name under {@code [device] profile}, with their capacities: the cards the embedded
 * firmware can be (its {@code DeviceProfile}s; {@code ProfileTableTest} pins the two together). The config only needs
 * the numbers to check partitions against; the one wiring place builds the firmware's profile from them.
 */
public final class DeviceProfiles
{
    /** The default profile: 16 cores, 32 GiB, 32 bus replicators, 64 semaphores, 16 DMA channels. */
    public static final String AIC100 = "aic100";

    /** Most cores, and most DMA channels, a device can have (the firmware tracks them in a 64-bit mask). */
    public static final int MAX_IDENTIFIED_UNITS = 64;

    private static final Map<String, Resources> PROFILES = new TreeMap<>();

    static
    {
        // cores, memory, bus replicators, semaphores, DMA channels (DESIGN.md "DeviceProfile")
        PROFILES.put(AIC100, Resources.of(16, 32L << 30, 32, 64, 16));
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
}

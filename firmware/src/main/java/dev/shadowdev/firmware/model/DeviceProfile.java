package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;

/**
 * What a card has: a name and the capacity of each of the five resources, in {@link Resource} order.
 * Cores and DMA channels are identified units tracked in a {@code long} bitmask, so each has 1 to
 * {@link #MAX_IDENTIFIED_UNITS} units; memory, bus replicators and semaphores are counts, zero or more.
 */
public final class DeviceProfile
{
    /** Most cores, and most DMA channels, a profile can have: one bit each in a {@code long}. */
    public static final int MAX_IDENTIFIED_UNITS = Long.SIZE;

    /** One GiB in bytes. */
    public static final long GIB = 1L << 30;

    private static final DeviceProfile AIC100 = of("aic100", 16, 32 * GIB, 32, 64, 16);

    private final String name;
    private final ResourceVector capacity;

    private DeviceProfile(final String name, final ResourceVector capacity)
    {
        this.name = name;
        this.capacity = capacity;
    }

    /** @return the default profile: 16 cores, 32 GiB, 32 bus replicators, 64 semaphores, 16 DMA channels. */
    public static DeviceProfile aic100()
    {
        return AIC100;
    }

    /**
     * @param name       non-empty profile name.
     * @param capacities five capacities in {@link Resource} order.
     * @return the profile.
     * @throws IllegalArgumentException naming the bad field, e.g. {@code bad capacity: cores=0 min=1 max=64}.
     */
    public static DeviceProfile of(final String name, final long... capacities)
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("bad profile name: name=" + name);
        }
        if (capacities.length != Resource.COUNT)
        {
            throw new IllegalArgumentException("bad capacity vector: length=" + capacities.length);
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            final Resource resource = Resource.of(i);
            final long value = capacities[i];
            if (resource.identified())
            {
                if (value < 1 || value > MAX_IDENTIFIED_UNITS)
                {
                    throw new IllegalArgumentException(
                        "bad capacity: " + resource.key() + "=" + value + " min=1 max=" + MAX_IDENTIFIED_UNITS);
                }
            }
            else if (value < 0)
            {
                throw new IllegalArgumentException("bad capacity: " + resource.key() + "=" + value + " min=0");
            }
        }
        return new DeviceProfile(name, ResourceVector.of(capacities));
    }

    /** @return the profile's name, e.g. {@code aic100}. */
    public String name()
    {
        return name;
    }

    /** @return the capacities. */
    public ResourceVector capacity()
    {
        return capacity;
    }

    /**
     * @param resource which one.
     * @return its capacity.
     */
    public long capacity(final Resource resource)
    {
        return capacity.get(resource);
    }

    @Override
    public String toString()
    {
        return name + capacity;
    }
}

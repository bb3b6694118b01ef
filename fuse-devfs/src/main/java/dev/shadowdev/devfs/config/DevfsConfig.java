package dev.shadowdev.devfs.config;

import dev.shadowdev.devfs.resource.Resources;

import java.util.List;

/**
 * A validated config: the device and the partitions to carve out of it, in file order. Only
 * {@link ConfigLoader} makes one, so every instance has passed every check.
 *
 * @param source     where it was read from, for messages.
 * @param profile    the device profile name, or {@code "custom"} for explicit capacities.
 * @param capacity   the device's capacity.
 * @param partitions the partitions, names unique, their sum within the capacity.
 */
public record DevfsConfig(String source, String profile, Resources capacity, List<PartitionSpec> partitions)
{
    public DevfsConfig
    {
        partitions = List.copyOf(partitions);
    }

    /** @return the partition called {@code name}, or {@code null}. */
    public PartitionSpec partition(final String name)
    {
        for (final PartitionSpec p : partitions)
        {
            if (p.name().equals(name))
            {
                return p;
            }
        }
        return null;
    }
}

package dev.shadowdev.dra.catalog;

import dev.shadowdev.devfs.resource.Resources;

import java.util.List;

/**
 * What the catalog is computed from: the card's capacity and the partitions its config made (the daemon's, not the
 * plugin's own {@code dra-} partitions), in the card's order.
 *
 * @param capacity   the card's total.
 * @param partitions the configured partitions.
 */
public record CardLayout(Resources capacity, List<ConfiguredPartition> partitions)
{
    public CardLayout
    {
        partitions = List.copyOf(partitions);
    }

    /**
     * One partition of the node's config.
     *
     * @param name      the firmware's partition name.
     * @param resources what it reserves.
     * @param minor     its shadow node's minor, or -1 when it has none (or it is not known, as from a config file).
     */
    public record ConfiguredPartition(String name, Resources resources, int minor)
    {
    }
}

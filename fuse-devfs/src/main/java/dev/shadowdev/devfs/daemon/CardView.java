package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.resource.Resources;

import java.util.List;

/**
 * What the {@link Planner} knows of the card: its partitions with reservation, limit, use and borrowing, what is
 * free, and whether it resizes partitions in place.
 *
 * @param partitions the firmware's partitions (PART_QUERY_EX; from PART_QUERY with {@code min = max = reserved}).
 * @param free       the global pool's free amounts now (POOL_QUERY): what new fixed reservations may take on a card
 *                   without elastic partitions.
 * @param total      the card's total: the reservations together may not pass it (ABI.md 6).
 * @param elastic    whether the card answered PART_QUERY_EX: partitions then change size in place (PART_RESIZE);
 *                   without it a partition whose size changed is re-created, as before elastic partitions.
 */
public record CardView(List<PartitionEntryEx> partitions, Resources free, Resources total, boolean elastic)
{
    public CardView
    {
        partitions = List.copyOf(partitions);
    }

    /** @return the view of a card that answers only PART_QUERY: fixed partitions, re-created to change size. */
    public static CardView fixed(final List<PartitionEntry> actual, final Resources free)
    {
        return new CardView(actual.stream().map(CardView::entry).toList(), free, free, false);
    }

    /** @return a PART_QUERY entry as a PART_QUERY_EX entry: {@code min = max = reserved}, active, not lending. */
    public static PartitionEntryEx entry(final PartitionEntry e)
    {
        return new PartitionEntryEx(e.id(), e.activeWorkloads(), e.name(), 0, 0, e.reserved(), e.reserved(), e.used(),
            Resources.ZERO);
    }
}

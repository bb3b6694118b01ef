package dev.shadowdev.devfs.daemon;

import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's saved state: the partitions it made, in the order it made them. Immutable; the {@code with*}
 * methods return a new state.
 *
 * @param partitions names unique.
 */
public record DaemonState(List<PartitionRecord> partitions)
{
    /** No partitions: a first start. */
    public static final DaemonState EMPTY = new DaemonState(List.of());

    public DaemonState
    {
        partitions = List.copyOf(partitions);
    }

    /** @return the record called {@code name}, or {@code null}. */
    public PartitionRecord find(final String name)
    {
        for (final PartitionRecord r : partitions)
        {
            if (r.name().equals(name))
            {
                return r;
            }
        }
        return null;
    }

    /** @return this state with {@code record} added, or replacing the record of the same name in place. */
    public DaemonState with(final PartitionRecord record)
    {
        final List<PartitionRecord> list = new ArrayList<>(partitions);
        for (int i = 0; i < list.size(); i++)
        {
            if (list.get(i).name().equals(record.name()))
            {
                list.set(i, record);
                return new DaemonState(list);
            }
        }
        list.add(record);
        return new DaemonState(list);
    }

    /** @return this state without the record called {@code name}. */
    public DaemonState without(final String name)
    {
        final List<PartitionRecord> list = new ArrayList<>(partitions);
        list.removeIf((r) -> r.name().equals(name));
        return new DaemonState(list);
    }
}

package dev.shadowdev.firmware.model;

/**
 * A partition: a named pool carved out of the global pool. Its {@link Allocation} is what goes back to the global
 * pool when it is destroyed. Not thread-safe: owned by {@link PartitionTable}.
 */
final class Partition
{
    private final int id;
    private final String name;
    private final Allocation reservation;
    private final Pool pool;

    Partition(final int id, final String name, final Allocation reservation)
    {
        this.id = id;
        this.name = name;
        this.reservation = reservation;
        this.pool = new Pool(reservation);
    }

    int id()
    {
        return id;
    }

    String name()
    {
        return name;
    }

    Allocation reservation()
    {
        return reservation;
    }

    Pool pool()
    {
        return pool;
    }
}

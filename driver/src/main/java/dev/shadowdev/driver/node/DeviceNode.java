package dev.shadowdev.driver.node;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * One device node: the base device (partition -1, privileged), a shadow device (tagged with its partition), the shared
 * cgroup node (partition -2, never opened as such), or a partition as reached through the cgroup node. Its
 * minor never changes. Its generation grows each time it comes online (probe, re-probe after a reset, re-attach to a
 * partition); a session belongs to the generation it was opened in and is dead for good once the node is offline,
 * removed or in a later generation, so an old file never reaches a later partition.
 * <p>
 * Changed only by the {@link NodeRegistry} under its monitor; the fields sessions check are volatile.
 */
public final class DeviceNode
{
    /** Most events kept per node. */
    static final int MAX_EVENTS = 32;

    private final int minor;
    private final int major;
    private final int parentMinor;
    private final boolean base;
    private final boolean viaCgroup;
    private final ArrayDeque<String> events = new ArrayDeque<>();
    private volatile int partitionId;
    private volatile String name;
    private volatile int generation;
    private volatile boolean online;
    private volatile boolean removed;
    private volatile long eventsAdded;
    private volatile long preemptions;

    DeviceNode(
        final int minor, final int major, final int parentMinor, final boolean base, final int partitionId,
        final String name)
    {
        this(minor, major, parentMinor, base, false, partitionId, name);
    }

    DeviceNode(
        final int minor, final int major, final int parentMinor, final boolean base, final boolean viaCgroup,
        final int partitionId, final String name)
    {
        this.viaCgroup = viaCgroup;
        this.minor = minor;
        this.major = major;
        this.parentMinor = parentMinor;
        this.base = base;
        this.partitionId = partitionId;
        this.name = name;
    }

    public int minor()
    {
        return minor;
    }

    public int major()
    {
        return major;
    }

    public boolean isBase()
    {
        return base;
    }

    /**
     * @return true for a partition as reached through the shared cgroup node: no file and no minor of its own (its
     *     minor is the cgroup node's), sessions on it behave as on the partition's shadow node.
     */
    public boolean viaCgroup()
    {
        return viaCgroup;
    }

    /** @return the partition requests through this node are tagged with (-1 for the base device). */
    public int partitionId()
    {
        return partitionId;
    }

    public String name()
    {
        return name;
    }

    public int generation()
    {
        return generation;
    }

    public boolean online()
    {
        return online;
    }

    public boolean removed()
    {
        return removed;
    }

    /** @return true while a session of {@code sessionGeneration} may use the node. */
    public boolean isCurrent(final int sessionGeneration)
    {
        return online && !removed && generation == sessionGeneration;
    }

    /** @return an immutable view. */
    public NodeSnapshot snapshot()
    {
        return new NodeSnapshot(minor, major, partitionId, online, name, parentMinor, generation);
    }

    void comeOnline(final int partitionId, final String name)
    {
        this.partitionId = partitionId;
        this.name = name;
        generation++;
        online = true;
    }

    void goOffline()
    {
        online = false;
    }

    void remove()
    {
        online = false;
        removed = true;
    }

    /** @return the line as added (timestamp first). */
    String event(final long epochNanos, final String what)
    {
        if (events.size() == MAX_EVENTS)
        {
            events.removeFirst();
        }
        final String line = Instant.ofEpochSecond(0, epochNanos) + " " + what;
        events.addLast(line);
        eventsAdded++;
        return line;
    }

    /** @return event lines ever added (the kept ones are the last {@link #MAX_EVENTS}). */
    public long eventsAdded()
    {
        return eventsAdded;
    }

    /** @return workloads of its partition the firmware preempted (shadow nodes). */
    public long preemptions()
    {
        return preemptions;
    }

    void preempted()
    {
        preemptions++;
    }

    String events()
    {
        return String.join("\n", events);
    }
}

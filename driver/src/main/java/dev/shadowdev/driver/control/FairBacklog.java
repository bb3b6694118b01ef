package dev.shadowdev.driver.control;

import java.util.Arrays;

/**
 * Control messages waiting for room on the CONTROL ring, one queue per partition, taken round robin: the ring is
 * shared by every partition, so a partition that floods it waits behind its own messages, not in front of another's.
 * Each partition's messages keep their order. Entries live in fixed arrays linked by index (a free list of
 * {@code capacity} entries); a partition's queue ("lane") is made the first time the partition has to wait and kept
 * for the next time, so taking and adding allocate nothing once every partition has waited once. Not thread-safe:
 * the {@link ControlProxy}'s monitor guards it.
 */
final class FairBacklog
{
    private static final int NONE = -1;

    private final long[] address;
    private final int[] length;
    private final int[] sequence;
    private final int[] next;
    private int free;
    private int size;

    private int[] lanePartition = new int[8];
    private int[] laneHead = new int[8];
    private int[] laneTail = new int[8];
    /** Lanes with entries, in a circle through {@link #laneNext}; {@link #current} is the next to serve. */
    private int[] laneNext = new int[8];
    private int lanes;
    private int current = NONE;
    private int previous = NONE;

    /** @param capacity most messages waiting at once. */
    FairBacklog(final int capacity)
    {
        address = new long[capacity];
        length = new int[capacity];
        sequence = new int[capacity];
        next = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            next[i] = i + 1 < capacity ? i + 1 : NONE;
        }
        free = capacity == 0 ? NONE : 0;
    }

    int size()
    {
        return size;
    }

    boolean isFull()
    {
        return free == NONE;
    }

    /**
     * Queue a message behind the partition's earlier ones; the caller checked {@link #isFull()}.
     *
     * @param partitionId the partition stamped into it.
     */
    void add(final int partitionId, final long messageAddress, final int messageLength, final int messageSequence)
    {
        final int entry = free;
        free = next[entry];
        address[entry] = messageAddress;
        length[entry] = messageLength;
        sequence[entry] = messageSequence;
        next[entry] = NONE;
        size++;
        final int lane = lane(partitionId);
        if (laneHead[lane] == NONE)
        {
            laneHead[lane] = entry;
            laneTail[lane] = entry;
            activate(lane);
        }
        else
        {
            next[laneTail[lane]] = entry;
            laneTail[lane] = entry;
        }
    }

    /** @return the entry that {@link #remove} takes next (the current lane's oldest), or -1 when empty. */
    int peek()
    {
        return current == NONE ? NONE : laneHead[current];
    }

    long address(final int entry)
    {
        return address[entry];
    }

    int length(final int entry)
    {
        return length[entry];
    }

    int sequence(final int entry)
    {
        return sequence[entry];
    }

    /** Take the entry {@link #peek} named and move on to the next partition's lane. */
    void remove()
    {
        final int lane = current;
        final int entry = laneHead[lane];
        laneHead[lane] = next[entry];
        next[entry] = free;
        free = entry;
        size--;
        if (laneHead[lane] == NONE)
        {
            laneTail[lane] = NONE;
            if (laneNext[lane] == lane)
            {
                current = NONE;
                previous = NONE;
            }
            else
            {
                laneNext[previous] = laneNext[lane];
                current = laneNext[lane];
            }
        }
        else
        {
            previous = lane;
            current = laneNext[lane];
        }
    }

    private void activate(final int lane)
    {
        if (current == NONE)
        {
            laneNext[lane] = lane;
            current = lane;
            previous = lane;
        }
        else
        {
            // Join the circle just before the lane served next, i.e. last in this round.
            laneNext[previous] = lane;
            laneNext[lane] = current;
            previous = lane;
        }
    }

    private int lane(final int partitionId)
    {
        for (int i = 0; i < lanes; i++)
        {
            if (lanePartition[i] == partitionId)
            {
                return i;
            }
        }
        if (lanes == lanePartition.length)
        {
            final int grown = lanes * 2;
            lanePartition = Arrays.copyOf(lanePartition, grown);
            laneHead = Arrays.copyOf(laneHead, grown);
            laneTail = Arrays.copyOf(laneTail, grown);
            laneNext = Arrays.copyOf(laneNext, grown);
        }
        lanePartition[lanes] = partitionId;
        laneHead[lanes] = NONE;
        laneTail[lanes] = NONE;
        return lanes++;
    }
}

package dev.shadowdev.driver.control;

/**
 * The requests on the wire, indexed directly by sequence number: slot = {@code sequence & (capacity - 1)}. Every
 * slot object is made once, so registering and matching allocate nothing; a sequence whose slot is still taken is
 * skipped by the caller. Not thread-safe: the {@link ControlClient} guards it.
 */
final class PendingTable
{
    private final PendingRequest[] slots;
    private final int mask;
    private int inUse;

    /**
     * @param capacity most requests in flight, rounded up to a power of two.
     */
    PendingTable(final int capacity)
    {
        final int size = Integer.highestOneBit(Math.max(2, capacity - 1) << 1);
        slots = new PendingRequest[size];
        for (int i = 0; i < size; i++)
        {
            slots[i] = new PendingRequest();
        }
        mask = size - 1;
    }

    int capacity()
    {
        return slots.length;
    }

    int inUse()
    {
        return inUse;
    }

    /** @return the slot of {@code sequence} when it is free, else null. */
    PendingRequest claim(final int sequence)
    {
        final PendingRequest slot = slots[sequence & mask];
        if (slot.inUse)
        {
            return null;
        }
        slot.inUse = true;
        slot.sequence = sequence;
        inUse++;
        return slot;
    }

    /** @return the pending request with this sequence number, or null. */
    PendingRequest find(final int sequence)
    {
        final PendingRequest slot = slots[sequence & mask];
        return slot.inUse && slot.sequence == sequence ? slot : null;
    }

    /** @return slot {@code index} (in use or not), for scans. */
    PendingRequest at(final int index)
    {
        return slots[index];
    }

    void free(final PendingRequest request)
    {
        if (request.inUse)
        {
            request.clear();
            inUse--;
        }
    }
}

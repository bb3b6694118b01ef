package dev.shadowdev.firmware.qsm;

/**
 * The DMA transfers split over several messages that are in progress, keyed by (partition ID, handle,
 * dma_chunk_id): several sessions may load images at the same time. At most {@link #MAX_IN_PROGRESS}; TERMINATE
 * of the owner, destruction of its partition and a transport reset drop them. Not thread-safe: owned by
 * {@link QsmControlAdapter} on the device thread.
 */
final class DmaContinuations
{
    /** Most split transfers in progress at once. */
    static final int MAX_IN_PROGRESS = 8;

    private final DmaContinuation[] entries = new DmaContinuation[MAX_IN_PROGRESS];

    DmaContinuations()
    {
        for (int i = 0; i < entries.length; i++)
        {
            entries[i] = new DmaContinuation();
        }
    }

    /** @return the transfer in progress, or null. */
    DmaContinuation find(final int partitionId, final int handle, final int chunkId)
    {
        for (final DmaContinuation c : entries)
        {
            if (c.is(partitionId, handle, chunkId))
            {
                return c;
            }
        }
        return null;
    }

    /** @return a free entry marked in use for the key, or null when {@link #MAX_IN_PROGRESS} are in progress. */
    DmaContinuation claim(final int partitionId, final int handle, final int chunkId)
    {
        for (final DmaContinuation c : entries)
        {
            if (!c.inUse())
            {
                c.claim(partitionId, handle, chunkId);
                return c;
            }
        }
        return null;
    }

    void release(final DmaContinuation c)
    {
        c.release();
    }

    /** @return how many of the owner's transfers were dropped. */
    int dropOwner(final int partitionId, final int handle)
    {
        int count = 0;
        for (final DmaContinuation c : entries)
        {
            if (c.inUse() && c.ownedBy(partitionId, handle))
            {
                c.release();
                count++;
            }
        }
        return count;
    }

    /** @return how many of the partition's transfers were dropped. */
    int dropPartition(final int partitionId)
    {
        int count = 0;
        for (final DmaContinuation c : entries)
        {
            if (c.inUse() && c.inPartition(partitionId))
            {
                c.release();
                count++;
            }
        }
        return count;
    }

    /** @return transfers in progress. */
    int inProgress()
    {
        int count = 0;
        for (final DmaContinuation c : entries)
        {
            count += c.inUse() ? 1 : 0;
        }
        return count;
    }

    void clear()
    {
        for (final DmaContinuation c : entries)
        {
            c.release();
        }
    }
}

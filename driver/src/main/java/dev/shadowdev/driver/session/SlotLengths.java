package dev.shadowdev.driver.session;

import java.util.Arrays;

/**
 * How many image bytes this session loaded into each of its slots (DMA_XFER's {@code offset} rule, ABI.md 1.3): a
 * slot never written holds 0; {@link #UNKNOWN} after a transfer whose outcome is unknown (only offset 0, a restart,
 * is accepted then). Open addressing over int keys; grows by doubling, otherwise allocation-free. Owned by the
 * session's processing.
 */
final class SlotLengths
{
    /** The slot's content is unknown: the next transfer must restart it. */
    static final long UNKNOWN = -1;

    private int[] keys = new int[16];
    private long[] values = new long[16];
    private boolean[] used = new boolean[16];
    private int size;

    /** @return the bytes loaded in {@code slot}: 0 for a slot never written, or {@link #UNKNOWN}. */
    long get(final int slot)
    {
        final int index = find(slot);
        return used[index] ? values[index] : 0;
    }

    void put(final int slot, final long length)
    {
        int index = find(slot);
        if (!used[index])
        {
            if ((size + 1) * 2 > keys.length)
            {
                grow();
                index = find(slot);
            }
            used[index] = true;
            keys[index] = slot;
            size++;
        }
        values[index] = length;
    }

    /** Forget every slot (after TERMINATE or a reset the firmware dropped them). */
    void clear()
    {
        Arrays.fill(used, false);
        size = 0;
    }

    private int find(final int slot)
    {
        final int mask = keys.length - 1;
        int index = (slot * 0x9E3779B9) >>> 16 & mask;
        while (used[index] && keys[index] != slot)
        {
            index = index + 1 & mask;
        }
        return index;
    }

    private void grow()
    {
        final int[] oldKeys = keys;
        final long[] oldValues = values;
        final boolean[] oldUsed = used;
        keys = new int[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++)
        {
            if (oldUsed[i])
            {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}

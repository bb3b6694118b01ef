package dev.shadowdev.driver.session;

import dev.shadowdev.driver.dbc.DbcBinding;

import java.util.Arrays;

/**
 * The node transactions carried by the wire message in flight, one entry per wire transaction in the same order,
 * with what the answer needs: the node type, the slot and its length after a DMA_XFER plus the host memory holding
 * its data, the queues an ACTIVATE or DEACTIVATE concerns, the partition a PART_DESTROY names. Arrays grow when a
 * message needs more entries than ever before; otherwise reused. Owned by the session's processing.
 */
final class WireBatch
{
    private int size;
    private int[] nodeType = new int[16];
    private int[] slot = new int[16];
    private long[] slotEnd = new long[16];
    private long[] dmaAddress = new long[16];
    private int[] partitionId = new int[16];
    private DbcBinding[] binding = new DbcBinding[16];

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * Add an entry.
     *
     * @return its index.
     */
    int add(final int type)
    {
        if (size == nodeType.length)
        {
            final int capacity = size * 2;
            nodeType = Arrays.copyOf(nodeType, capacity);
            slot = Arrays.copyOf(slot, capacity);
            slotEnd = Arrays.copyOf(slotEnd, capacity);
            dmaAddress = Arrays.copyOf(dmaAddress, capacity);
            partitionId = Arrays.copyOf(partitionId, capacity);
            binding = Arrays.copyOf(binding, capacity);
        }
        final int i = size++;
        nodeType[i] = type;
        slot[i] = 0;
        slotEnd[i] = 0;
        dmaAddress[i] = 0;
        partitionId[i] = 0;
        binding[i] = null;
        return i;
    }

    /** Forget every entry (after the answer was handled). */
    void clear()
    {
        Arrays.fill(binding, 0, size, null);
        size = 0;
    }

    /** @return true when a DMA_XFER to {@code slotNumber} is already in this batch. */
    boolean hasDmaXferTo(final int slotNumber, final int dmaXferType)
    {
        for (int i = 0; i < size; i++)
        {
            if (nodeType[i] == dmaXferType && slot[i] == slotNumber)
            {
                return true;
            }
        }
        return false;
    }

    int nodeType(final int i)
    {
        return nodeType[i];
    }

    int slot(final int i)
    {
        return slot[i];
    }

    long slotEnd(final int i)
    {
        return slotEnd[i];
    }

    long dmaAddress(final int i)
    {
        return dmaAddress[i];
    }

    int partitionId(final int i)
    {
        return partitionId[i];
    }

    DbcBinding binding(final int i)
    {
        return binding[i];
    }

    void dmaXfer(final int i, final int slotNumber, final long end, final long address)
    {
        slot[i] = slotNumber;
        slotEnd[i] = end;
        dmaAddress[i] = address;
    }

    void binding(final int i, final DbcBinding value)
    {
        binding[i] = value;
    }

    void partitionId(final int i, final int value)
    {
        partitionId[i] = value;
    }
}

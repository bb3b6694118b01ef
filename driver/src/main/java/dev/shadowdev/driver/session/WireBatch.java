package dev.shadowdev.driver.session;

import dev.shadowdev.driver.dbc.DbcBinding;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireMessageValidator;
import dev.shadowdev.wire.WireRequestWriter;
import dev.shadowdev.wire.node.NodeTypes;

import java.util.Arrays;

/**
 * The wire message being built or in flight and the node transactions it carries, one entry per wire transaction
 * in the same order, with what the answer needs: the node type, the slot and its length after a DMA_XFER plus the
 * host memory holding its data, the queues an ACTIVATE or DEACTIVATE concerns, the partition a PART_DESTROY names.
 * While it is built it also keeps the message within what its answer may use (64 KiB) and knows when nothing more
 * may join it ({@link #closeToMore}: PART_QUERY and a split DMA_XFER travel alone). Arrays grow when a message needs
 * more entries than ever before; otherwise reused. Owned by the session's processing; passed to the handlers.
 */
final class WireBatch
{
    private WireRequestWriter writer;
    private int answerBytes;
    private boolean closed;
    private int partitionTag;
    private int size;
    private int[] nodeType = new int[16];
    private int[] slot = new int[16];
    private long[] slotEnd = new long[16];
    private long[] dmaAddress = new long[16];
    private int[] partitionId = new int[16];
    private int[] requestIndex = new int[16];
    private DbcBinding[] binding = new DbcBinding[16];

    /** Start a new, empty wire message in {@code scratch}, at most {@code maxBytes} long. */
    void begin(final MessageScratch scratch, final int maxBytes)
    {
        clear();
        writer = scratch.writer;
        writer.wrap(scratch.message, 0, maxBytes);
        writer.begin(0, 0, WireMessageHeaderFlyweight.NO_PARTITION);
        answerBytes = WireMessageHeaderFlyweight.LENGTH;
        closed = false;
        partitionTag = NO_TAG;
    }

    /** {@link #partitionTag}: the message goes out tagged with the session's partition. */
    static final int NO_TAG = Integer.MIN_VALUE;

    /**
     * Tag the message with {@code partitionId} instead of the session's partition: a base node session asking about
     * one partition as its own node would (PART_BIND); never set for any other session.
     */
    void tagAs(final int partitionId)
    {
        partitionTag = partitionId;
    }

    /** @return the partition the message is tagged with, given the session's. */
    int partitionTag(final int sessionPartition)
    {
        return partitionTag == NO_TAG ? sessionPartition : partitionTag;
    }

    /** @return the message being built. */
    WireRequestWriter writer()
    {
        return writer;
    }

    /** @return true when nothing more may join the message (closed, or the most transactions a message holds). */
    boolean full()
    {
        return closed || writer.count() >= WireMessageValidator.MAX_COUNT;
    }

    /** Nothing more joins this message. */
    void closeToMore()
    {
        closed = true;
    }

    /**
     * Keep room in the answer for {@code bytes} more.
     *
     * @return false (nothing reserved) when the answer would exceed the largest message from the device.
     */
    boolean reserveAnswer(final int bytes)
    {
        if (answerBytes + bytes > WireDirection.FROM_DEV.maxLength())
        {
            return false;
        }
        answerBytes += bytes;
        return true;
    }

    /** Give back a {@link #reserveAnswer} whose transaction was not appended. */
    void unreserveAnswer(final int bytes)
    {
        answerBytes -= bytes;
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * Add an entry for a transaction just appended to the message.
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
            requestIndex = Arrays.copyOf(requestIndex, capacity);
            binding = Arrays.copyOf(binding, capacity);
        }
        final int i = size++;
        nodeType[i] = type;
        slot[i] = 0;
        slotEnd[i] = 0;
        dmaAddress[i] = 0;
        partitionId[i] = 0;
        requestIndex[i] = 0;
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
    boolean hasDmaXferTo(final int slotNumber)
    {
        for (int i = 0; i < size; i++)
        {
            if (nodeType[i] == NodeTypes.DMA_XFER && slot[i] == slotNumber)
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

    /** @return where entry {@code i}'s node transaction starts in the request (for what its answer records). */
    int requestIndex(final int i)
    {
        return requestIndex[i];
    }

    void requestIndex(final int i, final int value)
    {
        requestIndex[i] = value;
    }
}

package dev.shadowdev.mhi.host;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.ChannelConfig;
import dev.shadowdev.mhi.ChannelContextFlyweight;
import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.ChannelType;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.RingElementFlyweight;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;

import java.nio.ByteBuffer;

/**
 * The host end of one channel's transfer ring (Linux {@code host/main.c} {@code mhi_gen_tre},
 * {@code mhi_ring_chan_db}, {@code parse_xfer_event}): writes transfer elements at the write index, rings the
 * doorbell with the new write pointer, and completes elements in order when events come back, keeping each
 * element's buffer in a side table ({@code buf_ring}).
 * <p>
 * One producer thread queues and rings; one event thread completes. The producer sees space freed by
 * completions through the volatile read index; the event thread sees queued elements through the doorbell (the
 * volatile doorbell index and the device's event). Queue and doorbell allocate nothing and throw nothing.
 */
final class HostTransferRing
{
    private static final int ELEMENT_SHIFT = 4;

    private final int number;
    private final int eventRing;
    private final long rbase;
    private final int elements;
    private final int ringOffset;
    private final ByteBuffer buffer;
    private final MhiRegisters registers;
    private final TransferChecks checks;
    private final TransferTreFlyweight tre = new TransferTreFlyweight();
    private final ChannelContextFlyweight context = new ChannelContextFlyweight();
    private final long[] bufferAddress;
    private final int[] bufferLength;
    private int doorbellOffset;
    private int wp;
    private volatile int rp;
    private volatile int doorbellWp;
    private volatile int state = ChannelState.DISABLED;
    private volatile TransferListener listener;

    HostTransferRing(final ChannelConfig config, final SharedRegion region, final MhiRegisters registers,
        final TransferChecks checks, final long rbase, final int contextOffset)
    {
        this.checks = checks;
        this.number = config.number();
        this.eventRing = config.eventRing();
        this.rbase = rbase;
        this.elements = config.elements();
        this.ringOffset = region.offset(rbase, elements << ELEMENT_SHIFT);
        this.buffer = region.buffer();
        this.registers = registers;
        this.bufferAddress = new long[elements];
        this.bufferLength = new int[elements];
        context.wrap(buffer, contextOffset);
    }

    int number()
    {
        return number;
    }

    int state()
    {
        return state;
    }

    void state(final int state)
    {
        this.state = state;
    }

    TransferListener listener()
    {
        return listener;
    }

    /** Program a fresh context (state DISABLED) at power-up. */
    void initContext(final int doorbellOffset)
    {
        this.doorbellOffset = doorbellOffset;
        context.chcfg(ChannelState.DISABLED)
            .chtype(ChannelType.forChannel(number))
            .erindex(eventRing)
            .rbase(rbase)
            .rlen((long)elements << ELEMENT_SHIFT)
            .rp(rbase)
            .wp(rbase);
        wp = 0;
        rp = 0;
        doorbellWp = 0;
        state = ChannelState.DISABLED;
    }

    /** Empty ring, context ENABLED, ready for START_CHAN. */
    void prepare(final TransferListener listener)
    {
        this.listener = listener;
        wp = 0;
        rp = 0;
        doorbellWp = 0;
        context.rp(rbase).wp(rbase);
        context.chstate(ChannelState.ENABLED);
        state = ChannelState.ENABLED;
    }

    /** @return elements that can be queued now. */
    int freeSlots()
    {
        final int d = rp - wp - 1;
        return d < 0 ? d + elements : d;
    }

    /**
     * Queue one buffer (see {@link MhiHost#queue}).
     *
     * @return 0, -EAGAIN when the ring is full, -ENODEV when the channel is not running, -EINVAL.
     */
    int queue(final long address, final int length, final int flags)
    {
        if (state != ChannelState.RUNNING)
        {
            return Errno.ENODEV.status();
        }
        final int checked = checks.check(number, address, length, flags);
        return checked < 0 ? checked : append(address, length, flags);
    }

    /**
     * Queue one message as a chain of elements of at most 65535 bytes (see {@link MhiHost#queueMessage}).
     *
     * @return elements queued, -EAGAIN when they do not all fit, -ENODEV, -EINVAL.
     */
    int queueMessage(final long address, final int length, final int flags)
    {
        if (state != ChannelState.RUNNING)
        {
            return Errno.ENODEV.status();
        }
        final int checked = checks.checkMessage(number, address, length, flags);
        if (checked < 0)
        {
            return checked;
        }
        final int count = (length + TransferTreFlyweight.MAX_LENGTH - 1) / TransferTreFlyweight.MAX_LENGTH;
        if (freeSlots() < count)
        {
            return Errno.EAGAIN.status();
        }
        int remaining = length;
        long at = address;
        for (int i = 0; i < count; i++)
        {
            final int n = Math.min(remaining, TransferTreFlyweight.MAX_LENGTH);
            remaining -= n;
            append(at, n, remaining > 0 ? TransferTreFlyweight.FLAG_CHAIN | (flags & TransferTreFlyweight.FLAG_BEI) :
                flags);
            at += n;
        }
        return count;
    }

    private int append(final long address, final int length, final int flags)
    {
        final int next = wp + 1 == elements ? 0 : wp + 1;
        if (next == rp)
        {
            return Errno.EAGAIN.status();
        }
        tre.wrap(buffer, ringOffset + (wp << ELEMENT_SHIFT)).encode(address, length, flags);
        bufferAddress[wp] = address;
        bufferLength[wp] = length;
        wp = next;
        return 0;
    }

    /** Publish the write pointer in the context and ring the channel doorbell with it. */
    void doorbell()
    {
        final int index = wp;
        final long pointer = rbase + ((long)index << ELEMENT_SHIFT);
        doorbellWp = index;
        context.wpRelease(pointer);
        registers.write64(doorbellOffset, pointer);
    }

    /**
     * Complete every outstanding element up to and including the one at {@code pointer}.
     *
     * @return elements completed, or -1 when {@code pointer} is not an outstanding element (nothing changes).
     */
    int complete(final long pointer, final int code, final int eventLength)
    {
        final long delta = pointer - rbase;
        if (delta < 0 || delta >= ((long)elements << ELEMENT_SHIFT) || (delta & (RingElementFlyweight.LENGTH - 1)) != 0)
        {
            return -1;
        }
        final int index = (int)(delta >>> ELEMENT_SHIFT);
        int first = rp;
        final int outstanding = distance(first, doorbellWp);
        if (distance(first, index) >= outstanding)
        {
            return -1;
        }
        final TransferListener l = listener;
        int count = 0;
        while (true)
        {
            final int length = first == index ? Math.min(eventLength, bufferLength[first]) : bufferLength[first];
            l.onTransfer(number, rbase + ((long)first << ELEMENT_SHIFT), bufferAddress[first], length, code);
            count++;
            if (first == index)
            {
                break;
            }
            first = first + 1 == elements ? 0 : first + 1;
        }
        rp = index + 1 == elements ? 0 : index + 1;
        return count;
    }

    /** Hand every queued, uncompleted buffer back to the listener and empty the ring. */
    int abortAll()
    {
        final TransferListener l = listener;
        int count = 0;
        int index = rp;
        while (index != wp)
        {
            if (l != null)
            {
                l.onAbort(number, rbase + ((long)index << ELEMENT_SHIFT), bufferAddress[index], bufferLength[index]);
            }
            count++;
            index = index + 1 == elements ? 0 : index + 1;
        }
        rp = wp;
        doorbellWp = wp;
        state = ChannelState.DISABLED;
        return count;
    }

    long rbase()
    {
        return rbase;
    }

    /** @return the element index the next queue writes (tests and tracing). */
    long writePointer()
    {
        return rbase + ((long)wp << ELEMENT_SHIFT);
    }

    private int distance(final int from, final int to)
    {
        final int d = to - from;
        return d < 0 ? d + elements : d;
    }
}

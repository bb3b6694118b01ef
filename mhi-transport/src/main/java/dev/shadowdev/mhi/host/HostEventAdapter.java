package dev.shadowdev.mhi.host;

import dev.shadowdev.mhi.EventContextFlyweight;
import dev.shadowdev.mhi.EventFlyweight;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.PacketType;
import dev.shadowdev.mhi.RingElementFlyweight;
import dev.shadowdev.mhi.SharedRegion;

import java.nio.ByteBuffer;

/**
 * Reads one event ring up to the device's published read pointer and dispatches each event in one switch to the
 * {@link MhiHost}, then gives the consumed elements back by moving the ring's write pointer (context and ERDB
 * doorbell) to the element before the next unread one, as Linux {@code mhi_recycle_ev_ring_element} does.
 * Allocation-free.
 */
final class HostEventAdapter
{
    private static final int ELEMENT_SHIFT = 4;

    private final MhiHost host;
    private final MhiRegisters registers;
    private final ByteBuffer buffer;
    private final long rbase;
    private final int elements;
    private final int ringOffset;
    private final int msiVector;
    private final EventContextFlyweight context = new EventContextFlyweight();
    private final EventFlyweight event = new EventFlyweight();
    private int doorbellOffset;
    private int rp;
    private long lastBadPointer;
    private boolean ready;

    HostEventAdapter(final MhiHost host, final SharedRegion region, final MhiRegisters registers, final long rbase,
        final int elements, final int contextOffset, final int msiVector)
    {
        this.host = host;
        this.registers = registers;
        this.buffer = region.buffer();
        this.rbase = rbase;
        this.elements = elements;
        this.ringOffset = region.offset(rbase, elements << ELEMENT_SHIFT);
        this.msiVector = msiVector;
        context.wrap(buffer, contextOffset);
    }

    /** Program the context and hand the device all but one element (ERDB = last element). */
    void initContext(final int doorbellOffset)
    {
        this.doorbellOffset = doorbellOffset;
        context.intmod(0)
            .ertype(EventContextFlyweight.ERTYPE_VALID)
            .msivec(msiVector)
            .rbase(rbase)
            .rlen((long)elements << ELEMENT_SHIFT)
            .rp(rbase)
            .wp(rbase);
        rp = 0;
        lastBadPointer = 0;
        ready = true;
        recycle();
    }

    void stop()
    {
        ready = false;
    }

    /**
     * Dispatch the events the device has published.
     *
     * @return events dispatched.
     */
    int poll()
    {
        if (!ready)
        {
            return 0;
        }
        final long devicePointer = context.rpAcquire();
        final long delta = devicePointer - rbase;
        if (delta < 0 || delta >= ((long)elements << ELEMENT_SHIFT) || (delta & (RingElementFlyweight.LENGTH - 1)) != 0)
        {
            if (devicePointer != lastBadPointer)
            {
                lastBadPointer = devicePointer;
                host.onBadEventRingPointer(devicePointer);
            }
            return 0;
        }
        final int deviceIndex = (int)(delta >>> ELEMENT_SHIFT);
        int count = 0;
        while (rp != deviceIndex && ready)
        {
            event.wrap(buffer, ringOffset + (rp << ELEMENT_SHIFT));
            dispatch();
            rp = rp + 1 == elements ? 0 : rp + 1;
            count++;
        }
        if (count > 0 && ready)
        {
            recycle();
        }
        return count;
    }

    private void dispatch()
    {
        final int type = event.type();
        switch (type)
        {
            case PacketType.TX_EVENT:
                host.onTransferEvent(event.chid(), event.ptr(), event.code(), event.length());
                break;
            case PacketType.CMD_COMPLETION_EVENT:
                host.onCommandCompletion(event.ptr(), event.code());
                break;
            case PacketType.STATE_CHANGE_EVENT:
                host.onStateChangeEvent(event.state());
                break;
            case PacketType.EE_EVENT:
                host.onExecEnvEvent(event.execEnv());
                break;
            default:
                host.onUnknownEvent(type);
                break;
        }
    }

    private void recycle()
    {
        final int last = rp == 0 ? elements - 1 : rp - 1;
        final long pointer = rbase + ((long)last << ELEMENT_SHIFT);
        context.wpRelease(pointer);
        registers.write64(doorbellOffset, pointer);
    }
}

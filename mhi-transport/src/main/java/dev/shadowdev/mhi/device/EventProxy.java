package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.EventContextFlyweight;
import dev.shadowdev.mhi.EventFlyweight;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;

/**
 * Posts events to one event ring in host memory (Linux {@code ep/ring.c} {@code mhi_ep_ring_add_element}): writes
 * the element at the device's read offset, advances it, publishes it as the context's rp, and remembers that the
 * ring's interrupt is due. The host's consumption point is its ERDB doorbell value; the device keeps one element
 * free between its position and that point, as the Linux endpoint does. Allocation-free.
 */
final class EventProxy
{
    private final SharedRegion region;
    private final MhiRegisters registers;
    private final int index;
    private final int doorbellOffset;
    private final DeviceRing ring;
    private final EventContextFlyweight context = new EventContextFlyweight();
    private final EventFlyweight event = new EventFlyweight();
    private int msiVector;
    private int cachedFree;
    private int reserved;
    private boolean interruptDue;

    EventProxy(final SharedRegion region, final MhiRegisters registers, final int index)
    {
        this.region = region;
        this.registers = registers;
        this.index = index;
        this.doorbellOffset = MhiRegisterLayout.eventDoorbell(MhiRegisterLayout.ERDB_BASE, index);
        this.ring = new DeviceRing(region);
    }

    /**
     * Take the ring from its context at the start of M0.
     *
     * @return null, or {@code name=value} of the bad field.
     */
    String init(final int contextOffset)
    {
        context.wrap(region.buffer(), contextOffset);
        if (context.ertype() != EventContextFlyweight.ERTYPE_VALID)
        {
            return "ertype=" + context.ertype();
        }
        final String bad = ring.init(context.rbase(), context.rlen(), context.rp());
        if (bad != null)
        {
            return bad;
        }
        msiVector = context.msivec();
        cachedFree = 0;
        reserved = 0;
        interruptDue = false;
        return null;
    }

    void invalidate()
    {
        ring.invalidate();
        cachedFree = 0;
        reserved = 0;
        interruptDue = false;
    }

    boolean isValid()
    {
        return ring.isValid();
    }

    int index()
    {
        return index;
    }

    /**
     * @param count events the caller wants to post.
     * @return true when that many slots are free (beyond any reserved); re-reads the host's doorbell only when the
     *     cached count is short.
     */
    boolean hasSpace(final int count)
    {
        if (cachedFree - reserved >= count)
        {
            return true;
        }
        refresh();
        return cachedFree - reserved >= count;
    }

    private void refresh()
    {
        if (ring.isValid())
        {
            final int hostIndex = ring.indexOf(registers.read64(doorbellOffset));
            if (hostIndex >= 0)
            {
                final int d = ring.distance(ring.rd, hostIndex);
                cachedFree = d == 0 ? ring.elements() - 1 : d - 1;
            }
        }
    }

    /**
     * Keep {@code count} slots for the caller while a handler runs (its sends must not take them); the caller
     * checked {@link #hasSpace(int)} first.
     */
    void reserve(final int count)
    {
        reserved += count;
    }

    /** Give back slots kept by {@link #reserve(int)} just before posting into them. */
    void unreserve(final int count)
    {
        reserved -= count;
    }

    boolean postTransfer(final long trePointer, final int code, final int length, final int channel,
        final boolean interrupt)
    {
        if (!hasSpace(1))
        {
            return false;
        }
        event.wrap(region.buffer(), ring.elementOffset(ring.rd)).encodeTransfer(trePointer, code, length, channel);
        advance(interrupt);
        return true;
    }

    boolean postCommandCompletion(final long commandPointer, final int code)
    {
        if (!hasSpace(1))
        {
            return false;
        }
        event.wrap(region.buffer(), ring.elementOffset(ring.rd)).encodeCommandCompletion(commandPointer, code);
        advance(true);
        return true;
    }

    boolean postStateChange(final int state)
    {
        if (!hasSpace(1))
        {
            return false;
        }
        event.wrap(region.buffer(), ring.elementOffset(ring.rd)).encodeStateChange(state);
        advance(true);
        return true;
    }

    boolean postExecEnv(final int execEnv)
    {
        if (!hasSpace(1))
        {
            return false;
        }
        event.wrap(region.buffer(), ring.elementOffset(ring.rd)).encodeExecEnv(execEnv);
        advance(true);
        return true;
    }

    /** Raise the ring's interrupt if an event asked for one since the last call. */
    void flushInterrupt()
    {
        if (interruptDue)
        {
            interruptDue = false;
            registers.raiseInterrupt(msiVector);
        }
    }

    int msiVector()
    {
        return msiVector;
    }

    private void advance(final boolean interrupt)
    {
        ring.rd = ring.next(ring.rd);
        cachedFree--;
        context.rpRelease(ring.pointer(ring.rd));
        interruptDue |= interrupt;
    }
}

package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.RingElementFlyweight;
import dev.shadowdev.mhi.SharedRegion;

/**
 * The device's cached view of one ring in host memory (Linux {@code ep/ring.c} {@code struct mhi_ep_ring}): base,
 * element count, and the device's read and write indexes. Every pointer the host hands over is turned into an
 * index by {@link #indexOf(long)}, which rejects anything outside the ring or not on an element boundary.
 */
final class DeviceRing
{
    private static final int ELEMENT_SHIFT = 4;

    private final SharedRegion region;
    private long rbase;
    private int elements;
    private int baseOffset;
    private boolean valid;
    int rd;
    int wr;

    DeviceRing(final SharedRegion region)
    {
        this.region = region;
    }

    /**
     * Take the ring from a context.
     *
     * @return null when the context is good, else {@code name=value} of the bad field (nothing changes).
     */
    String init(final long rbase, final long rlen, final long rp)
    {
        if (rlen < 2L * RingElementFlyweight.LENGTH || (rlen & (RingElementFlyweight.LENGTH - 1)) != 0 ||
            rlen > (long)region.size())
        {
            return "rlen=" + rlen;
        }
        final int offset = region.offset(rbase, (int)rlen);
        if (offset == SharedRegion.OUT_OF_BOUNDS || (rbase & (RingElementFlyweight.LENGTH - 1)) != 0)
        {
            return "rbase=0x" + Long.toHexString(rbase);
        }
        final long rpOffset = rp - rbase;
        if (rpOffset < 0 || rpOffset >= rlen || (rpOffset & (RingElementFlyweight.LENGTH - 1)) != 0)
        {
            return "rp=0x" + Long.toHexString(rp);
        }
        this.rbase = rbase;
        this.elements = (int)(rlen >>> ELEMENT_SHIFT);
        this.baseOffset = offset;
        this.rd = (int)(rpOffset >>> ELEMENT_SHIFT);
        this.wr = rd;
        this.valid = true;
        return null;
    }

    void invalidate()
    {
        valid = false;
        rd = 0;
        wr = 0;
    }

    boolean isValid()
    {
        return valid;
    }

    int elements()
    {
        return elements;
    }

    /**
     * @param pointer a bus address from the host (doorbell, context field).
     * @return the element index, or -1 when the pointer is outside the ring or not on an element boundary.
     */
    int indexOf(final long pointer)
    {
        final long delta = pointer - rbase;
        if (!valid || delta < 0 || delta >= ((long)elements << ELEMENT_SHIFT) ||
            (delta & (RingElementFlyweight.LENGTH - 1)) != 0)
        {
            return -1;
        }
        return (int)(delta >>> ELEMENT_SHIFT);
    }

    long pointer(final int index)
    {
        return rbase + ((long)index << ELEMENT_SHIFT);
    }

    int elementOffset(final int index)
    {
        return baseOffset + (index << ELEMENT_SHIFT);
    }

    int next(final int index)
    {
        final int next = index + 1;
        return next == elements ? 0 : next;
    }

    /** @return elements from {@code from} (inclusive) to {@code to} (exclusive), going forward. */
    int distance(final int from, final int to)
    {
        final int d = to - from;
        return d < 0 ? d + elements : d;
    }
}

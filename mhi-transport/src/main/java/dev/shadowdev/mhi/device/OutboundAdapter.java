package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.PacketType;
import dev.shadowdev.mhi.RingElementFlyweight;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;

import java.nio.ByteBuffer;

/**
 * The to-device data path of one channel (Linux {@code ep/main.c} {@code mhi_ep_read_channel}): reads messages
 * (a CHAIN of elements ending in one without CHAIN) between the device's read and write indexes, hands each to
 * the firmware's handler in place as {@link MessageSegments}, then posts the events the host asked for: EOB for a
 * chained element with IEOB, EOT for the last element with IEOT. A malformed message is dropped with one BAD_TRE
 * event on its last element; before any error event, an EOT covers elements consumed earlier without an event,
 * so the error names only the dropped message. A message is only taken when the event ring has room for all its
 * events (reserved while the handler runs, so the handler's own sends cannot take them). Allocation-free.
 */
final class OutboundAdapter
{
    private static final int SINGLE_MASK =
        (RingElementFlyweight.BYTE_MASK << RingElementFlyweight.TYPE_SHIFT) | TransferTreFlyweight.FLAG_CHAIN;
    private static final int SINGLE_TRANSFER = PacketType.TRANSFER << RingElementFlyweight.TYPE_SHIFT;

    private final int number;
    private final SharedRegion region;
    private final ByteBuffer buffer;
    private final ErrorLog errors;
    private final ElementCheck check;
    private final MessageSegments segments;
    private int[] elementFlags;
    private DeviceRing ring;
    private EventProxy events;
    private DeviceChannelHandler handler;
    private int unsignalledIndex = -1;
    private int eventsNeeded;
    private int lastIndex;
    private boolean blocked;

    OutboundAdapter(final int number, final SharedRegion region, final ErrorLog errors, final int elements)
    {
        this.number = number;
        this.region = region;
        this.buffer = region.buffer();
        this.errors = errors;
        this.check = new ElementCheck(region);
        this.segments = new MessageSegments(region, elements);
        this.elementFlags = new int[elements];
    }

    /** Bind to a freshly started ring. */
    void bind(final DeviceRing ring, final EventProxy events)
    {
        this.ring = ring;
        this.events = events;
        this.unsignalledIndex = -1;
        this.blocked = false;
        segments.ensureCapacity(ring.elements());
        if (elementFlags.length < ring.elements())
        {
            elementFlags = new int[ring.elements()];
        }
    }

    void handler(final DeviceChannelHandler handler)
    {
        this.handler = handler;
    }

    boolean takeBlocked()
    {
        final boolean wasBlocked = blocked;
        blocked = false;
        return wasBlocked;
    }

    /**
     * Deliver every complete message between rd and wr.
     *
     * @return messages consumed (delivered or dropped).
     */
    int deliver()
    {
        int work = 0;
        while (ring.rd != ring.wr)
        {
            int done = deliverSingle();
            if (done == 0)
            {
                done = deliverScanned();
            }
            if (done < 0)
            {
                break;
            }
            work++;
        }
        return work;
    }

    /**
     * The common case: one well-formed element without CHAIN, and a handler.
     *
     * @return 1 when delivered, 0 when the element needs the general path, -1 when blocked on event space.
     */
    private int deliverSingle()
    {
        final int rd = ring.rd;
        final int element = ring.elementOffset(rd);
        final int dword1 = buffer.getInt(element + RingElementFlyweight.DWORD1_OFFSET);
        if ((dword1 & SINGLE_MASK) != SINGLE_TRANSFER || handler == null)
        {
            return 0;
        }
        final long address = buffer.getLong(element + RingElementFlyweight.PTR_OFFSET);
        final int length = buffer.getInt(element + RingElementFlyweight.DWORD0_OFFSET) &
            TransferTreFlyweight.LENGTH_MASK;
        final int offset = region.offset(address, length);
        if (length == 0 || offset == SharedRegion.OUT_OF_BOUNDS)
        {
            return 0;
        }
        final int reserve = unsignalledIndex < 0 ? 1 : 2;
        if (!events.hasSpace(reserve))
        {
            blocked = true;
            return -1;
        }
        segments.single(address, length, offset);
        events.reserve(reserve);
        final boolean handled = dispatch();
        events.unreserve(reserve);
        if (!handled)
        {
            drop(rd, CompletionCode.UNDEFINED_ERR);
        }
        else if ((dword1 & TransferTreFlyweight.FLAG_IEOT) != 0)
        {
            events.postTransfer(ring.pointer(rd), CompletionCode.EOT, length, number,
                (dword1 & TransferTreFlyweight.FLAG_BEI) == 0);
            unsignalledIndex = -1;
        }
        else
        {
            unsignalledIndex = rd;
        }
        ring.rd = ring.next(rd);
        return 1;
    }

    /**
     * Any message: a chain, a bad element, no handler.
     *
     * @return 1 when the message was consumed, -1 when it is incomplete or blocked on event space.
     */
    private int deliverScanned()
    {
        final int count = scanMessage();
        if (count == 0)
        {
            return -1;
        }
        final int last = lastIndex;
        if (check.isBad())
        {
            if (!drop(last, CompletionCode.BAD_TRE))
            {
                blocked = true;
                return -1;
            }
            errors.record(check.describe(number));
        }
        else if (handler == null)
        {
            if (!drop(last, CompletionCode.UNDEFINED_ERR))
            {
                blocked = true;
                return -1;
            }
            errors.record("no handler: channel=" + number);
        }
        else
        {
            final int reserve = Math.max(eventsNeeded, unsignalledIndex < 0 ? 1 : 2);
            if (!events.hasSpace(reserve))
            {
                blocked = true;
                return -1;
            }
            events.reserve(reserve);
            final boolean handled = dispatch();
            events.unreserve(reserve);
            if (handled)
            {
                complete(count);
            }
            else
            {
                drop(last, CompletionCode.UNDEFINED_ERR);
            }
        }
        ring.rd = ring.next(last);
        return 1;
    }

    /**
     * Scan one message from rd: fill the segments, count the events it asks for, note its last element.
     *
     * @return its element count, or 0 if it is not complete yet.
     */
    private int scanMessage()
    {
        segments.reset();
        check.clear();
        eventsNeeded = 0;
        int index = ring.rd;
        int count = 0;
        while (true)
        {
            if (index == ring.wr)
            {
                if (count >= ring.elements() - 1)
                {
                    check.rememberUnterminated();
                    return count;
                }
                return 0;
            }
            final int reason = check.check(ring, index);
            final int dword1 = check.dword1;
            elementFlags[count++] = dword1;
            if (!check.isBad())
            {
                if (reason != ElementCheck.GOOD)
                {
                    check.rememberBad(ring, index, reason);
                }
                else
                {
                    segments.add(check.address, check.length, check.offset);
                    final int wanted = (dword1 & TransferTreFlyweight.FLAG_CHAIN) != 0 ?
                        TransferTreFlyweight.FLAG_IEOB : TransferTreFlyweight.FLAG_IEOT;
                    if ((dword1 & wanted) != 0)
                    {
                        eventsNeeded++;
                    }
                }
            }
            lastIndex = index;
            index = ring.next(index);
            if ((dword1 & TransferTreFlyweight.FLAG_CHAIN) == 0)
            {
                return count;
            }
        }
    }

    private boolean dispatch()
    {
        try
        {
            handler.onMessage(number, region, segments);
            return true;
        }
        catch (final RuntimeException ex)
        {
            errors.record("channel handler failed: channel=" + number + ", error=" + ex);
            return false;
        }
    }

    /** Post the events the host asked for on a delivered message (EOB on chained, EOT on the last). */
    private void complete(final int count)
    {
        int index = ring.rd;
        for (int i = 0; i < count; i++)
        {
            final int flags = elementFlags[i];
            final int code;
            if ((flags & TransferTreFlyweight.FLAG_CHAIN) != 0)
            {
                code = (flags & TransferTreFlyweight.FLAG_IEOB) != 0 ? CompletionCode.EOB : 0;
            }
            else
            {
                code = (flags & TransferTreFlyweight.FLAG_IEOT) != 0 ? CompletionCode.EOT : 0;
                unsignalledIndex = code == 0 ? index : -1;
            }
            if (code != 0)
            {
                events.postTransfer(ring.pointer(index), code, segments.length(i), number,
                    (flags & TransferTreFlyweight.FLAG_BEI) == 0);
            }
            index = ring.next(index);
        }
    }

    /**
     * Complete a message that was not delivered with one error event on its last element, after an EOT for
     * elements consumed earlier without an event.
     */
    private boolean drop(final int last, final int code)
    {
        if (!events.hasSpace(unsignalledIndex < 0 ? 1 : 2))
        {
            return false;
        }
        if (unsignalledIndex >= 0)
        {
            final int length = buffer.getInt(ring.elementOffset(unsignalledIndex) +
                RingElementFlyweight.DWORD0_OFFSET) & TransferTreFlyweight.LENGTH_MASK;
            events.postTransfer(ring.pointer(unsignalledIndex), CompletionCode.EOT, length, number, true);
            unsignalledIndex = -1;
        }
        events.postTransfer(ring.pointer(last), code, 0, number, true);
        return true;
    }
}

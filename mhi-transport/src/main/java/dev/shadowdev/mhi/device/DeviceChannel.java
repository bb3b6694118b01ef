package dev.shadowdev.mhi.device;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.ChannelContextFlyweight;
import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.ChannelType;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;

import java.nio.ByteBuffer;

/**
 * The device end of one channel: its state (DISABLED, RUNNING, STOP, written back to the channel context as the
 * Linux endpoint does), its cached transfer ring, its doorbell, and its data path: an {@link OutboundAdapter} for
 * a to-device (even) channel, an {@link InboundProxy} for a from-device (odd) one. A doorbell pointer outside the
 * ring, off an element boundary or behind the outstanding elements is answered with a BAD_TRE event carrying the
 * pointer and is otherwise ignored. Owned by the device thread.
 */
final class DeviceChannel
{
    private final int number;
    private final boolean outbound;
    private final ByteBuffer buffer;
    private final MhiRegisters registers;
    private final ErrorLog errors;
    private final int doorbellOffset;
    private final DeviceRing ring;
    private final ChannelContextFlyweight context = new ChannelContextFlyweight();
    private final OutboundAdapter reader;
    private final InboundProxy writer;
    private int state = ChannelState.DISABLED;
    private boolean contextKnown;
    private EventProxy events;
    private DeviceChannelHandler handler;
    private boolean blocked;
    private boolean badDoorbellPending;
    private long badDoorbell;

    DeviceChannel(final int number, final int elements, final SharedRegion region, final MhiRegisters registers,
        final ErrorLog errors)
    {
        this.number = number;
        this.outbound = ChannelType.isOutbound(number);
        this.buffer = region.buffer();
        this.registers = registers;
        this.errors = errors;
        this.doorbellOffset = MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, number);
        this.ring = new DeviceRing(region);
        this.reader = outbound ? new OutboundAdapter(number, region, errors, elements) : null;
        this.writer = outbound ? null : new InboundProxy(number, region, errors);
    }

    int state()
    {
        return state;
    }

    boolean isOutbound()
    {
        return outbound;
    }

    void handler(final DeviceChannelHandler handler)
    {
        this.handler = handler;
        if (reader != null)
        {
            reader.handler(handler);
        }
    }

    /** @return true (and clears the flag) when the last pass stopped for lack of event ring space. */
    boolean takeBlocked()
    {
        final boolean wasBlocked = blocked || (reader != null && reader.takeBlocked());
        blocked = false;
        return wasBlocked;
    }

    /** START_CHAN: take the ring from the context (or resume a stopped channel). @return completion code. */
    int start(final int contextOffset, final EventProxy[] eventRings)
    {
        if (state == ChannelState.RUNNING)
        {
            errors.record("channel already running: channel=" + number);
            return CompletionCode.UNDEFINED_ERR;
        }
        context.wrap(buffer, contextOffset);
        contextKnown = true;
        if (state == ChannelState.STOP)
        {
            final int target = ring.indexOf(context.wpAcquire());
            if (target >= 0)
            {
                ring.wr = target;
            }
            return run();
        }
        if (context.chstate() != ChannelState.ENABLED)
        {
            return badContext("chstate=" + ChannelState.name(context.chstate()));
        }
        if (context.chtype() != ChannelType.forChannel(number))
        {
            return badContext("chtype=" + context.chtype());
        }
        final int erindex = context.erindex();
        if (erindex < 0 || erindex >= eventRings.length || !eventRings[erindex].isValid())
        {
            return badContext("erindex=" + erindex);
        }
        final String bad = ring.init(context.rbase(), context.rlen(), context.rp());
        if (bad != null)
        {
            return badContext(bad);
        }
        final long wp = context.wpAcquire();
        final int target = ring.indexOf(wp);
        if (target < 0)
        {
            ring.invalidate();
            return badContext("wp=0x" + Long.toHexString(wp));
        }
        ring.wr = target;
        events = eventRings[erindex];
        badDoorbellPending = false;
        if (reader != null)
        {
            reader.bind(ring, events);
        }
        return run();
    }

    /** STOP_CHAN. @return completion code. */
    int stop()
    {
        if (state != ChannelState.RUNNING)
        {
            errors.record("channel not running: channel=" + number + ", state=" + ChannelState.name(state));
            return CompletionCode.UNDEFINED_ERR;
        }
        state = ChannelState.STOP;
        context.chstate(ChannelState.STOP);
        return CompletionCode.SUCCESS;
    }

    /** RESET_CHAN: forget the ring; the host takes its buffers back. @return completion code. */
    int reset()
    {
        if (contextKnown)
        {
            context.chstate(ChannelState.DISABLED);
        }
        disable();
        return CompletionCode.SUCCESS;
    }

    /** MHI reset: forget everything without touching host memory. */
    void disable()
    {
        state = ChannelState.DISABLED;
        contextKnown = false;
        ring.invalidate();
        events = null;
        blocked = false;
        badDoorbellPending = false;
        if (reader != null)
        {
            reader.takeBlocked();
        }
    }

    /**
     * The host rang this channel's doorbell: take the new write pointer, then process.
     *
     * @return work done.
     */
    int onDoorbell()
    {
        final long doorbell = registers.read64(doorbellOffset);
        final int target = ring.indexOf(doorbell);
        if (target < 0 || ring.distance(ring.rd, target) < ring.distance(ring.rd, ring.wr))
        {
            badDoorbell = doorbell;
            badDoorbellPending = true;
        }
        else
        {
            ring.wr = target;
        }
        return retry();
    }

    /**
     * Process what is already known (after START, or after waiting for event ring space) without reading the
     * doorbell again.
     *
     * @return work done.
     */
    int retry()
    {
        int work = 0;
        if (badDoorbellPending)
        {
            if (!events.postTransfer(badDoorbell, CompletionCode.BAD_TRE, 0, number, true))
            {
                blocked = true;
                return 0;
            }
            badDoorbellPending = false;
            errors.record("bad doorbell: channel=" + number + ", wp=0x" + Long.toHexString(badDoorbell));
            work++;
        }
        if (reader != null)
        {
            final int delivered = reader.deliver();
            if (delivered > 0)
            {
                context.rpRelease(ring.pointer(ring.rd));
            }
            return work + delivered;
        }
        if (ring.rd != ring.wr && handler != null)
        {
            try
            {
                handler.onCanSend(number);
            }
            catch (final RuntimeException ex)
            {
                errors.record("channel handler failed: channel=" + number + ", error=" + ex);
            }
            work++;
        }
        return work;
    }

    /**
     * Send one message on this from-device channel (see {@link InboundProxy}).
     *
     * @return {@code length}, -EAGAIN, or -ENODEV when the channel is not running.
     */
    int send(final ByteBuffer bufferSource, final byte[] arraySource, final int sourceOffset, final int length)
    {
        if (state != ChannelState.RUNNING)
        {
            return Errno.ENODEV.status();
        }
        final int before = ring.rd;
        final int result = writer.send(ring, events, bufferSource, arraySource, sourceOffset, length);
        if (ring.rd != before)
        {
            context.rpRelease(ring.pointer(ring.rd));
        }
        return result;
    }

    private int run()
    {
        state = ChannelState.RUNNING;
        context.chstate(ChannelState.RUNNING);
        return CompletionCode.SUCCESS;
    }

    private int badContext(final String field)
    {
        errors.record("bad channel context: channel=" + number + ", " + field);
        return CompletionCode.UNDEFINED_ERR;
    }
}

package dev.shadowdev.mhi.host;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.ChannelConfig;
import dev.shadowdev.mhi.ChannelContextFlyweight;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.EventContextFlyweight;
import dev.shadowdev.mhi.EventRingConfig;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.RingElementFlyweight;
import dev.shadowdev.mhi.SharedRegion;

/**
 * Where the host puts the transport in host memory (Linux {@code host/init.c} {@code mhi_init_dev_ctxt},
 * {@code mhi_init_mmio}): the channel context array, the event ring context array, the command context, the
 * command ring, every channel ring and every event ring, each a separate DMA allocation made once and kept across
 * resets. {@link #program()} writes fresh contexts and the CCABAP/ECABAP/CRCBAP registers before every M0.
 */
final class HostLayout
{
    private static final int ALIGN = 64;

    private final SharedRegion region;
    private final DmaAllocator allocator;
    private final MhiRegisters registers;
    private final MhiConfig config;
    private final MhiHost host;
    private final TransferChecks checks;
    private volatile HostTransferRing[] channels;
    private volatile HostEventAdapter[] eventRings;
    private CommandProxy commands;
    private long[] allocations = new long[0];
    private long channelArray;
    private long eventArray;
    private long commandContext;

    HostLayout(final SharedRegion region, final DmaAllocator allocator, final MhiRegisters registers,
        final MhiConfig config, final MhiHost host, final TransferChecks checks)
    {
        this.region = region;
        this.allocator = allocator;
        this.registers = registers;
        this.config = config;
        this.host = host;
        this.checks = checks;
    }

    /** @return the channel's ring, or null when the channel is not configured or nothing is allocated. */
    HostTransferRing ring(final int channel)
    {
        final HostTransferRing[] rings = channels;
        return rings != null && channel >= 0 && channel < rings.length ? rings[channel] : null;
    }

    HostTransferRing[] channels()
    {
        return channels;
    }

    HostEventAdapter[] eventRings()
    {
        return eventRings;
    }

    CommandProxy commands()
    {
        return commands;
    }

    /**
     * Allocate everything the first time.
     *
     * @return OK, -EIO when the device publishes other doorbell offsets, -ENOSPC when host memory is short (nothing
     *     stays allocated).
     */
    HostResult allocate(final ErrorLog errors)
    {
        if (channels != null)
        {
            return HostResult.OK;
        }
        final int chdb = registers.read32(MhiRegisterLayout.CHDBOFF);
        final int erdb = registers.read32(MhiRegisterLayout.ERDBOFF);
        if (chdb != MhiRegisterLayout.CHDB_BASE || erdb != MhiRegisterLayout.ERDB_BASE)
        {
            return HostResult.report(errors, Errno.EIO, "bad doorbell offsets: chdboff=0x" + Integer.toHexString(chdb) +
                ", erdboff=0x" + Integer.toHexString(erdb));
        }
        final int rings = config.eventRings().size();
        final long[] taken = new long[4 + config.channels().size() + rings];
        int n = 0;
        taken[n++] = allocator.alloc(config.channelSlots() * ChannelContextFlyweight.LENGTH, ALIGN);
        taken[n++] = allocator.alloc(rings * EventContextFlyweight.LENGTH, ALIGN);
        taken[n++] = allocator.alloc(ChannelContextFlyweight.LENGTH, ALIGN);
        taken[n++] = allocator.alloc(CommandProxy.ringLength(), ALIGN);
        for (final ChannelConfig c : config.channels())
        {
            taken[n++] = allocator.alloc(c.elements() * RingElementFlyweight.LENGTH, ALIGN);
        }
        for (final EventRingConfig e : config.eventRings())
        {
            taken[n++] = allocator.alloc(e.elements() * RingElementFlyweight.LENGTH, ALIGN);
        }
        for (final long address : taken)
        {
            if (address < 0)
            {
                release(taken);
                return HostResult.report(errors, Errno.ENOSPC,
                    "no host memory for rings: free=" + allocator.freeBytes());
            }
        }
        channelArray = taken[0];
        eventArray = taken[1];
        commandContext = taken[2];
        commands = new CommandProxy(region, registers, taken[3], region.offset(commandContext, 1));
        final HostTransferRing[] newChannels = new HostTransferRing[config.channelSlots()];
        n = 4;
        for (final ChannelConfig c : config.channels())
        {
            newChannels[c.number()] = new HostTransferRing(c, region, registers, checks, taken[n++],
                region.offset(channelArray, 1) + c.number() * ChannelContextFlyweight.LENGTH);
        }
        final HostEventAdapter[] newEvents = new HostEventAdapter[rings];
        for (int i = 0; i < rings; i++)
        {
            final EventRingConfig e = config.eventRings().get(i);
            newEvents[i] = new HostEventAdapter(host, region, registers, taken[n++], e.elements(),
                region.offset(eventArray, 1) + i * EventContextFlyweight.LENGTH, e.msiVector());
        }
        allocations = taken;
        eventRings = newEvents;
        channels = newChannels;
        return HostResult.OK;
    }

    /** Fresh contexts (channels DISABLED, command ring empty, event rings handed over) and their registers. */
    void program()
    {
        registers.write64(MhiRegisterLayout.CCABAP, channelArray);
        registers.write64(MhiRegisterLayout.ECABAP, eventArray);
        registers.write64(MhiRegisterLayout.CRCBAP, commandContext);
        for (final HostTransferRing ring : channels)
        {
            if (ring != null)
            {
                ring.initContext(MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, ring.number()));
            }
        }
        commands.initContext();
        for (int i = 0; i < eventRings.length; i++)
        {
            eventRings[i].initContext(MhiRegisterLayout.eventDoorbell(MhiRegisterLayout.ERDB_BASE, i));
        }
    }

    /** After a reset: hand back every uncompleted buffer and stop reading the event rings. */
    void abortAll()
    {
        final HostTransferRing[] rings = channels;
        if (rings == null)
        {
            return;
        }
        for (final HostTransferRing ring : rings)
        {
            if (ring != null)
            {
                ring.abortAll();
            }
        }
        for (final HostEventAdapter events : eventRings)
        {
            events.stop();
        }
    }

    /** Give all the memory back. */
    void free()
    {
        release(allocations);
        allocations = new long[0];
        channels = null;
        eventRings = null;
        commands = null;
    }

    private void release(final long[] addresses)
    {
        for (final long address : addresses)
        {
            if (address > 0)
            {
                allocator.free(address);
            }
        }
    }
}

package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.ChannelConfig;
import dev.shadowdev.mhi.ChannelContextFlyweight;
import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.ChannelType;
import dev.shadowdev.mhi.CommandContextFlyweight;
import dev.shadowdev.mhi.CommandTreFlyweight;
import dev.shadowdev.mhi.EventContextFlyweight;
import dev.shadowdev.mhi.EventRingConfig;
import dev.shadowdev.mhi.Hex;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;
import dev.shadowdev.testkit.Problems;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A host written by hand for device tests: fixed addresses, raw context and ring writes, raw doorbells, and the
 * event ring read back byte by byte.
 * <pre>
 *   0x1_0000_1000  channel context array       0x1_0000_4000  command ring (16 elements)
 *   0x1_0000_2000  event context array         0x1_0000_5000  event ring (EVENT_ELEMENTS)
 *   0x1_0000_3000  command context             0x1_0001_0000 + 0x1000 * ch  channel rings
 *   0x1_0008_0000  data buffers
 * </pre>
 */
final class RawHost
{
    static final long BASE = SharedRegion.DEFAULT_BASE;
    static final long CCA = BASE + 0x1000;
    static final long ECA = BASE + 0x2000;
    static final long CRC = BASE + 0x3000;
    static final long COMMAND_RING = BASE + 0x4000;
    static final long EVENT_RING = BASE + 0x5000;
    static final long DATA = BASE + 0x8_0000;
    static final int EVENT_ELEMENTS = 8;
    static final int COMMAND_ELEMENTS = 16;

    final SharedRegion region = new SharedRegion(1 << 20);
    final MhiRegisters registers = new MhiRegisters();
    final MhiConfig config;
    final MhiDevice device;
    /** What the device told its problem listener. */
    final Problems problems = new Problems();
    final List<Integer> interrupts = new ArrayList<>();
    final List<Integer> states = new ArrayList<>();
    private final int[] channelWp = new int[8];
    private int commandWp;
    private int eventRp;

    /** Channels 0..3 with 4 elements each, 4/5 with 8, one event ring of {@link #EVENT_ELEMENTS}. */
    RawHost()
    {
        this(new MhiConfig(List.of(
            new ChannelConfig(0, "LOOP", 4, 0), new ChannelConfig(1, "LOOP", 4, 0),
            new ChannelConfig(2, "SMALL", 4, 0), new ChannelConfig(3, "SMALL", 4, 0),
            new ChannelConfig(4, "BIG", 8, 0), new ChannelConfig(5, "BIG", 8, 0)),
            List.of(new EventRingConfig(EVENT_ELEMENTS, 0))));
    }

    RawHost(final MhiConfig config)
    {
        this.config = config;
        this.device = new MhiDevice(region, registers, config);
        device.setProblemListener(problems::add);
        registers.setInterruptHandler(interrupts::add);
        device.setStateListener(states::add);
    }

    static long channelRing(final int channel)
    {
        return BASE + 0x1_0000 + 0x1000L * channel;
    }

    static long eventElement(final int index)
    {
        return EVENT_RING + 16L * index;
    }

    int offset(final long address)
    {
        return region.offset(address, 1);
    }

    /** Program the contexts, hand over the event ring, request M0 and run the device once. */
    void powerUpToM0()
    {
        assertEquals(MhiState.READY, device.powerOn());
        writeContexts();
        assertEquals(0, registers.write32(MhiRegisterLayout.MHICTRL, MhiRegisterLayout.stateField(MhiState.M0)));
        device.doWork();
        assertEquals(MhiState.M0, device.state());
        eventRp = 2;
        releaseEvents();
    }

    void writeContexts()
    {
        for (final ChannelConfig c : config.channels())
        {
            new ChannelContextFlyweight().wrap(region.buffer(), offset(CCA) + 44 * c.number())
                .chcfg(ChannelState.DISABLED)
                .chtype(ChannelType.forChannel(c.number()))
                .erindex(c.eventRing())
                .rbase(channelRing(c.number()))
                .rlen(16L * c.elements())
                .rp(channelRing(c.number()))
                .wp(channelRing(c.number()));
        }
        new EventContextFlyweight().wrap(region.buffer(), offset(ECA))
            .intmod(0).ertype(EventContextFlyweight.ERTYPE_VALID).msivec(0)
            .rbase(EVENT_RING).rlen(16L * EVENT_ELEMENTS).rp(EVENT_RING).wp(EVENT_RING);
        new CommandContextFlyweight().wrap(region.buffer(), offset(CRC)).clearReserved()
            .rbase(COMMAND_RING).rlen(16L * COMMAND_ELEMENTS).rp(COMMAND_RING).wp(COMMAND_RING);
        registers.write64(MhiRegisterLayout.CCABAP, CCA);
        registers.write64(MhiRegisterLayout.ECABAP, ECA);
        registers.write64(MhiRegisterLayout.CRCBAP, CRC);
        eventRp = 0;
        commandWp = 0;
        releaseEvents();
    }

    ChannelContextFlyweight channelContext(final int channel)
    {
        return new ChannelContextFlyweight().wrap(region.buffer(), offset(CCA) + 44 * channel);
    }

    /** Set the context ENABLED with an empty ring, send a command and run the device. */
    void enable(final int channel)
    {
        channelContext(channel).chstate(ChannelState.ENABLED).rp(channelRing(channel)).wp(channelRing(channel));
        channelWp[channel] = 0;
    }

    /** @return address of the command element written. */
    long command(final int type, final int channel)
    {
        final long at = COMMAND_RING + 16L * commandWp;
        new CommandTreFlyweight().wrap(region.buffer(), offset(at)).encode(type, channel);
        commandWp = (commandWp + 1) % COMMAND_ELEMENTS;
        registers.write64(MhiRegisterLayout.CRDB, COMMAND_RING + 16L * commandWp);
        return at;
    }

    /** Write a TRE at the channel's write index (no doorbell). @return its address. */
    long tre(final int channel, final long buffer, final int length, final int flags)
    {
        final int elements = config.channel(channel).elements();
        final long at = channelRing(channel) + 16L * channelWp[channel];
        new TransferTreFlyweight().wrap(region.buffer(), offset(at)).encode(buffer, length, flags);
        channelWp[channel] = (channelWp[channel] + 1) % elements;
        return at;
    }

    /** Write raw element bytes at the channel's write index. @return its address. */
    long rawElement(final int channel, final String hex)
    {
        final int elements = config.channel(channel).elements();
        final long at = channelRing(channel) + 16L * channelWp[channel];
        region.buffer().put(offset(at), Hex.bytes(hex));
        channelWp[channel] = (channelWp[channel] + 1) % elements;
        return at;
    }

    /** Update the context wp and ring the channel doorbell with it. */
    void ring(final int channel)
    {
        final long wp = channelRing(channel) + 16L * channelWp[channel];
        channelContext(channel).wp(wp);
        registers.write64(MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, channel), wp);
    }

    void ringRaw(final int channel, final long wp)
    {
        registers.write64(MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, channel), wp);
    }

    /** @return the event element at {@code index} as hex. */
    String event(final int index)
    {
        return Hex.of(region.buffer(), offset(eventElement(index)), 16);
    }

    /** @return the device's published event ring read pointer as an index. */
    int deviceEventIndex()
    {
        final long rp = new EventContextFlyweight().wrap(region.buffer(), offset(ECA)).rpAcquire();
        return (int)((rp - EVENT_RING) / 16);
    }

    /** Consume events up to the device's position and give the space back (ERDB). */
    void consumeEvents()
    {
        eventRp = deviceEventIndex();
        releaseEvents();
    }

    private void releaseEvents()
    {
        final int last = (eventRp + EVENT_ELEMENTS - 1) % EVENT_ELEMENTS;
        final long wp = EVENT_RING + 16L * last;
        new EventContextFlyweight().wrap(region.buffer(), offset(ECA)).wp(wp);
        registers.write64(MhiRegisterLayout.eventDoorbell(MhiRegisterLayout.ERDB_BASE, 0), wp);
    }

    static String hex64(final long value)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++)
        {
            if (i > 0)
            {
                sb.append(' ');
            }
            sb.append(String.format("%02x", (value >>> (8 * i)) & 0xFF));
        }
        return sb.toString();
    }
}

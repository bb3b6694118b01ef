package dev.shadowdev.mhi;

import java.util.ArrayList;
import java.util.List;

/**
 * The channel table and event rings both sides are built with ({@code struct mhi_controller_config}); the
 * equivalent of the table compiled into both the Linux host driver and the device firmware. Immutable.
 */
public final class MhiConfig
{
    /** Elements of the command ring. */
    public static final int COMMAND_ELEMENTS = 16;

    private final ChannelConfig[] byNumber;
    private final List<ChannelConfig> channels;
    private final List<EventRingConfig> eventRings;

    /**
     * @param channels   channel table; numbers unique.
     * @param eventRings event rings; every channel's event ring must exist.
     * @throws IllegalArgumentException naming the bad field.
     */
    public MhiConfig(final List<ChannelConfig> channels, final List<EventRingConfig> eventRings)
    {
        if (eventRings.isEmpty() || eventRings.size() > MhiRegisterLayout.MAX_EVENT_RINGS)
        {
            throw new IllegalArgumentException("bad event ring count: count=" + eventRings.size());
        }
        int highest = -1;
        for (final ChannelConfig c : channels)
        {
            highest = Math.max(highest, c.number());
        }
        final ChannelConfig[] table = new ChannelConfig[highest + 1];
        for (final ChannelConfig c : channels)
        {
            if (table[c.number()] != null)
            {
                throw new IllegalArgumentException("duplicate channel: number=" + c.number());
            }
            if (c.eventRing() >= eventRings.size())
            {
                throw new IllegalArgumentException(
                    "channel event ring missing: number=" + c.number() + ", eventRing=" + c.eventRing());
            }
            table[c.number()] = c;
        }
        this.byNumber = table;
        this.channels = List.copyOf(channels);
        this.eventRings = List.copyOf(eventRings);
    }

    /**
     * The AIC100 table of Linux {@code drivers/accel/qaic/mhi_controller.c}: channels 0..23 in pairs, 32 elements
     * each except CONTROL 10/11 with 128, all on one event ring of 32 elements raising vector 0.
     *
     * @return the qaic configuration.
     */
    public static MhiConfig qaic()
    {
        final String[] names = {
            "QAIC_LOOPBACK", "QAIC_SAHARA", "QAIC_DIAG", "QAIC_SSR", "QAIC_QDSS", "QAIC_CONTROL",
            "QAIC_LOGGING", "QAIC_STATUS", "QAIC_TELEMETRY", "QAIC_DEBUG", "QAIC_TIMESYNC",
            "QAIC_TIMESYNC_PERIODIC" };
        final List<ChannelConfig> channels = new ArrayList<>();
        for (int pair = 0; pair < names.length; pair++)
        {
            final int number = pair * 2;
            final int elements = number == QaicChannels.CONTROL ?
                QaicChannels.CONTROL_ELEMENTS : QaicChannels.DEFAULT_ELEMENTS;
            channels.add(new ChannelConfig(number, names[pair], elements, 0));
            channels.add(new ChannelConfig(number + 1, names[pair], elements, 0));
        }
        return new MhiConfig(
            channels, List.of(new EventRingConfig(QaicChannels.EVENT_ELEMENTS, InterruptHandler.MHI_VECTOR)));
    }

    /**
     * @param number a channel number.
     * @return its configuration, or null when the table has no such channel.
     */
    public ChannelConfig channel(final int number)
    {
        return number >= 0 && number < byNumber.length ? byNumber[number] : null;
    }

    /** @return one more than the highest configured channel number (the channel context array length). */
    public int channelSlots()
    {
        return byNumber.length;
    }

    /** @return the configured channels. */
    public List<ChannelConfig> channels()
    {
        return channels;
    }

    /** @return the event rings, by index. */
    public List<EventRingConfig> eventRings()
    {
        return eventRings;
    }
}

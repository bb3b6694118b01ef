package dev.shadowdev.mhi;

/**
 * One channel of the channel table ({@code struct mhi_channel_config}). The direction follows the number: even
 * channels go to the device, odd ones come from it.
 *
 * @param number    channel number, 0..127.
 * @param name      name, e.g. {@code QAIC_CONTROL}.
 * @param elements  ring elements, 2..65536.
 * @param eventRing index of the event ring its events go to.
 */
public record ChannelConfig(int number, String name, int elements, int eventRing)
{
    /** Fewest elements a ring may have. */
    public static final int MIN_ELEMENTS = 2;
    /** Most elements a ring may have. */
    public static final int MAX_ELEMENTS = 1 << 16;

    /**
     * @param number    channel number, 0..127.
     * @param name      name.
     * @param elements  ring elements, 2..65536.
     * @param eventRing index of the event ring its events go to.
     * @throws IllegalArgumentException naming the bad field.
     */
    public ChannelConfig
    {
        if (number < 0 || number >= MhiRegisterLayout.MAX_CHANNELS)
        {
            throw new IllegalArgumentException("bad channel number: number=" + number);
        }
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("bad channel name: number=" + number);
        }
        if (elements < MIN_ELEMENTS || elements > MAX_ELEMENTS)
        {
            throw new IllegalArgumentException("bad channel elements: number=" + number + ", elements=" + elements);
        }
        if (eventRing < 0 || eventRing >= MhiRegisterLayout.MAX_EVENT_RINGS)
        {
            throw new IllegalArgumentException("bad channel event ring: number=" + number + ", eventRing=" + eventRing);
        }
    }

    /** @return {@link ChannelType#OUTBOUND} or {@link ChannelType#INBOUND}. */
    public int type()
    {
        return ChannelType.forChannel(number);
    }
}

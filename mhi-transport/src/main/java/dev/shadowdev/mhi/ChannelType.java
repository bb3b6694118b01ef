package dev.shadowdev.mhi;

/**
 * Channel directions as written in a channel context's {@code chtype} word (Linux {@code enum mhi_ch_type}:
 * OUTBOUND = DMA_TO_DEVICE, INBOUND = DMA_FROM_DEVICE). Channels come in pairs: even numbers go to the device,
 * odd numbers come from it.
 */
public final class ChannelType
{
    /** Not a valid channel type. */
    public static final int INVALID = 0;
    /** Host to device (even channel numbers). */
    public static final int OUTBOUND = 1;
    /** Device to host (odd channel numbers). */
    public static final int INBOUND = 2;

    private ChannelType()
    {
    }

    /**
     * @param channel a channel number.
     * @return {@link #OUTBOUND} for even numbers, {@link #INBOUND} for odd ones.
     */
    public static int forChannel(final int channel)
    {
        return (channel & 1) == 0 ? OUTBOUND : INBOUND;
    }

    /**
     * @param channel a channel number.
     * @return true for a host-to-device (even) channel.
     */
    public static boolean isOutbound(final int channel)
    {
        return (channel & 1) == 0;
    }
}

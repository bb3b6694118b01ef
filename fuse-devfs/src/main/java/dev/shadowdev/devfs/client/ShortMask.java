package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Resource;

/** Renders a short/used mask (bit i = resource i) for messages. */
public final class ShortMask
{
    private ShortMask()
    {
    }

    /** @return {@code "cores,dma_channels"}, or {@code "none"} for 0. */
    public static String describe(final int mask)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Resource r : Resource.values())
        {
            if ((mask & r.bit()) != 0)
            {
                sb.append(sb.length() == 0 ? "" : ",").append(r.key());
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}

package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Resource;

/** The text of a {@code short_mask} in event lines: {@code resources=cores,dma_channels}. */
final class ShortMasks
{
    private ShortMasks()
    {
    }

    static String describe(final int mask)
    {
        final StringBuilder sb = new StringBuilder("resources=");
        boolean first = true;
        for (int r = 0; r < Resource.COUNT; r++)
        {
            if ((mask & (1 << r)) != 0)
            {
                sb.append(first ? "" : ",").append(Resource.of(r).key());
                first = false;
            }
        }
        return first ? sb.append('-').toString() : sb.toString();
    }
}

package dev.shadowdev.wire.node;

import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.wire.WireBuffer;

/**
 * Request body of node {@link NodeTypes#PASSTHROUGH} (ABI.md 1.3): opaque data, a multiple of 8 bytes, for the
 * firmware, which echoes it ({@link PassthroughResponseFlyweight}). The same bytes as the control protocol's
 * PASSTHROUGH_TO_DEV, so the layout is {@link PassthroughFlyweight}'s.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   type 0x0001                                 |  0
 *  +---------------------------------------------------------------+
 *  |                   len = 8 + data length, multiple of 8        |  4
 *  +---------------------------------------------------------------+
 *  |                   data ...                                    |  8
 * </pre>
 */
public final class PassthroughRequestFlyweight extends PassthroughFlyweight
{
    @Override
    public PassthroughRequestFlyweight wrap(final WireBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }
}

package dev.shadowdev.mhi;

import java.nio.ByteBuffer;

/**
 * A command ring element ({@code MHI_TRE_CMD_*} in Linux {@code common.h}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         ptr = 0 (u64)                         |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          dword0 = 0                           |  8
 *  +---------------+---------------+-------------------------------+
 *  |   chid 31:24  |   type 23:16  |          reserved 0           | 12  dword1
 *  +---------------+---------------+-------------------------------+
 * </pre>
 * type is one of {@link PacketType#START_CHAN}, {@link PacketType#STOP_CHAN}, {@link PacketType#RESET_CHAN}.
 */
public final class CommandTreFlyweight extends RingElementFlyweight
{
    @Override
    public CommandTreFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * Encode a channel command.
     *
     * @param type    the command type.
     * @param channel the channel it acts on.
     * @return this.
     */
    public CommandTreFlyweight encode(final int type, final int channel)
    {
        set(0L, 0, typeAndChid(channel, type));
        return this;
    }
}

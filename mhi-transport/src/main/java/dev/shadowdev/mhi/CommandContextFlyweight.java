package dev.shadowdev.mhi;

import java.nio.ByteBuffer;

/**
 * The command ring context ({@code struct mhi_cmd_ctxt}) at CRCBAP.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |          reserved0 (u32) = 0                                  |  0
 *  +---------------------------------------------------------------+
 *  |          reserved1 (u32) = 0                                  |  4
 *  +---------------------------------------------------------------+
 *  |          reserved2 (u32) = 0                                  |  8
 *  +---------------------------------------------------------------+
 *  |          rbase, rlen, rp, wp (u64 each, see RingContext)      | 12..44
 * </pre>
 */
public final class CommandContextFlyweight extends RingContextFlyweight
{
    @Override
    public CommandContextFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * Zero the three reserved words.
     *
     * @return this.
     */
    public CommandContextFlyweight clearReserved()
    {
        word(WORD0_OFFSET, 0);
        word(WORD1_OFFSET, 0);
        word(WORD2_OFFSET, 0);
        return this;
    }
}

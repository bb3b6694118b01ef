package dev.shadowdev.mhi;

import java.nio.ByteBuffer;

/**
 * A channel context ({@code struct mhi_chan_ctxt}), one per channel number in the array at CCABAP.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-----------+---+---------------+
 *  |         reserved 31:16        |pollcfg    |brs| chstate 7:0   |  0  chcfg
 *  +-------------------------------+-----------+---+---------------+
 *  |        chtype (u32): 1 OUTBOUND (to device), 2 INBOUND        |  4
 *  +---------------------------------------------------------------+
 *  |        erindex (u32): event ring for this channel             |  8
 *  +---------------------------------------------------------------+
 *  |        rbase, rlen, rp, wp (u64 each, see RingContext)        | 12..44
 * </pre>
 * The layout of the ring fields is {@link RingContextFlyweight}'s.
 */
public final class ChannelContextFlyweight extends RingContextFlyweight
{
    /** Offset of chcfg. */
    public static final int CHCFG_OFFSET = WORD0_OFFSET;
    /** Offset of chtype. */
    public static final int CHTYPE_OFFSET = WORD1_OFFSET;
    /** Offset of erindex. */
    public static final int ERINDEX_OFFSET = WORD2_OFFSET;
    /** chcfg: mask of the channel state (bits 7:0). */
    public static final int CHSTATE_MASK = 0xFF;

    @Override
    public ChannelContextFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** @return the whole chcfg word. */
    public int chcfg()
    {
        return word(CHCFG_OFFSET);
    }

    /**
     * @param value the whole chcfg word.
     * @return this.
     */
    public ChannelContextFlyweight chcfg(final int value)
    {
        word(CHCFG_OFFSET, value);
        return this;
    }

    /** @return the channel state, chcfg bits 7:0 (see {@link ChannelState}). */
    public int chstate()
    {
        return chcfg() & CHSTATE_MASK;
    }

    /**
     * Replace the channel state, keeping the other chcfg bits.
     *
     * @param state the channel state.
     * @return this.
     */
    public ChannelContextFlyweight chstate(final int state)
    {
        word(CHCFG_OFFSET, (chcfg() & ~CHSTATE_MASK) | (state & CHSTATE_MASK));
        return this;
    }

    /** @return the channel type (see {@link ChannelType}). */
    public int chtype()
    {
        return word(CHTYPE_OFFSET);
    }

    /**
     * @param value the channel type.
     * @return this.
     */
    public ChannelContextFlyweight chtype(final int value)
    {
        word(CHTYPE_OFFSET, value);
        return this;
    }

    /** @return the event ring index. */
    public int erindex()
    {
        return word(ERINDEX_OFFSET);
    }

    /**
     * @param value the event ring index.
     * @return this.
     */
    public ChannelContextFlyweight erindex(final int value)
    {
        word(ERINDEX_OFFSET, value);
        return this;
    }
}

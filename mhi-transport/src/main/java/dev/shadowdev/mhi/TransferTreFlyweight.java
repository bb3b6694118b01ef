package dev.shadowdev.mhi;

import java.nio.ByteBuffer;

/**
 * A transfer ring element (TRE) on a channel ring: one buffer in host memory.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |               ptr: bus address of the buffer (u64)            |  0
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |         reserved 31:16        |         len 15:0              |  8  dword0
 *  +---------------+---------------+-----+-+-+-+-------------+-+---+
 *  |  reserved     | type 23:16 = 2| res |B|I|I|  reserved   |C|     12  dword1
 *  |               |               |     |E|E|E|             |H|
 *  |               |               |     |I|O|O|             |A|
 *  |               |               |     | |T|B|             |I|
 *  +---------------+---------------+-----+-+-+-+-------------+-+---+
 *                                         10 9 8               0
 * </pre>
 * BEI (bit 10) blocks the interrupt for this element's event, IEOT (bit 9) asks for an EOT event when the element
 * ends a message, IEOB (bit 8) asks for an EOB event when a chained element completes, CHAIN (bit 0) says the
 * message continues in the next element. ({@code MHI_TRE_DATA_DWORD0/1} in Linux {@code common.h}.)
 */
public final class TransferTreFlyweight extends RingElementFlyweight
{
    /** dword1 flag: the message continues in the next element. */
    public static final int FLAG_CHAIN = 1;
    /** dword1 flag: interrupt on end of block (EOB event for a chained element). */
    public static final int FLAG_IEOB = 1 << 8;
    /** dword1 flag: interrupt on end of transfer (EOT event for the last element of a message). */
    public static final int FLAG_IEOT = 1 << 9;
    /** dword1 flag: block the event interrupt for this element. */
    public static final int FLAG_BEI = 1 << 10;
    /** All flags a host may set. */
    public static final int FLAGS_MASK = FLAG_CHAIN | FLAG_IEOB | FLAG_IEOT | FLAG_BEI;
    /** dword0: mask of the length field. */
    public static final int LENGTH_MASK = 0xFFFF;
    /** Largest buffer one element can describe. */
    public static final int MAX_LENGTH = LENGTH_MASK;

    @Override
    public TransferTreFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /**
     * Encode a whole TRE. The caller has checked {@code 0 < length <= MAX_LENGTH} and the flags.
     *
     * @param address bus address of the buffer.
     * @param length  buffer length in bytes.
     * @param flags   any of the FLAG_ constants.
     * @return this.
     */
    public TransferTreFlyweight encode(final long address, final int length, final int flags)
    {
        set(address, length & LENGTH_MASK, flagsDword1(flags));
        return this;
    }

    /** @return the buffer length, dword0 bits 15:0. */
    public int length()
    {
        return dword0() & LENGTH_MASK;
    }

    /** @return the flag bits of dword1 (CHAIN, IEOB, IEOT, BEI). */
    public int flags()
    {
        return dword1() & FLAGS_MASK;
    }

    /** @return true when the message continues in the next element. */
    public boolean chain()
    {
        return (dword1() & FLAG_CHAIN) != 0;
    }

    /** @return true when the host asked for an EOB event. */
    public boolean ieob()
    {
        return (dword1() & FLAG_IEOB) != 0;
    }

    /** @return true when the host asked for an EOT event. */
    public boolean ieot()
    {
        return (dword1() & FLAG_IEOT) != 0;
    }

    /** @return true when the event interrupt is blocked. */
    public boolean bei()
    {
        return (dword1() & FLAG_BEI) != 0;
    }

    /**
     * @param flags any of the FLAG_ constants.
     * @return dword1 of a transfer element: {@code type 2 << 16 | flags}.
     */
    public static int flagsDword1(final int flags)
    {
        return (PacketType.TRANSFER << TYPE_SHIFT) | (flags & FLAGS_MASK);
    }
}

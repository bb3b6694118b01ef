package dev.shadowdev.mhi;

import java.nio.ByteBuffer;

/**
 * An event ring element ({@code MHI_TRE_EV_*}, {@code MHI_SC_EV_*}, {@code MHI_EE_EV_*}, {@code MHI_CC_EV_*} in Linux
 * {@code common.h}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   ptr (u64): completed TRE / command element, 0 for state/EE  |  0
 *  |                                                               |
 *  +---------------+---------------+-------------------------------+
 *  | code / state  |   reserved    |          len 15:0             |  8  dword0
 *  |  / ee 31:24   |               |                               |
 *  +---------------+---------------+-------------------------------+
 *  |   chid 31:24  |   type 23:16  |          reserved 0           | 12  dword1
 *  +---------------+---------------+-------------------------------+
 * </pre>
 * TX events carry the completion code, the transferred length and the channel; command completions carry the code
 * and point at the command element; STATE_CHANGE and EE events carry the new state or environment in bits 31:24.
 */
public final class EventFlyweight extends RingElementFlyweight
{
    /** dword0: shift of the code / state / execution environment byte. */
    public static final int CODE_SHIFT = 24;
    /** dword0: mask of the length field. */
    public static final int LENGTH_MASK = 0xFFFF;

    @Override
    public EventFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** @return the completion code, dword0 bits 31:24 (TX and command completion events). */
    public int code()
    {
        return dword0() >>> CODE_SHIFT;
    }

    /** @return the new MHI state, dword0 bits 31:24 (STATE_CHANGE events). */
    public int state()
    {
        return dword0() >>> CODE_SHIFT;
    }

    /** @return the new execution environment, dword0 bits 31:24 (EE events). */
    public int execEnv()
    {
        return dword0() >>> CODE_SHIFT;
    }

    /** @return the transferred length, dword0 bits 15:0 (TX events). */
    public int length()
    {
        return dword0() & LENGTH_MASK;
    }

    /**
     * Encode a TX event.
     *
     * @param trePointer bus address of the completed transfer element.
     * @param code       completion code.
     * @param length     bytes transferred.
     * @param channel    the channel.
     * @return this.
     */
    public EventFlyweight encodeTransfer(final long trePointer, final int code, final int length, final int channel)
    {
        set(trePointer, dword0(code, length), typeAndChid(channel, PacketType.TX_EVENT));
        return this;
    }

    /**
     * Encode a command completion event.
     *
     * @param commandPointer bus address of the completed command element.
     * @param code           completion code.
     * @return this.
     */
    public EventFlyweight encodeCommandCompletion(final long commandPointer, final int code)
    {
        set(commandPointer, dword0(code, 0), typeAndChid(0, PacketType.CMD_COMPLETION_EVENT));
        return this;
    }

    /**
     * Encode a state change event.
     *
     * @param state the new MHI state.
     * @return this.
     */
    public EventFlyweight encodeStateChange(final int state)
    {
        set(0L, dword0(state, 0), typeAndChid(0, PacketType.STATE_CHANGE_EVENT));
        return this;
    }

    /**
     * Encode an execution environment event.
     *
     * @param execEnv the new execution environment.
     * @return this.
     */
    public EventFlyweight encodeExecEnv(final int execEnv)
    {
        set(0L, dword0(execEnv, 0), typeAndChid(0, PacketType.EE_EVENT));
        return this;
    }

    /**
     * @param code   code, state or execution environment.
     * @param length transferred length.
     * @return {@code code[31:24] | len[15:0]}.
     */
    public static int dword0(final int code, final int length)
    {
        return ((code & BYTE_MASK) << CODE_SHIFT) | (length & LENGTH_MASK);
    }
}

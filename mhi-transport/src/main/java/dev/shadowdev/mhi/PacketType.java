package dev.shadowdev.mhi;

/**
 * Ring element types (bits 23:16 of dword1), from Linux {@code drivers/bus/mhi/common.h} {@code enum mhi_pkt_type}.
 * Grouped by ring: transfer rings carry {@link #TRANSFER}, the command ring carries the commands, event rings carry
 * the events.
 */
public final class PacketType
{
    /** Transfer ring element (TRE) on a channel ring. */
    public static final int TRANSFER = 0x02;

    /** Command: reset a channel (drop its queued elements, state DISABLED). */
    public static final int RESET_CHAN = 0x10;
    /** Command: stop a running channel (queued elements stay). */
    public static final int STOP_CHAN = 0x11;
    /** Command: start a channel from its context. */
    public static final int START_CHAN = 0x12;

    /** Event: the device changed MHI state; dword0 bits 31:24 hold the new state. */
    public static final int STATE_CHANGE_EVENT = 0x20;
    /** Event: a command finished; ptr = the command element, dword0 bits 31:24 = completion code. */
    public static final int CMD_COMPLETION_EVENT = 0x21;
    /** Event: a transfer finished; ptr = the transfer element, code and length in dword0, channel in dword1. */
    public static final int TX_EVENT = 0x22;
    /** Event: the device changed execution environment; dword0 bits 31:24 hold the new environment. */
    public static final int EE_EVENT = 0x40;

    private PacketType()
    {
    }

    /**
     * @param type a ring element type.
     * @return true for the three channel commands.
     */
    public static boolean isCommand(final int type)
    {
        return type == RESET_CHAN || type == STOP_CHAN || type == START_CHAN;
    }

    /**
     * @param type a ring element type.
     * @return its name, or {@code "UNKNOWN(0x..)"}.
     */
    public static String name(final int type)
    {
        switch (type)
        {
            case TRANSFER:
                return "TRANSFER";
            case RESET_CHAN:
                return "RESET_CHAN";
            case STOP_CHAN:
                return "STOP_CHAN";
            case START_CHAN:
                return "START_CHAN";
            case STATE_CHANGE_EVENT:
                return "STATE_CHANGE_EVENT";
            case CMD_COMPLETION_EVENT:
                return "CMD_COMPLETION_EVENT";
            case TX_EVENT:
                return "TX_EVENT";
            case EE_EVENT:
                return "EE_EVENT";
            default:
                return "UNKNOWN(0x" + Integer.toHexString(type) + ")";
        }
    }
}

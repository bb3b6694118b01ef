package dev.shadowdev.mhi;

/**
 * Event completion codes (bits 31:24 of an event's dword0), from Linux {@code drivers/bus/mhi/common.h}
 * {@code enum mhi_ev_ccs}.
 */
public final class CompletionCode
{
    /** Not a valid code (zeroed memory). */
    public static final int INVALID = 0x00;
    /** Command completed. */
    public static final int SUCCESS = 0x01;
    /** End of transfer: the element ended a message (IEOT requested, or the last buffer of an inbound message). */
    public static final int EOT = 0x02;
    /** The inbound message did not fit in this buffer; it continues in the next one. Length = bytes written. */
    public static final int OVERFLOW = 0x03;
    /** End of block: a chained element with IEOB completed. */
    public static final int EOB = 0x04;
    /** Out of block. */
    public static final int OOB = 0x05;
    /** Doorbell mode. */
    public static final int DB_MODE = 0x06;
    /** The command or transfer failed for a reason other than a bad element (bad channel, bad state, ...). */
    public static final int UNDEFINED_ERR = 0x10;
    /** The element was malformed: wrong type, zero length, a buffer outside host memory, a doorbell beyond the ring. */
    public static final int BAD_TRE = 0x11;

    private CompletionCode()
    {
    }

    /**
     * @param code a completion code.
     * @return its name, or {@code "UNKNOWN(0x..)"}.
     */
    public static String name(final int code)
    {
        switch (code)
        {
            case INVALID:
                return "INVALID";
            case SUCCESS:
                return "SUCCESS";
            case EOT:
                return "EOT";
            case OVERFLOW:
                return "OVERFLOW";
            case EOB:
                return "EOB";
            case OOB:
                return "OOB";
            case DB_MODE:
                return "DB_MODE";
            case UNDEFINED_ERR:
                return "UNDEFINED_ERR";
            case BAD_TRE:
                return "BAD_TRE";
            default:
                return "UNKNOWN(0x" + Integer.toHexString(code) + ")";
        }
    }
}

package dev.shadowdev.mhi;

/**
 * Execution environments reported in the BHI EXECENV register and in EE events (bits 31:24 of dword0).
 * Values from Linux {@code include/linux/mhi.h} {@code enum mhi_ee_type}.
 */
public final class ExecEnv
{
    /** Primary boot loader. */
    public static final int PBL = 0;
    /** Secondary boot loader. */
    public static final int SBL = 1;
    /** Mission mode (the QSM firmware runs): the only environment in which channels work. */
    public static final int AMSS = 2;

    private ExecEnv()
    {
    }

    /**
     * @param ee an execution environment value.
     * @return its name, or {@code "UNKNOWN(0x..)"}.
     */
    public static String name(final int ee)
    {
        switch (ee)
        {
            case PBL:
                return "PBL";
            case SBL:
                return "SBL";
            case AMSS:
                return "AMSS";
            default:
                return "UNKNOWN(0x" + Integer.toHexString(ee) + ")";
        }
    }
}

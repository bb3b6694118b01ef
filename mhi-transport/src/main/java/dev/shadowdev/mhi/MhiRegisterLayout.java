package dev.shadowdev.mhi;

/**
 * Offsets and fields of the MHI register window (the device's MMIO BAR as the host sees it), from Linux
 * {@code drivers/bus/mhi/common.h}. 64-bit registers are the {@code _LOWER} offsets; their {@code _HIGHER} halves
 * follow at +4. Where the hardware leaves an offset to the device (CHDBOFF, ERDBOFF, BHIOFF), this emulation
 * publishes the values below and the host reads them back from the registers, as Linux does.
 */
public final class MhiRegisterLayout
{
    /** Length of the register window (qaic {@code reg_len = SZ_4K}). */
    public static final int WINDOW_LENGTH = 0x1000;

    /** Register window length, read-only. */
    public static final int MHIREGLEN = 0x00;
    /** Interface version, read-only. */
    public static final int MHIVER = 0x08;
    /** Configuration: number of event rings (23:16) and channels (7:0). */
    public static final int MHICFG = 0x10;
    /** Offset of the channel doorbell array. */
    public static final int CHDBOFF = 0x18;
    /** Offset of the event ring doorbell array. */
    public static final int ERDBOFF = 0x20;
    /** Offset of the BHI block. */
    public static final int BHIOFF = 0x28;
    /** Host control: requested MHI state (15:8) and RESET (bit 1). */
    public static final int MHICTRL = 0x38;
    /** Device status: MHI state (15:8), SYSERR (bit 2), READY (bit 0). */
    public static final int MHISTATUS = 0x48;
    /** 64-bit bus address of the channel context array. */
    public static final int CCABAP = 0x58;
    /** 64-bit bus address of the event ring context array. */
    public static final int ECABAP = 0x60;
    /** 64-bit bus address of the command ring context. */
    public static final int CRCBAP = 0x68;
    /** 64-bit command ring doorbell: the command ring's new write pointer. */
    public static final int CRDB = 0x70;

    /** BHI: execution environment register, relative to BHIOFF. */
    public static final int BHI_EXECENV = 0x28;

    /** MHICFG: shift of the number of event rings. */
    public static final int MHICFG_NER_SHIFT = 16;
    /** MHICFG: mask of the number of channels (and, after shifting, of event rings). */
    public static final int MHICFG_COUNT_MASK = 0xFF;
    /** MHICTRL / MHISTATUS: shift of the MHI state field. */
    public static final int STATE_SHIFT = 8;
    /** MHICTRL / MHISTATUS: mask of the MHI state field after shifting. */
    public static final int STATE_MASK = 0xFF;
    /** MHICTRL: RESET request bit; the device clears it when the reset is done. */
    public static final int MHICTRL_RESET = 1 << 1;
    /** MHISTATUS: the device entered SYS_ERR. */
    public static final int MHISTATUS_SYSERR = 1 << 2;
    /** MHISTATUS: the device is ready for the host to program it. */
    public static final int MHISTATUS_READY = 1;

    /** Distance between two doorbell registers in a doorbell array. */
    public static final int DOORBELL_STRIDE = 8;
    /** Most channels the doorbell array holds. */
    public static final int MAX_CHANNELS = 128;
    /** Most event rings the doorbell array holds. */
    public static final int MAX_EVENT_RINGS = 128;

    /** Version published in MHIVER (1.0). */
    public static final int VERSION = 0x0100_0000;
    /** Where this emulation places the BHI block (published in BHIOFF). */
    public static final int BHI_BASE = 0x100;
    /** Where this emulation places the channel doorbells (published in CHDBOFF). */
    public static final int CHDB_BASE = 0x800;
    /** Where this emulation places the event ring doorbells (published in ERDBOFF). */
    public static final int ERDB_BASE = CHDB_BASE + MAX_CHANNELS * DOORBELL_STRIDE;

    private MhiRegisterLayout()
    {
    }

    /**
     * @param chdbOffset the value read from CHDBOFF.
     * @param channel    a channel number.
     * @return offset of that channel's doorbell: {@code CHDBOFF + 8n}.
     */
    public static int channelDoorbell(final int chdbOffset, final int channel)
    {
        return chdbOffset + channel * DOORBELL_STRIDE;
    }

    /**
     * @param erdbOffset the value read from ERDBOFF.
     * @param ring       an event ring index.
     * @return offset of that event ring's doorbell: {@code ERDBOFF + 8n}.
     */
    public static int eventDoorbell(final int erdbOffset, final int ring)
    {
        return erdbOffset + ring * DOORBELL_STRIDE;
    }

    /**
     * @param register an MHICTRL or MHISTATUS value.
     * @return the MHI state field (bits 15:8).
     */
    public static int state(final int register)
    {
        return (register >>> STATE_SHIFT) & STATE_MASK;
    }

    /**
     * @param state an MHI state.
     * @return the state placed in bits 15:8, other bits zero.
     */
    public static int stateField(final int state)
    {
        return (state & STATE_MASK) << STATE_SHIFT;
    }
}

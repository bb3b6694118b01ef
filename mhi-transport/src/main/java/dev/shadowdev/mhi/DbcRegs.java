package dev.shadowdev.mhi;

/**
 * The DMA bridge channel (DBC) register window, as in Linux {@code drivers/accel/qaic}: one 4 KiB block per DBC
 * ({@code QAIC_DBC_SIZE}), each holding the head and tail pointers of the DBC's request and response queues.
 * <pre>
 * DBC i block at i * 0x1000:
 *   0x0  REQ_HEAD  (REQHP) written by the device: next request element it will consume
 *   0x4  REQ_TAIL  (REQTP) written by the host: a write is the doorbell that wakes the device
 *   0x8  RSP_HEAD  (RSPHP) written by the host: next response element it will consume
 *   0xc  RSP_TAIL  (RSPTP) written by the device, followed by the DBC's interrupt
 * </pre>
 */
public final class DbcRegs
{
    /** Request queue head, written by the device. */
    public static final int REQ_HEAD = 0x0;
    /** Request queue tail, written by the host (doorbell). */
    public static final int REQ_TAIL = REQ_HEAD + Integer.BYTES;
    /** Response queue head, written by the host. */
    public static final int RSP_HEAD = REQ_TAIL + Integer.BYTES;
    /** Response queue tail, written by the device. */
    public static final int RSP_TAIL = RSP_HEAD + Integer.BYTES;

    /** Size of one DBC's register block ({@code QAIC_DBC_SIZE = SZ_4K}). */
    public static final int DBC_STRIDE = 0x1000;
    /** Number of DMA bridge channels (aic100: 16). */
    public static final int DBC_COUNT = 16;
    /** Length of the whole DBC window. */
    public static final int WINDOW_LENGTH = DBC_COUNT * DBC_STRIDE;

    private DbcRegs()
    {
    }

    /**
     * @param dbc      a DBC index, 0..15.
     * @param register one of the register offsets above.
     * @return the register's offset in the DBC window.
     */
    public static int offset(final int dbc, final int register)
    {
        return dbc * DBC_STRIDE + register;
    }

    /**
     * @param register a register offset inside a DBC block.
     * @return true for one of the four registers above.
     */
    public static boolean isRegister(final int register)
    {
        return register == REQ_HEAD || register == REQ_TAIL || register == RSP_HEAD || register == RSP_TAIL;
    }
}

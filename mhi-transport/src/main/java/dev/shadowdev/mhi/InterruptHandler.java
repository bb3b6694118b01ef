package dev.shadowdev.mhi;

/**
 * The host's interrupt line: the device raises a vector through {@link MhiRegisters#raiseInterrupt(int)} and the
 * handler the host installed runs on the raising (device) thread, as an MSI handler would. Handlers must be quick
 * and must not block.
 */
@FunctionalInterface
public interface InterruptHandler
{
    /** Vector of the MHI event rings (qaic: MSI 0). */
    int MHI_VECTOR = 0;

    /**
     * @param vector the interrupt vector raised.
     */
    void onInterrupt(int vector);

    /**
     * @param dbc a DMA bridge channel index.
     * @return the interrupt vector of that DBC (qaic: MSI 1 + dbc).
     */
    static int dbcVector(final int dbc)
    {
        return 1 + dbc;
    }
}

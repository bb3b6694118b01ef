package dev.shadowdev.mhi;

/**
 * Channel numbers of the qaic (AIC100) channel table, Linux {@code drivers/accel/qaic/mhi_controller.c}. Each
 * constant is the to-device (even) channel; its from-device partner is {@code n + 1}.
 */
public final class QaicChannels
{
    /** QAIC_LOOPBACK 0/1. */
    public static final int LOOPBACK = 0;
    /** QAIC_SAHARA 2/3 (SBL). */
    public static final int SAHARA = 2;
    /** QAIC_DIAG 4/5. */
    public static final int DIAG = 4;
    /** QAIC_SSR 6/7. */
    public static final int SSR = 6;
    /** QAIC_QDSS 8/9. */
    public static final int QDSS = 8;
    /** QAIC_CONTROL 10/11: the QSM control protocol, 128 elements. */
    public static final int CONTROL = 10;
    /** QAIC_LOGGING 12/13 (SBL). */
    public static final int LOGGING = 12;
    /** QAIC_STATUS 14/15. */
    public static final int STATUS = 14;
    /** QAIC_TELEMETRY 16/17. */
    public static final int TELEMETRY = 16;
    /** QAIC_DEBUG 18/19. */
    public static final int DEBUG = 18;
    /** QAIC_TIMESYNC 20/21 (SBL). */
    public static final int TIMESYNC = 20;
    /** QAIC_TIMESYNC_PERIODIC 22/23. */
    public static final int TIMESYNC_PERIODIC = 22;

    /** Elements of every qaic channel ring except CONTROL. */
    public static final int DEFAULT_ELEMENTS = 32;
    /** Elements of the CONTROL rings. */
    public static final int CONTROL_ELEMENTS = 128;
    /** Elements of the single qaic event ring. */
    public static final int EVENT_ELEMENTS = 32;

    private QaicChannels()
    {
    }

    /**
     * @param channel a channel number.
     * @return the partner channel in the other direction ({@code n ^ 1}).
     */
    public static int partner(final int channel)
    {
        return channel ^ 1;
    }
}

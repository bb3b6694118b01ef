package dev.shadowdev.mhi;

/**
 * One event ring ({@code struct mhi_event_config}).
 *
 * @param elements  ring elements, 4..65536.
 * @param msiVector interrupt vector raised when events are posted.
 */
public record EventRingConfig(int elements, int msiVector)
{
    /** Fewest elements an event ring may have (the device keeps one slot free and the host one). */
    public static final int MIN_ELEMENTS = 4;
    /** Most elements an event ring may have. */
    public static final int MAX_ELEMENTS = 1 << 16;

    /**
     * @param elements  ring elements, 4..65536.
     * @param msiVector interrupt vector raised when events are posted.
     * @throws IllegalArgumentException naming the bad field.
     */
    public EventRingConfig
    {
        if (elements < MIN_ELEMENTS || elements > MAX_ELEMENTS)
        {
            throw new IllegalArgumentException("bad event ring elements: elements=" + elements);
        }
        if (msiVector < 0)
        {
            throw new IllegalArgumentException("bad event ring vector: msiVector=" + msiVector);
        }
    }
}

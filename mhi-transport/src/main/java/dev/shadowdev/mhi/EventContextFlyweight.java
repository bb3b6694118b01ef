package dev.shadowdev.mhi;

import java.nio.ByteBuffer;

/**
 * An event ring context ({@code struct mhi_event_ctxt}), one per event ring in the array at ECABAP.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+---------------+---------------+
 *  |          INTMODT 31:16        | INTMODC 15:8  |  reserved 7:0 |  0  intmod
 *  +-------------------------------+---------------+---------------+
 *  |          ertype (u32): 1 = valid event ring                   |  4
 *  +---------------------------------------------------------------+
 *  |          msivec (u32): interrupt vector raised for this ring  |  8
 *  +---------------------------------------------------------------+
 *  |          rbase, rlen, rp, wp (u64 each, see RingContext)      | 12..44
 * </pre>
 * For an event ring the device owns rp (where it writes the next event) and the host owns wp (the last element it
 * has consumed, also written to the ring's ERDB doorbell).
 */
public final class EventContextFlyweight extends RingContextFlyweight
{
    /** Offset of intmod. */
    public static final int INTMOD_OFFSET = WORD0_OFFSET;
    /** Offset of ertype. */
    public static final int ERTYPE_OFFSET = WORD1_OFFSET;
    /** Offset of msivec. */
    public static final int MSIVEC_OFFSET = WORD2_OFFSET;
    /** ertype of a valid event ring ({@code MHI_ER_TYPE_VALID}). */
    public static final int ERTYPE_VALID = 1;

    @Override
    public EventContextFlyweight wrap(final ByteBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** @return the interrupt moderation word. */
    public int intmod()
    {
        return word(INTMOD_OFFSET);
    }

    /**
     * @param value the interrupt moderation word.
     * @return this.
     */
    public EventContextFlyweight intmod(final int value)
    {
        word(INTMOD_OFFSET, value);
        return this;
    }

    /** @return the event ring type. */
    public int ertype()
    {
        return word(ERTYPE_OFFSET);
    }

    /**
     * @param value the event ring type.
     * @return this.
     */
    public EventContextFlyweight ertype(final int value)
    {
        word(ERTYPE_OFFSET, value);
        return this;
    }

    /** @return the interrupt vector. */
    public int msivec()
    {
        return word(MSIVEC_OFFSET);
    }

    /**
     * @param value the interrupt vector.
     * @return this.
     */
    public EventContextFlyweight msivec(final int value)
    {
        word(MSIVEC_OFFSET, value);
        return this;
    }
}

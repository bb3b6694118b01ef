package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.PacketType;
import dev.shadowdev.mhi.RingElementFlyweight;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;

/**
 * Reads a transfer element once and checks it: type TRANSFER, non-zero length, the whole buffer inside the shared
 * region. Keeps the fields it read for the caller, and the first bad element of a message for the error message
 * ({@code bad TRE: channel=.., tre=.., ...}). Allocation-free except {@link #describe(int)}.
 */
final class ElementCheck
{
    static final int GOOD = 0;
    static final int BAD_TYPE = 1;
    static final int BAD_LENGTH = 2;
    static final int BAD_POINTER = 3;
    static final int BAD_UNTERMINATED = 4;

    private final SharedRegion region;
    private final TransferTreFlyweight tre = new TransferTreFlyweight();
    long address;
    int length;
    int dword1;
    int offset;
    private int value;
    private int badReason;
    private long badElement;
    private long badAddress;
    private int badValue;

    ElementCheck(final SharedRegion region)
    {
        this.region = region;
    }

    /**
     * Read the element at {@code index} into {@link #address}, {@link #length}, {@link #dword1}, {@link #offset}.
     *
     * @return GOOD or the reason it is bad.
     */
    int check(final DeviceRing ring, final int index)
    {
        tre.wrap(region.buffer(), ring.elementOffset(index));
        address = tre.ptr();
        length = tre.dword0() & TransferTreFlyweight.LENGTH_MASK;
        dword1 = tre.dword1();
        offset = region.offset(address, length);
        final int type = (dword1 >>> RingElementFlyweight.TYPE_SHIFT) & RingElementFlyweight.BYTE_MASK;
        if (type != PacketType.TRANSFER)
        {
            value = type;
            return BAD_TYPE;
        }
        value = length;
        if (length == 0)
        {
            return BAD_LENGTH;
        }
        return offset == SharedRegion.OUT_OF_BOUNDS ? BAD_POINTER : GOOD;
    }

    /** Forget the previous message's bad element. */
    void clear()
    {
        badReason = GOOD;
    }

    boolean isBad()
    {
        return badReason != GOOD;
    }

    /** Remember the element just checked as the message's bad one. */
    void rememberBad(final DeviceRing ring, final int index, final int reason)
    {
        badReason = reason;
        badElement = ring.pointer(index);
        badAddress = address;
        badValue = value;
    }

    void rememberUnterminated()
    {
        badReason = BAD_UNTERMINATED;
    }

    /** @return {@code bad TRE: channel=.., ...} for the remembered element. */
    String describe(final int channel)
    {
        final String prefix = "bad TRE: channel=" + channel + ", tre=0x" + Long.toHexString(badElement);
        switch (badReason)
        {
            case BAD_TYPE:
                return prefix + ", type=0x" + Integer.toHexString(badValue);
            case BAD_LENGTH:
                return prefix + ", len=0";
            case BAD_POINTER:
                return prefix + ", ptr=0x" + Long.toHexString(badAddress) + ", len=" + badValue;
            default:
                return "bad TRE: channel=" + channel + ", chain=unterminated";
        }
    }
}

package dev.shadowdev.wire;

/**
 * Where a message header keeps what the framing rules read, so that one validator ({@link TransactionFraming}), one
 * cursor ({@link TransactionCursor}) and one writer base ({@link MessageBuilder}) serve both protocols: the control
 * wire message ({@link WireMessageHeaderFlyweight#LAYOUT}, ABI.md 3) and the node's manage message and response
 * ({@code wire.node.ManageMessageFlyweight.LAYOUT}, ABI.md 1.1 and 1.2). Their transactions are framed alike
 * ({@code u32 type, u32 len}, multiples of 8, filling the message).
 *
 * @param headerLength  bytes of the message header; the first transaction starts there.
 * @param lenOffset     the {@code u32 len} of the whole message, header included.
 * @param countOffset   the {@code u32 count} of transactions.
 * @param maxCount      most transactions in one message.
 * @param zeroOffset    a header word that must be 0 (padding, reserved).
 * @param zeroReason    the reason template when it is not, {@code "bad padding: padding=%d"}.
 * @param magicOffset   the {@code u32} magic number, or {@link #NO_MAGIC}.
 * @param magic         its value.
 */
public record MessageLayout(
    int headerLength,
    int lenOffset,
    int countOffset,
    int maxCount,
    int zeroOffset,
    String zeroReason,
    int magicOffset,
    int magic)
{
    /** {@link #magicOffset()} of a header without a magic number. */
    public static final int NO_MAGIC = -1;

    /** @return whether the header carries a magic number. */
    public boolean hasMagic()
    {
        return magicOffset != NO_MAGIC;
    }
}

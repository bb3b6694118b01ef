package dev.shadowdev.wire.node;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartCreateFlyweight;
import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;

import static dev.shadowdev.wire.TransactionFraming.*;

/**
 * Checks a manage message from a node's user (ABI.md 1.1, 1.3) before the driver reads or forwards any of it: a
 * rejected message changes nothing and is never sent. Every check returns 0 or a negative errno with the reason in
 * a {@link WireError}; nothing allocates and nothing throws, whatever the bytes.
 * <p>
 * Rules: {@code 16 <= len <= 65536} (above: -EMSGSIZE), {@code len} equal to the bytes written, reserved 0,
 * {@code 1 <= count <= 512} (the framing validator's {@link dev.shadowdev.wire.TransactionFraming#checkHeader} over
 * {@link ManageMessageFlyweight#LAYOUT}, as for the control wire message), transactions framed as {@link dev.shadowdev.wire.TransactionFraming} says, a known type,
 * and per type: fixed bodies of their exact size (PART_CREATE a transaction of exactly 80 bytes, v1, or 128, v1.1,
 * with known flags and reserved 0; a length that is neither reports the expected length 80 below 128, else 128;
 * PART_RESIZE 96 with known flags; PART_DRAIN 24 with known flags and reserved 0; PART_QUERY_EX header only),
 * DMA_XFER and EXECUTE
 * {@code data_len} inside the transaction and padded to 8 with nothing more, ACTIVATE options 0, DEACTIVATE reserved
 * 0, PART_DESTROY flags known, PART_BIND
 * {@code path_len} inside the transaction and padded to 8, flags known and reserved 0 (what the path says is the
 * driver's to check).
 */
public final class ManageMessageValidator
{
    public static final String DATA_LEN_DOES_NOT_FIT = "data_len does not fit: index=%d data_len=%d room=%d";
    public static final String BAD_OPTIONS = "bad options: index=%d options=%d";
    public static final String BAD_TRANSACTION_RESERVED = "bad reserved: index=%d reserved=%d";
    public static final String BAD_FLAGS = "bad flags: index=%d flags=0x%x";

    private static final int HEADER_LENGTH = ManageMessageFlyweight.LENGTH;

    /**
     * A message submitted by {@code write()}: {@code len} must equal {@code length}.
     *
     * @param length bytes written.
     * @return 0, -EINVAL or -EMSGSIZE, with the reason in {@code error}.
     */
    public int validate(final WireBuffer buffer, final int offset, final int length, final WireError error)
    {
        return validate(buffer, offset, length, ManageMessageFlyweight.MAX_LENGTH, true, error);
    }

    /**
     * A message submitted by {@link NodeIoctls#SD_IOC_MANAGE}: it sits in a {@link NodeIoctls#MANAGE_SIZE}-byte
     * argument and {@code len} may be anything up to that size.
     *
     * @return 0, -EINVAL or -EMSGSIZE (len above 4096), with the reason in {@code error}.
     */
    public int validateIoctl(final WireBuffer buffer, final int offset, final WireError error)
    {
        return validate(buffer, offset, NodeIoctls.MANAGE_SIZE, NodeIoctls.MANAGE_SIZE, false, error);
    }

    /**
     * Type and body of one transaction of a framed message.
     *
     * @return 0 or -EINVAL.
     */
    public int validateTransaction(
        final WireBuffer buffer, final int transactionOffset, final int index, final WireError error)
    {
        error.reset();
        final int type = buffer.getInt(transactionOffset + ManageTransactionHeaderFlyweight.TYPE_OFFSET);
        final long len = buffer.getUnsignedInt(transactionOffset + ManageTransactionHeaderFlyweight.LEN_OFFSET);
        switch (type)
        {
            case NodeTypes.PASSTHROUGH:
                return 0;
            case NodeTypes.DMA_XFER:
                return checkData(
                    buffer, transactionOffset, index, type, len,
                    DmaXferRequestFlyweight.LENGTH, DmaXferRequestFlyweight.DATA_LEN_OFFSET, error);
            case NodeTypes.EXECUTE:
                return checkData(
                    buffer, transactionOffset, index, type, len,
                    ExecuteRequestFlyweight.LENGTH, ExecuteRequestFlyweight.DATA_LEN_OFFSET, error);
            case NodeTypes.ACTIVATE:
            {
                final int result = checkLength(index, type, len, ActivateRequestFlyweight.LENGTH, error);
                if (result != 0)
                {
                    return result;
                }
                final int options = buffer.getInt(transactionOffset + ActivateRequestFlyweight.OPTIONS_OFFSET);
                return options == 0 ? 0 :
                    error.set(Errno.EINVAL, BAD_OPTIONS, index, options & 0xFFFF_FFFFL);
            }
            case NodeTypes.DEACTIVATE:
            {
                final int result = checkLength(index, type, len, DeactivateRequestFlyweight.LENGTH, error);
                if (result != 0)
                {
                    return result;
                }
                final int reserved = buffer.getInt(transactionOffset + DeactivateRequestFlyweight.RESERVED_OFFSET);
                return reserved == 0 ? 0 :
                    error.set(Errno.EINVAL, BAD_TRANSACTION_RESERVED, index, reserved & 0xFFFF_FFFFL);
            }
            case NodeTypes.PART_DESTROY:
            {
                final int result = checkLength(index, type, len, PartDestroyRequestFlyweight.LENGTH, error);
                if (result != 0)
                {
                    return result;
                }
                final int flags = buffer.getInt(transactionOffset + PartDestroyRequestFlyweight.FLAGS_OFFSET);
                return (flags & ~PartDestroyRequestFlyweight.FLAG_FORCE) == 0 ? 0 :
                    error.set(Errno.EINVAL, BAD_FLAGS, index, flags & 0xFFFF_FFFFL);
            }
            case NodeTypes.PART_BIND:
            {
                final int result = checkData(
                    buffer, transactionOffset, index, type, len,
                    PartBindRequestFlyweight.LENGTH, PartBindRequestFlyweight.PATH_LEN_OFFSET, error);
                if (result != 0)
                {
                    return result;
                }
                final int flags = buffer.getInt(transactionOffset + PartBindRequestFlyweight.FLAGS_OFFSET);
                if ((flags & ~PartBindRequestFlyweight.FLAG_UNBIND) != 0)
                {
                    return error.set(Errno.EINVAL, BAD_FLAGS, index, flags & 0xFFFF_FFFFL);
                }
                final int reserved = buffer.getInt(transactionOffset + PartBindRequestFlyweight.RESERVED_OFFSET);
                return reserved == 0 ? 0 :
                    error.set(Errno.EINVAL, BAD_TRANSACTION_RESERVED, index, reserved & 0xFFFF_FFFFL);
            }
            case NodeTypes.PART_CREATE:
                return checkPartCreate(buffer, transactionOffset, index, len, error);
            case NodeTypes.PART_RESIZE:
            {
                final int result = checkLength(index, type, len, PartResizeFlyweight.LENGTH, error);
                if (result != 0)
                {
                    return result;
                }
                return checkFlags(buffer, transactionOffset + PartResizeFlyweight.FLAGS_OFFSET,
                    PartResizeFlyweight.KNOWN_FLAGS, index, error);
            }
            case NodeTypes.PART_DRAIN:
            {
                final int result = checkLength(index, type, len, PartDrainFlyweight.LENGTH, error);
                if (result != 0)
                {
                    return result;
                }
                final int flags = checkFlags(buffer, transactionOffset + PartDrainFlyweight.FLAGS_OFFSET,
                    PartDrainFlyweight.FLAG_UNDO, index, error);
                return flags != 0 ? flags :
                    checkReserved(buffer, transactionOffset + PartDrainFlyweight.RESERVED_OFFSET, index, error);
            }
            case NodeTypes.STATUS:
            case NodeTypes.PART_QUERY:
            case NodeTypes.POOL_QUERY:
            case NodeTypes.PART_QUERY_EX:
                return checkLength(index, type, len, ManageTransactionHeaderFlyweight.HEADER_LENGTH, error);
            default:
                return error.set(Errno.EINVAL, UNKNOWN_TYPE, index, type & 0xFFFF_FFFFL);
        }
    }

    private int validate(
        final WireBuffer buffer,
        final int offset,
        final int length,
        final int maxLength,
        final boolean exact,
        final WireError error)
    {
        final int header =
            checkHeader(buffer, offset, length, ManageMessageFlyweight.LAYOUT, maxLength, exact, error);
        if (header != 0)
        {
            return header;
        }
        final int end = offset + buffer.getInt(offset + ManageMessageFlyweight.LEN_OFFSET);
        final int count = buffer.getInt(offset + ManageMessageFlyweight.COUNT_OFFSET);
        final int framing = walk(buffer, offset, offset + HEADER_LENGTH, end, count, error);
        if (framing != 0)
        {
            return framing;
        }
        int position = offset + HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            final int result = validateTransaction(buffer, position, i, error);
            if (result != 0)
            {
                return result;
            }
            position += buffer.getInt(position + ManageTransactionHeaderFlyweight.LEN_OFFSET);
        }
        return 0;
    }

    /** PART_CREATE: the v1 body (80) or the v1.1 body (128) with flags LEND at most and reserved 0. */
    private static int checkPartCreate(
        final WireBuffer buffer, final int offset, final int index, final long len, final WireError error)
    {
        if (len == PartCreateFlyweight.LENGTH)
        {
            return 0;
        }
        if (len != PartCreateExFlyweight.LENGTH)
        {
            final int expected = len < PartCreateExFlyweight.LENGTH ?
                PartCreateFlyweight.LENGTH : PartCreateExFlyweight.LENGTH;
            return error.set(Errno.EINVAL, BAD_TRANSACTION_LEN, index, NodeTypes.PART_CREATE, len, expected);
        }
        final int flags = checkFlags(
            buffer, offset + PartCreateExFlyweight.FLAGS_OFFSET, PartCreateExFlyweight.FLAG_LEND, index, error);
        return flags != 0 ? flags :
            checkReserved(buffer, offset + PartCreateExFlyweight.RESERVED_OFFSET, index, error);
    }

    private static int checkFlags(
        final WireBuffer buffer, final int flagsIndex, final int known, final int index, final WireError error)
    {
        final int flags = buffer.getInt(flagsIndex);
        return (flags & ~known) == 0 ? 0 : error.set(Errno.EINVAL, BAD_FLAGS, index, flags & 0xFFFF_FFFFL);
    }

    private static int checkReserved(
        final WireBuffer buffer, final int reservedIndex, final int index, final WireError error)
    {
        final int reserved = buffer.getInt(reservedIndex);
        return reserved == 0 ? 0 : error.set(Errno.EINVAL, BAD_TRANSACTION_RESERVED, index, reserved & 0xFFFF_FFFFL);
    }

    private static int checkLength(
        final int index, final int type, final long len, final int expected, final WireError error)
    {
        return len == expected ? 0 : error.set(Errno.EINVAL, BAD_TRANSACTION_LEN, index, type, len, expected);
    }

    private static int checkData(
        final WireBuffer buffer,
        final int offset,
        final int index,
        final int type,
        final long len,
        final int fixedLength,
        final int dataLenOffset,
        final WireError error)
    {
        if (len < fixedLength)
        {
            return error.set(Errno.EINVAL, BAD_TRANSACTION_LEN, index, type, len, fixedLength);
        }
        final long dataLen = buffer.getUnsignedInt(offset + dataLenOffset);
        final long room = len - fixedLength;
        if (dataLen > room)
        {
            return error.set(Errno.EINVAL, DATA_LEN_DOES_NOT_FIT, index, dataLen, room);
        }
        final long expected = fixedLength + ((dataLen + ALIGNMENT - 1) & -ALIGNMENT);
        return len == expected ? 0 : error.set(Errno.EINVAL, BAD_TRANSACTION_LEN, index, type, len, expected);
    }
}

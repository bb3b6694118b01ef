package dev.shadowdev.firmware.testkit;

import dev.shadowdev.wire.ResultFromDevFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireLayouts;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireMessageValidator;
import dev.shadowdev.wire.WireTypes;

import java.util.ArrayList;
import java.util.List;

/** One answer message as the host received it, checked by the validator, with readers for the assertions. */
public final class Answer
{
    public final byte[] bytes;
    public final WireBuffer buffer;
    private final List<Integer> offsets = new ArrayList<>();

    /**
     * @param bytes    the reassembled message.
     * @param checkCrc whether its CRC must be right.
     * @throws AssertionError when the answer is not a well-formed FROM_DEV message.
     */
    public Answer(final byte[] bytes, final boolean checkCrc)
    {
        this.bytes = bytes;
        this.buffer = new WireBuffer(bytes);
        final WireError error = new WireError();
        if (new WireMessageValidator().verify(buffer, 0, bytes.length, WireDirection.FROM_DEV, checkCrc, error) != 0)
        {
            throw new AssertionError("malformed answer: " + error);
        }
        final TransactionCursor cursor = new TransactionCursor().wrapWireMessage(buffer, 0);
        while (cursor.next())
        {
            offsets.add(cursor.offset());
        }
    }

    public int sequenceNumber()
    {
        return buffer.getInt(WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET);
    }

    public int handle()
    {
        return buffer.getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET);
    }

    public int partitionId()
    {
        return buffer.getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET);
    }

    public int crc()
    {
        return buffer.getInt(WireMessageHeaderFlyweight.CRC32_OFFSET);
    }

    public int count()
    {
        return offsets.size();
    }

    /** @return where transaction {@code i} starts in {@link #buffer}. */
    public int offset(final int i)
    {
        return offsets.get(i);
    }

    public int type(final int i)
    {
        return buffer.getInt(offset(i));
    }

    /** @return the i32 status of transaction {@code i}; fails for a type without one. */
    public int status(final int i)
    {
        final int statusOffset = WireLayouts.statusOffset(type(i));
        if (statusOffset < 0)
        {
            throw new AssertionError("no status in " + WireTypes.name(type(i)));
        }
        return buffer.getInt(offset(i) + statusOffset);
    }

    /** @return transaction {@code i} as {@code TYPE status} (RESULT_FROM_DEV also names its request type). */
    public String describe(final int i)
    {
        final int type = type(i);
        if (type == WireTypes.RESULT_FROM_DEV)
        {
            return "RESULT_FROM_DEV(" + WireTypes.name(buffer.getInt(offset(i) + ResultFromDevFlyweight.REQUEST_TYPE_OFFSET)) +
                ") " + status(i);
        }
        return WireLayouts.statusOffset(type) < 0 ? WireTypes.name(type) : WireTypes.name(type) + " " + status(i);
    }

    /** @return every transaction, {@link #describe(int)}d. */
    public List<String> describe()
    {
        final List<String> list = new ArrayList<>();
        for (int i = 0; i < count(); i++)
        {
            list.add(describe(i));
        }
        return list;
    }

    public int getInt(final int i, final int fieldOffset)
    {
        return buffer.getInt(offset(i) + fieldOffset);
    }

    public long getLong(final int i, final int fieldOffset)
    {
        return buffer.getLong(offset(i) + fieldOffset);
    }
}

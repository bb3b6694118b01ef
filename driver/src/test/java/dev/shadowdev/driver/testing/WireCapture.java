package dev.shadowdev.driver.testing;

import dev.shadowdev.driver.wiretap.WireTap;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Records what crosses the transport: parsed control headers and DBC element counts. */
public final class WireCapture implements WireTap
{
    /** One control message: direction, header fields and transaction types. */
    public record Control(int direction, int sequence, int handle, int partitionId, int count, List<Integer> types,
        byte[] bytes)
    {
    }

    private final List<Control> control = new ArrayList<>();
    private long dbcRequests;
    private long dbcResponses;

    @Override
    public synchronized void onWire(
        final int direction, final int kind, final int channel, final ByteBuffer src, final int offset, final int length)
    {
        if (kind != 0)
        {
            if (kind == 1)
            {
                dbcRequests++;
            }
            else
            {
                dbcResponses++;
            }
            return;
        }
        final byte[] bytes = new byte[length];
        src.get(offset, bytes, 0, length);
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final int count = b.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET);
        final List<Integer> types = new ArrayList<>();
        int at = WireMessageHeaderFlyweight.LENGTH;
        for (int i = 0; i < count && at + 8 <= length; i++)
        {
            types.add(b.getInt(at));
            at += Math.max(8, b.getInt(at + 4));
        }
        control.add(new Control(direction, b.getInt(WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET),
            b.getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET), b.getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET),
            count, types, bytes));
    }

    /** @return control messages host to device so far. */
    public synchronized List<Control> sent()
    {
        final List<Control> out = new ArrayList<>();
        for (final Control c : control)
        {
            if (c.direction() == 0)
            {
                out.add(c);
            }
        }
        return out;
    }

    /** @return control messages device to host so far. */
    public synchronized List<Control> received()
    {
        final List<Control> out = new ArrayList<>();
        for (final Control c : control)
        {
            if (c.direction() == 1)
            {
                out.add(c);
            }
        }
        return out;
    }

    public synchronized int sentCount()
    {
        return sent().size();
    }

    public synchronized long dbcRequests()
    {
        return dbcRequests;
    }

    public synchronized long dbcResponses()
    {
        return dbcResponses;
    }

    public synchronized void clear()
    {
        control.clear();
        dbcRequests = 0;
        dbcResponses = 0;
    }
}

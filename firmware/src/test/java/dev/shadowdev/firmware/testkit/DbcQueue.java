package dev.shadowdev.firmware.testkit;

import dev.shadowdev.dbc.DbcRequestDescriptor;
import dev.shadowdev.dbc.DbcResponseDescriptor;
import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.wire.WireRequestWriter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The host side of one DMA bridge channel, as the driver would run it: request and response queues in host memory,
 * one input/output/length area per request element, REQ_TAIL doorbells and RSP_HEAD updates through the register
 * window.
 */
public final class DbcQueue
{
    public final TestHost test;
    public final int size;
    public final int area;
    public final long reqQ;
    public final long rspQ;
    public final long data;
    private final ByteBuffer memory;
    private int dbc = -1;
    private int tail;
    private int rspHead;

    /**
     * @param size queue elements.
     * @param area bytes of input and of output per element.
     */
    public DbcQueue(final TestHost test, final int size, final int area)
    {
        this.test = test;
        this.size = size;
        this.area = area;
        this.reqQ = test.alloc(size * DbcRequestDescriptor.LENGTH);
        this.rspQ = test.alloc(size * DbcResponseDescriptor.LENGTH);
        this.data = test.alloc(size * (2 * area + 64));
        this.memory = test.memory.byteBuffer();
    }

    /** Append an ACTIVATE of {@code slot} naming these queues, with {@code bufLen} as the longest input. */
    public int appendActivate(final WireRequestWriter writer, final int slot, final int bufLen)
    {
        return writer.appendActivate(reqQ, rspQ, size, size, bufLen, slot);
    }

    /** Use this DBC from now on (as ACTIVATE answered). */
    public DbcQueue dbc(final int dbc)
    {
        this.dbc = dbc;
        this.tail = 0;
        this.rspHead = 0;
        return this;
    }

    public long inputAddress(final int index)
    {
        return data + (long)index * (2 * area + 64);
    }

    public long outputAddress(final int index)
    {
        return inputAddress(index) + area;
    }

    public long lengthAddress(final int index)
    {
        return outputAddress(index) + area;
    }

    /** Write {@code input} and an EXECUTE element at REQ_TAIL; does not ring. @return the element index. */
    public int put(final int reqId, final byte[] input, final int destCapacity)
    {
        final int index = tail;
        test.region.write(inputAddress(index), input, 0, input.length);
        test.region.write(lengthAddress(index), new byte[]{ -1, -1, -1, -1 }, 0, 4);
        DbcRequestDescriptor.encodeExecute(memory, elementOffset(index), reqId, inputAddress(index), input.length,
            outputAddress(index), destCapacity, lengthAddress(index));
        tail = (tail + 1) % size;
        return index;
    }

    /** @return the index in the region's buffer of request element {@code index}. */
    public int elementOffset(final int index)
    {
        return test.region.offset(reqQ + (long)index * DbcRequestDescriptor.LENGTH, DbcRequestDescriptor.LENGTH);
    }

    /** Ring: REQ_TAIL = the next free index. */
    public int ring()
    {
        return test.registers.dbcWrite(dbc, DbcRegs.REQ_TAIL, tail);
    }

    /** Ring as the owner of binding {@code generation} of the DBC (a stale one is dropped by the registers). */
    public int ring(final int generation)
    {
        return test.registers.dbcWrite(dbc, DbcRegs.REQ_TAIL, tail, generation);
    }

    /** @return the responses the device has posted since the last call, as "req_id:status"; advances RSP_HEAD. */
    public List<String> takeResponses()
    {
        final List<String> list = new ArrayList<>();
        final int rspTail = test.registers.dbcRead(dbc, DbcRegs.RSP_TAIL);
        while (rspHead != rspTail)
        {
            final int at = test.region.offset(rspQ + (long)rspHead * DbcResponseDescriptor.LENGTH, 4);
            list.add(DbcResponseDescriptor.reqId(memory, at) + ":" + DbcResponseDescriptor.status(memory, at));
            rspHead = (rspHead + 1) % size;
        }
        if (!list.isEmpty())
        {
            test.registers.dbcWrite(dbc, DbcRegs.RSP_HEAD, rspHead);
        }
        return list;
    }

    /** Wait until {@code count} responses arrived. */
    public List<String> awaitResponses(final int count)
    {
        final List<String> all = new ArrayList<>();
        final long deadline = System.nanoTime() + TestHost.TIMEOUT;
        while (all.size() < count)
        {
            test.pump();
            all.addAll(takeResponses());
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("responses missing: got " + all + " engine: " +
                    test.dbcProblems.last());
            }
        }
        return all;
    }

    /** @return the output bytes of element {@code index}: as many as the length word says. */
    public byte[] output(final int index)
    {
        final int length = memory.getInt(test.region.offset(lengthAddress(index), 4));
        final byte[] out = new byte[length];
        test.region.read(outputAddress(index), out, 0, length);
        return out;
    }

    /** @return the length word of element {@code index} (-1 when the device did not write it). */
    public int lengthWord(final int index)
    {
        return memory.getInt(test.region.offset(lengthAddress(index), 4));
    }

    public int dbc()
    {
        return dbc;
    }
}

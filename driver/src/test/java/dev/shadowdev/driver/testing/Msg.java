package dev.shadowdev.driver.testing;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ManageMessageWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/** Builds node manage messages for tests. */
public final class Msg
{
    private final WireBuffer buffer = new WireBuffer(ByteBuffer.allocate(70_000).order(ByteOrder.LITTLE_ENDIAN));
    private final ManageMessageWriter writer = new ManageMessageWriter();
    private int finishedLength = -1;

    private Msg(final int tag)
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writer.begin(tag);
    }

    public static Msg tag(final int tag)
    {
        return new Msg(tag);
    }

    public Msg passthrough(final byte[] data)
    {
        check(writer.appendPassthrough(new WireBuffer(data), 0, data.length));
        return this;
    }

    public Msg status()
    {
        check(writer.appendStatus());
        return this;
    }

    public Msg poolQuery()
    {
        check(writer.appendPoolQuery());
        return this;
    }

    public Msg partQuery()
    {
        check(writer.appendPartQuery());
        return this;
    }

    public Msg partCreate(final String name, final long... res)
    {
        check(writer.appendPartCreate(name, res));
        return this;
    }

    /** PART_CREATE with the v1.1 body (ABI.md 6.1). */
    public Msg partCreateEx(final String name, final long[] min, final long[] max, final int flags)
    {
        check(writer.appendPartCreateEx(name, min, max, flags));
        return this;
    }

    public Msg partResize(final int id, final int flags, final long[] min, final long[] max)
    {
        check(writer.appendPartResize(id, flags, min, max));
        return this;
    }

    public Msg partDrain(final int id, final int flags, final int graceMs)
    {
        check(writer.appendPartDrain(id, flags, graceMs));
        return this;
    }

    public Msg partQueryEx()
    {
        check(writer.appendPartQueryEx());
        return this;
    }

    public Msg partBind(final int id, final int flags, final String path)
    {
        final byte[] raw = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return partBindRaw(id, flags, raw);
    }

    public Msg partBindRaw(final int id, final int flags, final byte[] raw)
    {
        check(writer.appendPartBind(id, flags, new WireBuffer(raw), 0, raw.length));
        return this;
    }

    public Msg partDestroy(final int id, final int flags)
    {
        check(writer.appendPartDestroy(id, flags));
        return this;
    }

    public Msg dmaXfer(final int slot, final long offset, final byte[] data, final int from, final int length)
    {
        check(writer.appendDmaXfer(slot, offset, new WireBuffer(data), from, length));
        return this;
    }

    public Msg activate(final int slot)
    {
        check(writer.appendActivate(slot));
        return this;
    }

    public Msg deactivate(final int dbcId)
    {
        check(writer.appendDeactivate(dbcId));
        return this;
    }

    public Msg execute(final int dbcId, final byte[] input)
    {
        check(writer.appendExecute(dbcId, new WireBuffer(input), 0, input.length));
        return this;
    }

    /** Raw access to the bytes after {@link #bytes()}: patch fields to forge a message. */
    public Msg patch(final Consumer<WireBuffer> patch)
    {
        if (finishedLength < 0)
        {
            finishedLength = writer.finish();
        }
        patch.accept(buffer);
        return this;
    }

    /** @return the finished message. */
    public byte[] bytes()
    {
        final int length = finishedLength < 0 ? writer.finish() : finishedLength;
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes, 0, length);
        return bytes;
    }

    private static void check(final int offset)
    {
        if (offset < 0)
        {
            throw new IllegalStateException("append failed: status=" + offset);
        }
    }
}

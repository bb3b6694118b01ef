package dev.shadowdev.driver.testing;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ManageResponseFlyweight;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A parsed node response (ABI.md 1.2). */
public record Rsp(int len, int tag, int status, List<Txn> txns)
{
    /** One response transaction: type, status and body (after the 16-byte header). */
    public record Txn(int type, int status, byte[] body)
    {
        public WireBuffer view()
        {
            return new WireBuffer(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN));
        }

        public int i32(final int offset)
        {
            return view().getInt(offset);
        }

        public long i64(final int offset)
        {
            return view().getLong(offset);
        }
    }

    public static Rsp parse(final byte[] bytes, final int length)
    {
        final WireBuffer b = new WireBuffer(ByteBuffer.wrap(bytes, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN));
        final int len = b.getInt(ManageResponseFlyweight.LEN_OFFSET);
        final int count = b.getInt(ManageResponseFlyweight.COUNT_OFFSET);
        final List<Txn> txns = new ArrayList<>();
        int at = ManageResponseFlyweight.LENGTH;
        for (int i = 0; i < count; i++)
        {
            final int type = b.getInt(at);
            final int tlen = b.getInt(at + 4);
            final int status = b.getInt(at + 8);
            final byte[] body = new byte[tlen - 16];
            b.getBytes(at + 16, body, 0, body.length);
            txns.add(new Txn(type, status, body));
            at += tlen;
        }
        if (at != len || len != length)
        {
            throw new AssertionError("bad response framing: len=" + len + " walked=" + at + " read=" + length);
        }
        return new Rsp(len, b.getInt(ManageResponseFlyweight.TAG_OFFSET), b.getInt(ManageResponseFlyweight.STATUS_OFFSET),
            txns);
    }

    public Txn txn(final int i)
    {
        return txns.get(i);
    }

    /** @return "TYPE:status" per transaction, for compact assertions. */
    public List<String> statuses()
    {
        final List<String> out = new ArrayList<>();
        for (final Txn t : txns)
        {
            out.add(dev.shadowdev.wire.node.NodeTypes.name(t.type()) + ":" + t.status());
        }
        return out;
    }
}

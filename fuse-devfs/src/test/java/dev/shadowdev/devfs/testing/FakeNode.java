package dev.shadowdev.devfs.testing;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.NodeChannel;
import dev.shadowdev.driver.cgroup.CgroupPathException;
import dev.shadowdev.driver.cgroup.CgroupPaths;
import dev.shadowdev.image.WorkloadImageDescriptor;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.wire.NameField;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageTransactionHeaderFlyweight;
import dev.shadowdev.wire.node.NodeIoctls;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.SdInfoFlyweight;
import dev.shadowdev.wire.node.SdPartDevFlyweight;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/** One session on a {@link FakeCard} node, answering manage messages and ioctls as ABI.md section 1 says. */
public final class FakeNode implements NodeChannel
{
    private final FakeCard card;
    private final int minor;
    private final int partitionId;
    private final Deque<byte[]> responses = new ArrayDeque<>();
    private final Map<Integer, ByteArrayOutputStream> slots = new HashMap<>();
    private final Map<Integer, byte[]> active = new HashMap<>();
    private int nextDbc;
    private boolean closed;

    FakeNode(final FakeCard card, final int minor, final int partitionId)
    {
        this.card = card;
        this.minor = minor;
        this.partitionId = partitionId;
    }

    @Override
    public int write(final ByteBuffer src)
    {
        final byte[] message = new byte[src.remaining()];
        src.duplicate().get(message);
        if (message.length < ManageMessageFlyweight.LENGTH || message.length > ManageMessageFlyweight.MAX_LENGTH)
        {
            return message.length > ManageMessageFlyweight.MAX_LENGTH ? Errno.EMSGSIZE.status() :
                Errno.EINVAL.status();
        }
        final byte[] response = process(message);
        if (response == null)
        {
            return Errno.EINVAL.status();
        }
        responses.add(response);
        return message.length;
    }

    @Override
    public int read(final ByteBuffer dst)
    {
        if (responses.isEmpty())
        {
            return 0;
        }
        if (responses.peek().length > dst.remaining())
        {
            return Errno.EOVERFLOW.status();
        }
        final byte[] r = responses.poll();
        dst.put(dst.position(), r);
        return r.length;
    }

    @Override
    public int ioctl(final int cmd, final ByteBuffer arg)
    {
        final WireBuffer b = new WireBuffer(arg.slice(arg.position(), arg.remaining()));
        if (cmd == NodeIoctls.SD_IOC_INFO)
        {
            final SdInfoFlyweight f = new SdInfoFlyweight().wrap(b, 0);
            final long[][] pool = card.pool(partitionId);
            f.partitionId(partitionId).minor(minor).major(261)
                .flags((partitionId < 0 ? SdInfoFlyweight.FLAG_BASE : SdInfoFlyweight.FLAG_SHADOW) |
                SdInfoFlyweight.FLAG_ONLINE);
            f.name(partitionId < 0 ? "aic100" : card.partitions.get(partitionId).name);
            for (int i = 0; i < Resource.COUNT; i++)
            {
                f.total(i, pool[0][i]).free(i, pool[1][i]);
            }
            return 0;
        }
        if (cmd == NodeIoctls.SD_IOC_PART_DEV)
        {
            if (partitionId >= 0)
            {
                return Errno.EPERM.status();
            }
            final SdPartDevFlyweight f = new SdPartDevFlyweight().wrap(b, 0);
            if ((f.flags() & SdPartDevFlyweight.FLAG_REMOVE) != 0)
            {
                return card.detach(f.partitionId());
            }
            final int got = card.attach(f.partitionId(), (f.flags() & 2) != 0 ? f.minor() : -1);
            if (got < 0)
            {
                return got;
            }
            f.minor(got);
            return 0;
        }
        return -25;
    }

    @Override
    public int poll(final int timeoutMs)
    {
        return responses.isEmpty() ? 0 : 1;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            for (final byte[] image : active.values())
            {
                card.release(partitionId, needs(image));
            }
            active.clear();
        }
    }

    private byte[] process(final byte[] message)
    {
        final WireBuffer in = new WireBuffer(message);
        final ManageMessageFlyweight header = new ManageMessageFlyweight().wrap(in, 0);
        if (header.len() != message.length || header.count() < 1)
        {
            return null;
        }
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final ManageTransactionHeaderFlyweight t = new ManageTransactionHeaderFlyweight();
        int at = ManageMessageFlyweight.LENGTH;
        for (int i = 0; i < header.count(); i++)
        {
            t.wrap(in, at);
            final ByteBuffer b = ByteBuffer.wrap(message, at, t.len()).slice().order(ByteOrder.LITTLE_ENDIAN);
            final ByteBuffer out = ByteBuffer.allocate(70000).order(ByteOrder.LITTLE_ENDIAN);
            final int status = transaction(t.type(), b, out);
            final int padded = (out.position() + 7) & -8;
            final ByteBuffer h = ByteBuffer.allocate(16 + padded).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(t.type()).putInt(16 + padded).putInt(status).putInt(0).put(out.array(), 0, out.position());
            body.writeBytes(h.array());
            at += t.len();
        }
        final ByteBuffer r = ByteBuffer.allocate(16 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt(16 + body.size()).putInt(header.count()).putInt(header.tag()).putInt(0).put(body.toByteArray());
        return r.array();
    }

    private int transaction(final int type, final ByteBuffer in, final ByteBuffer out)
    {
        final boolean base = partitionId < 0;
        switch (type)
        {
            case NodeTypes.STATUS:
                out.putShort((short)5).putShort((short)0).putInt(0).putLong(0);
                return 0;
            case NodeTypes.PASSTHROUGH:
                out.put(in.array(), in.arrayOffset() + 8, in.limit() - 8);
                return 0;
            case NodeTypes.POOL_QUERY:
                final long[][] pool = card.pool(partitionId);
                for (final long v : pool[0])
                {
                    out.putLong(v);
                }
                for (final long v : pool[1])
                {
                    out.putLong(v);
                }
                return 0;
            case NodeTypes.PART_QUERY:
                int n = 0;
                final ByteBuffer entries = ByteBuffer.allocate(60000).order(ByteOrder.LITTLE_ENDIAN);
                for (final FakeCard.Part p : card.partitions.values())
                {
                    if (base || p.id == partitionId)
                    {
                        n++;
                        entries.putInt(p.id).putInt(p.active);
                        final byte[] name = new byte[NameField.LENGTH];
                        final byte[] raw = p.name.getBytes(StandardCharsets.UTF_8);
                        System.arraycopy(raw, 0, name, 0, raw.length);
                        entries.put(name);
                        for (final long v : p.reserved)
                        {
                            entries.putLong(v);
                        }
                        for (final long v : p.used)
                        {
                            entries.putLong(v);
                        }
                    }
                }
                out.putInt(n).putInt(0).put(entries.array(), 0, entries.position());
                return 0;
            case NodeTypes.PART_CREATE:
            {
                if (!base)
                {
                    return Errno.EPERM.status();
                }
                final byte[] nameBytes = new byte[NameField.LENGTH];
                in.get(8, nameBytes);
                int len = 0;
                while (len < nameBytes.length && nameBytes[len] != 0)
                {
                    len++;
                }
                final long[] res = new long[Resource.COUNT];
                for (int i = 0; i < Resource.COUNT; i++)
                {
                    res[i] = in.getLong(40 + 8 * i);
                }
                final int[] mask = new int[1];
                final int id = card.create(new String(nameBytes, 0, len), res, mask);
                out.putInt(Math.max(id, -1)).putInt(mask[0]);
                return Math.min(id, 0);
            }
            case NodeTypes.PART_BIND:
            {
                if (!base)
                {
                    return Errno.EPERM.status();
                }
                final int flags = in.getInt(12);
                final int pathLen = in.getInt(16);
                if (pathLen < 0 || pathLen > in.limit() - 24 || (flags & ~1) != 0)
                {
                    return Errno.EINVAL.status();
                }
                final byte[] raw = new byte[pathLen];
                in.get(24, raw);
                try
                {
                    return card.bind(in.getInt(8), CgroupPaths.decode(raw), (flags & 1) != 0);
                }
                catch (final CgroupPathException ex)
                {
                    return ex.status();
                }
            }
            case NodeTypes.PART_DESTROY:
                return base ? card.destroy(in.getInt(8), (in.getInt(12) & 1) != 0) : Errno.EPERM.status();
            case NodeTypes.DMA_XFER:
            {
                final int slot = in.getInt(8);
                final int dataLen = in.getInt(12);
                final long offset = in.getLong(16);
                final ByteArrayOutputStream s = offset == 0 ? new ByteArrayOutputStream() : slots.get(slot);
                if (s == null || s.size() != offset)
                {
                    return Errno.EINVAL.status();
                }
                s.write(in.array(), in.arrayOffset() + 24, dataLen);
                slots.put(slot, s);
                return 0;
            }
            case NodeTypes.ACTIVATE:
            {
                final ByteArrayOutputStream s = slots.get(in.getInt(8));
                if (s == null || s.size() < WorkloadImageDescriptor.HEADER_LENGTH)
                {
                    return Errno.EBADMSG.status();
                }
                final byte[] image = s.toByteArray();
                final int mask = card.admit(partitionId, needs(image));
                if (mask != 0)
                {
                    out.putInt(0).putInt(mask).putLong(0);
                    return Errno.ENOSPC.status();
                }
                final int dbc = nextDbc++;
                active.put(dbc, image);
                out.putInt(dbc).putInt(0).putLong((1L << needs(image)[0]) - 1);
                return 0;
            }
            case NodeTypes.EXECUTE:
            {
                final int dbc = in.getInt(8);
                final int dataLen = in.getInt(12);
                final byte[] image = active.get(dbc);
                if (image == null)
                {
                    return Errno.ENOENT.status();
                }
                final byte[] data = new byte[dataLen];
                in.get(16, data);
                final ByteBuffer img = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
                final byte[] result = compute(img.getInt(WorkloadImageDescriptor.OP_OFFSET),
                    img.getInt(WorkloadImageDescriptor.OP_ARG_OFFSET), data);
                out.putInt(dbc).putInt(result.length).put(result);
                return 0;
            }
            case NodeTypes.DEACTIVATE:
            {
                final byte[] image = active.remove(in.getInt(8));
                if (image == null)
                {
                    return Errno.ENOENT.status();
                }
                card.release(partitionId, needs(image));
                return 0;
            }
            default:
                return Errno.EINVAL.status();
        }
    }

    private static long[] needs(final byte[] image)
    {
        final ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        final long[] needs = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            needs[i] = b.getLong(WorkloadImageDescriptor.NEEDS_OFFSET + 8 * i);
        }
        return needs;
    }

    private static byte[] compute(final int op, final int arg, final byte[] in)
    {
        switch (op)
        {
            case WorkloadOp.CRC32C:
                final CRC32C crc = new CRC32C();
                crc.update(in);
                return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int)crc.getValue()).array();
            case WorkloadOp.XOR8:
                final byte[] x = in.clone();
                for (int i = 0; i < x.length; i++)
                {
                    x[i] ^= (byte)arg;
                }
                return x;
            default:
                return in.clone();
        }
    }
}

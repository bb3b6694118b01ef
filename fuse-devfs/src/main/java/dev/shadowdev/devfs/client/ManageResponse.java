package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.wire.PartitionEntryExFlyweight;
import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.node.PartDrainResponseFlyweight;
import dev.shadowdev.wire.node.PartQueryExResponseFlyweight;
import dev.shadowdev.wire.node.PartResizeResponseFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ActivateResponseFlyweight;
import dev.shadowdev.wire.node.ExecuteResponseFlyweight;
import dev.shadowdev.wire.node.ManageResponseFlyweight;
import dev.shadowdev.wire.node.ManageResponseTransactionHeaderFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartCreateResponseFlyweight;
import dev.shadowdev.wire.node.PartQueryResponseFlyweight;
import dev.shadowdev.wire.node.PassthroughResponseFlyweight;
import dev.shadowdev.wire.node.PoolQueryResponseFlyweight;
import dev.shadowdev.wire.node.StatusResponseFlyweight;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One response read from a node (ABI.md 1.2), checked and parsed: the header, then one response transaction per
 * request transaction with its type, status and body. The typed accessors ({@link #activate}, {@link #partQuery},
 * ...) read a body through the node-ABI flyweights after checking its type and length. Immutable: it holds a copy
 * of the bytes.
 */
public final class ManageResponse
{
    private final byte[] bytes;
    private final WireBuffer buffer;
    private final int count;
    private final int tag;
    private final int status;
    private final int[] offsets;

    private ManageResponse(final byte[] bytes, final int count, final int tag, final int status, final int[] offsets)
    {
        this.bytes = bytes;
        this.buffer = new WireBuffer(bytes);
        this.count = count;
        this.tag = tag;
        this.status = status;
        this.offsets = offsets;
    }

    /**
     * @param src    the response bytes from index {@code src.position()}.
     * @param length what {@code read()} returned.
     * @return the parsed response.
     * @throws NodeException (status -EBADMSG) naming the first rule the bytes break.
     */
    public static ManageResponse parse(final ByteBuffer src, final int length) throws NodeException
    {
        if (length < ManageResponseFlyweight.LENGTH || length > src.remaining())
        {
            throw bad("bad response: short: len=" + length);
        }
        final byte[] bytes = new byte[length];
        src.get(src.position(), bytes, 0, length);
        final WireBuffer buffer = new WireBuffer(bytes);
        final ManageResponseFlyweight header = new ManageResponseFlyweight().wrap(buffer, 0);
        if (header.len() != length)
        {
            throw bad("bad response: len does not match the bytes read: len=" + Integer.toUnsignedString(header.len()) +
                " read=" + length);
        }
        final int count = header.count();
        if (count < 0 || count > ManageRequest.MAX_COUNT)
        {
            throw bad("bad response: count out of range: count=" + Integer.toUnsignedString(count));
        }
        final int[] offsets = new int[count];
        final ManageResponseTransactionHeaderFlyweight t = new ManageResponseTransactionHeaderFlyweight();
        int at = ManageResponseFlyweight.LENGTH;
        for (int i = 0; i < count; i++)
        {
            if (length - at < ManageResponseTransactionHeaderFlyweight.HEADER_LENGTH)
            {
                throw bad("bad response: transaction header past the end: index=" + i + " offset=" + at);
            }
            t.wrap(buffer, at);
            final int len = t.len();
            if (len < ManageResponseTransactionHeaderFlyweight.HEADER_LENGTH || len > length - at)
            {
                throw bad("bad response: transaction len out of range: index=" + i + " len=" +
                    Integer.toUnsignedString(len));
            }
            offsets[i] = at;
            at += len;
        }
        if (header.status() == 0 && at != length)
        {
            throw bad("bad response: bytes after the last transaction: len=" + length + " end=" + at);
        }
        return new ManageResponse(bytes, count, header.tag(), header.status(), offsets);
    }

    public int length()
    {
        return bytes.length;
    }

    public int count()
    {
        return count;
    }

    public int tag()
    {
        return tag;
    }

    /** @return 0, or the negative errno of the whole message. */
    public int status()
    {
        return status;
    }

    /** @return transaction {@code i}'s type (the request's). */
    public int type(final int i)
    {
        return header(i).type();
    }

    /** @return transaction {@code i}'s status: 0 or a negative errno. */
    public int status(final int i)
    {
        return header(i).status();
    }

    /** @return a read-only view of transaction {@code i}'s body. */
    public ByteBuffer body(final int i)
    {
        final ManageResponseTransactionHeaderFlyweight h = header(i);
        final int from = offsets[i] + ManageResponseTransactionHeaderFlyweight.HEADER_LENGTH;
        return ByteBuffer.wrap(bytes, from, h.len() - ManageResponseTransactionHeaderFlyweight.HEADER_LENGTH)
            .slice().asReadOnlyBuffer();
    }

    /** @return a copy of the response bytes. */
    public byte[] toBytes()
    {
        return bytes.clone();
    }

    /**
     * @throws NodeException when the whole message failed ({@code manage: status=ETIMEDOUT tag=7}) or any
     *                       transaction did ({@code PART_DESTROY: status=EBUSY index=0}).
     */
    public ManageResponse requireOk() throws NodeException
    {
        if (status != 0)
        {
            throw new NodeException(status, "manage: status=" + NodeException.describe(status) + " tag=" + tag);
        }
        for (int i = 0; i < count; i++)
        {
            requireOk(i);
        }
        return this;
    }

    /** @throws NodeException when transaction {@code i} failed, naming its type, status and short mask. */
    public ManageResponse requireOk(final int i) throws NodeException
    {
        final int s = status(i);
        if (s != 0)
        {
            final int type = type(i);
            String extra = "";
            if (type == NodeTypes.ACTIVATE && transactionLength(i) >= ActivateResponseFlyweight.LENGTH)
            {
                extra = " short=" + ShortMask.describe(
                    new ActivateResponseFlyweight().wrap(buffer, offsets[i]).shortMask());
            }
            else if (type == NodeTypes.PART_CREATE && transactionLength(i) >= PartCreateResponseFlyweight.LENGTH)
            {
                extra = " short=" + ShortMask.describe(
                    new PartCreateResponseFlyweight().wrap(buffer, offsets[i]).shortMask());
            }
            else if (type == NodeTypes.PART_RESIZE && transactionLength(i) >= PartResizeResponseFlyweight.LENGTH)
            {
                extra = " short=" + ShortMask.describe(
                    new PartResizeResponseFlyweight().wrap(buffer, offsets[i]).shortMask());
            }
            throw new NodeException(s, NodeTypes.name(type) + ": status=" + NodeException.describe(s) +
                " index=" + i + extra);
        }
        return this;
    }

    /** @return the data a PASSTHROUGH echoed. */
    public byte[] passthrough(final int i) throws NodeException
    {
        final PassthroughResponseFlyweight f = new PassthroughResponseFlyweight().wrap(
            buffer, typed(i, NodeTypes.PASSTHROUGH, PassthroughResponseFlyweight.LENGTH));
        return Arrays.copyOfRange(bytes, f.dataIndex(), f.dataIndex() + f.dataLength());
    }

    /** @return the ACTIVATE result; a failed ACTIVATE throws, naming the short resources on ENOSPC. */
    public ActivateResult activate(final int i) throws NodeException
    {
        final ActivateResponseFlyweight f = new ActivateResponseFlyweight().wrap(
            buffer, typed(i, NodeTypes.ACTIVATE, ActivateResponseFlyweight.LENGTH));
        return new ActivateResult(f.dbcId(), f.shortMask(), f.coreMask());
    }

    /** @return the STATUS result. */
    public FirmwareStatus firmwareStatus(final int i) throws NodeException
    {
        final StatusResponseFlyweight f = new StatusResponseFlyweight().wrap(
            buffer, typed(i, NodeTypes.STATUS, StatusResponseFlyweight.LENGTH));
        return new FirmwareStatus(f.major(), f.minor(), f.fwStatus(), f.flags());
    }

    /** @return the EXECUTE output. */
    public ExecuteResult execute(final int i) throws NodeException
    {
        final int at = typed(i, NodeTypes.EXECUTE, ExecuteResponseFlyweight.LENGTH);
        final ExecuteResponseFlyweight f = new ExecuteResponseFlyweight().wrap(buffer, at);
        final int dataLen = f.dataLen();
        if (dataLen < 0 || dataLen > header(i).len() - ExecuteResponseFlyweight.LENGTH)
        {
            throw bad("bad response: EXECUTE data_len past its transaction: index=" + i + " data_len=" +
                Integer.toUnsignedString(dataLen));
        }
        return new ExecuteResult(f.dbcId(), Arrays.copyOfRange(bytes, f.dataIndex(), f.dataIndex() + dataLen));
    }

    /** @return the PART_CREATE result: the new partition's ID. */
    public int partCreate(final int i) throws NodeException
    {
        return new PartCreateResponseFlyweight().wrap(
            buffer, typed(i, NodeTypes.PART_CREATE, PartCreateResponseFlyweight.LENGTH)).partitionId();
    }

    /** @return the PART_QUERY entries. */
    public List<PartitionEntry> partQuery(final int i) throws NodeException
    {
        final int at = typed(i, NodeTypes.PART_QUERY, PartQueryResponseFlyweight.LENGTH);
        final PartQueryResponseFlyweight f = new PartQueryResponseFlyweight().wrap(buffer, at);
        final int n = f.n();
        if (n < 0 || PartQueryResponseFlyweight.lengthFor(n) > header(i).len())
        {
            throw bad("bad response: PART_QUERY entries past its transaction: index=" + i + " n=" +
                Integer.toUnsignedString(n));
        }
        final List<PartitionEntry> entries = new ArrayList<>(n);
        final PartitionEntryFlyweight e = new PartitionEntryFlyweight();
        for (int k = 0; k < n; k++)
        {
            e.wrap(buffer, f.entryIndex(k));
            final long[] reserved = new long[Resource.COUNT];
            final long[] used = new long[Resource.COUNT];
            for (int r = 0; r < Resource.COUNT; r++)
            {
                reserved[r] = e.reserved(r);
                used[r] = e.used(r);
            }
            entries.add(new PartitionEntry(e.id(), e.activeWorkloads(), e.name(), amounts(reserved, i),
                amounts(used, i)));
        }
        return entries;
    }

    /** @return the PART_RESIZE result: the resources short or at their limit, and the workloads preempted. */
    public ResizeResult partResize(final int i) throws NodeException
    {
        final PartResizeResponseFlyweight f = new PartResizeResponseFlyweight().wrap(
            buffer, typed(i, NodeTypes.PART_RESIZE, PartResizeResponseFlyweight.LENGTH));
        return new ResizeResult(f.shortMask(), f.preempted());
    }

    /** @return the PART_DRAIN result: the workloads active when the drain began. */
    public int partDrain(final int i) throws NodeException
    {
        return new PartDrainResponseFlyweight().wrap(
            buffer, typed(i, NodeTypes.PART_DRAIN, PartDrainResponseFlyweight.LENGTH)).activeWorkloads();
    }

    /** @return the PART_QUERY_EX entries. */
    public List<PartitionEntryEx> partQueryEx(final int i) throws NodeException
    {
        final int at = typed(i, NodeTypes.PART_QUERY_EX, PartQueryExResponseFlyweight.LENGTH);
        final PartQueryExResponseFlyweight f = new PartQueryExResponseFlyweight().wrap(buffer, at);
        final int n = f.n();
        if (n < 0 || PartQueryExResponseFlyweight.lengthFor(n) > header(i).len())
        {
            throw bad("bad response: PART_QUERY_EX entries past its transaction: index=" + i + " n=" +
                Integer.toUnsignedString(n));
        }
        final List<PartitionEntryEx> entries = new ArrayList<>(n);
        final PartitionEntryExFlyweight e = new PartitionEntryExFlyweight();
        for (int k = 0; k < n; k++)
        {
            e.wrap(buffer, f.entryIndex(k));
            final long[] min = new long[Resource.COUNT];
            final long[] max = new long[Resource.COUNT];
            final long[] used = new long[Resource.COUNT];
            final long[] borrowed = new long[Resource.COUNT];
            for (int r = 0; r < Resource.COUNT; r++)
            {
                min[r] = e.min(r);
                max[r] = e.max(r);
                used[r] = e.used(r);
                borrowed[r] = e.borrowed(r);
            }
            entries.add(new PartitionEntryEx(e.id(), e.activeWorkloads(), e.name(), e.state(), e.flags(),
                amounts(min, i), amounts(max, i), amounts(used, i), amounts(borrowed, i)));
        }
        return entries;
    }

    /** @return the POOL_QUERY result. */
    public PoolInfo poolQuery(final int i) throws NodeException
    {
        final PoolQueryResponseFlyweight f = new PoolQueryResponseFlyweight().wrap(
            buffer, typed(i, NodeTypes.POOL_QUERY, PoolQueryResponseFlyweight.LENGTH));
        final long[] total = new long[Resource.COUNT];
        final long[] free = new long[Resource.COUNT];
        for (int r = 0; r < Resource.COUNT; r++)
        {
            total[r] = f.total(r);
            free[r] = f.free(r);
        }
        return new PoolInfo(amounts(total, i), amounts(free, i));
    }

    private ManageResponseTransactionHeaderFlyweight header(final int i)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("no such transaction: index=" + i + " count=" + count);
        }
        return new ManageResponseTransactionHeaderFlyweight().wrap(buffer, offsets[i]);
    }

    private int transactionLength(final int i)
    {
        return header(i).len();
    }

    /** @return the offset of transaction {@code i} after checking its type and that its body is complete. */
    private int typed(final int i, final int type, final int minLength) throws NodeException
    {
        final ManageResponseTransactionHeaderFlyweight h = header(i);
        if (h.type() != type)
        {
            throw bad("bad response: unexpected transaction type: index=" + i + " type=" + NodeTypes.name(h.type()) +
                " expected=" + NodeTypes.name(type));
        }
        requireOk(i);
        if (h.len() < minLength)
        {
            throw bad("bad response: " + NodeTypes.name(type) + " body too short: index=" + i + " len=" + h.len());
        }
        return offsets[i];
    }

    private static Resources amounts(final long[] values, final int i) throws NodeException
    {
        for (int r = 0; r < Resource.COUNT; r++)
        {
            if (values[r] < 0)
            {
                throw bad("bad response: amount over 2^63: index=" + i + " " + Resource.of(r).key() + "=" +
                    Long.toUnsignedString(values[r]));
            }
        }
        return Resources.of(values);
    }

    private static NodeException bad(final String message)
    {
        return new NodeException(Errno.EBADMSG.status(), message);
    }
}

package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.wire.NameField;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PartCreateFlyweight;
import dev.shadowdev.wire.PartDrainFlyweight;
import dev.shadowdev.wire.PartResizeFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ActivateRequestFlyweight;
import dev.shadowdev.wire.node.DeactivateRequestFlyweight;
import dev.shadowdev.wire.node.DmaXferRequestFlyweight;
import dev.shadowdev.wire.node.ExecuteRequestFlyweight;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageTransactionHeaderFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import dev.shadowdev.wire.node.PartBindRequestFlyweight;
import dev.shadowdev.wire.node.PartDestroyRequestFlyweight;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one manage message (ABI.md 1.1, 1.3), transaction by transaction, into the exact bytes one
 * {@code write()} submits:
 * <pre>{@code
 * ManageRequest request = new ManageRequest().tag(7).partQuery().poolQuery();
 * channel.write(request.buffer());
 * }</pre>
 * Each {@code add} checks its arguments and the message limits (65536 bytes, 512 transactions) and throws
 * {@link IllegalArgumentException} naming the field, leaving the message as it was. Not thread-safe.
 */
public final class ManageRequest
{
    /** Longest message, header included. */
    public static final int MAX_LENGTH = ManageMessageFlyweight.MAX_LENGTH;
    /** Most transactions in a message. */
    public static final int MAX_COUNT = ManageMessageFlyweight.MAX_COUNT;
    /** Most data one DMA_XFER can carry when it is alone in a message. */
    public static final int MAX_DMA_XFER_DATA = MAX_LENGTH - ManageMessageFlyweight.LENGTH -
        DmaXferRequestFlyweight.LENGTH;
    /** Most input one EXECUTE can carry when it is alone in a message. */
    public static final int MAX_EXECUTE_DATA = MAX_LENGTH - ManageMessageFlyweight.LENGTH -
        ExecuteRequestFlyweight.LENGTH;
    /** Longest partition name PART_CREATE takes: the field keeps a terminating NUL. */
    public static final int MAX_NAME_BYTES = NameField.LENGTH - 1;

    private static final int ALIGNMENT = 8;
    private static final int INITIAL_CAPACITY = 256;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private final WireBuffer buffer = new WireBuffer(bytes);
    private final ManageMessageFlyweight header = new ManageMessageFlyweight();
    private final ManageTransactionHeaderFlyweight transaction = new ManageTransactionHeaderFlyweight();
    private final DmaXferRequestFlyweight dmaXfer = new DmaXferRequestFlyweight();
    private final ActivateRequestFlyweight activate = new ActivateRequestFlyweight();
    private final DeactivateRequestFlyweight deactivate = new DeactivateRequestFlyweight();
    private final ExecuteRequestFlyweight execute = new ExecuteRequestFlyweight();
    private final PartCreateFlyweight partCreate = new PartCreateFlyweight();
    private final PartDestroyRequestFlyweight partDestroy = new PartDestroyRequestFlyweight();
    private final int[] types = new int[MAX_COUNT];
    private int length = ManageMessageFlyweight.LENGTH;
    private int count;

    /** An empty message with tag 0; add at least one transaction before sending it. */
    public ManageRequest()
    {
        header.wrap(buffer, 0).len(length).count(0).tag(0).reserved(0);
    }

    /** @return this with the client's tag, echoed in the response. */
    public ManageRequest tag(final int tag)
    {
        header.tag(tag);
        return this;
    }

    /**
     * PASSTHROUGH: data the firmware echoes back.
     *
     * @param data a multiple of 8 bytes.
     */
    public ManageRequest passthrough(final byte[] data)
    {
        if (data.length % ALIGNMENT != 0)
        {
            throw new IllegalArgumentException("passthrough: data not a multiple of 8: length=" + data.length);
        }
        final int at = reserve(NodeTypes.PASSTHROUGH, ManageTransactionHeaderFlyweight.HEADER_LENGTH + data.length);
        buffer.putBytes(at + ManageTransactionHeaderFlyweight.HEADER_LENGTH, data, 0, data.length);
        return this;
    }

    /**
     * DMA_XFER: append {@code length} bytes of a workload image to a slot.
     *
     * @param slot   the session's image slot.
     * @param offset bytes already in the slot (0 starts the slot over).
     */
    public ManageRequest dmaXfer(final int slot, final long offset, final byte[] data, final int from, final int length)
    {
        checkRange("dma_xfer", data, from, length);
        if (offset < 0)
        {
            throw new IllegalArgumentException("dma_xfer: negative offset: offset=" + offset);
        }
        final int at = reserve(NodeTypes.DMA_XFER, DmaXferRequestFlyweight.lengthFor(length));
        dmaXfer.wrap(buffer, at).slot(slot).dataLen(length).slotOffset(offset);
        buffer.putBytes(dmaXfer.dataIndex(), data, from, length);
        return this;
    }

    /** ACTIVATE the image in {@code slot} (options 0). */
    public ManageRequest activate(final int slot)
    {
        final int at = reserve(NodeTypes.ACTIVATE, ActivateRequestFlyweight.LENGTH);
        activate.wrap(buffer, at).slot(slot).options(0);
        return this;
    }

    /** DEACTIVATE the workload on {@code dbcId}. */
    public ManageRequest deactivate(final int dbcId)
    {
        final int at = reserve(NodeTypes.DEACTIVATE, DeactivateRequestFlyweight.LENGTH);
        deactivate.wrap(buffer, at).dbcId(dbcId);
        buffer.putInt(at + DeactivateRequestFlyweight.RESERVED_OFFSET, 0);
        return this;
    }

    /** STATUS of the firmware. */
    public ManageRequest status()
    {
        reserve(NodeTypes.STATUS, ManageTransactionHeaderFlyweight.HEADER_LENGTH);
        return this;
    }

    /** EXECUTE {@code length} bytes of input on the workload of {@code dbcId}. */
    public ManageRequest execute(final int dbcId, final byte[] data, final int from, final int length)
    {
        checkRange("execute", data, from, length);
        final int at = reserve(NodeTypes.EXECUTE, ExecuteRequestFlyweight.lengthFor(length));
        execute.wrap(buffer, at).dbcId(dbcId).dataLen(length);
        buffer.putBytes(execute.dataIndex(), data, from, length);
        return this;
    }

    /**
     * PART_CREATE (base node only).
     *
     * @param name      1 to {@link #MAX_NAME_BYTES} bytes of UTF-8, no NUL.
     * @param resources what to reserve.
     */
    public ManageRequest partCreate(final String name, final Resources resources)
    {
        checkName("part_create", name);
        final int at = reserve(NodeTypes.PART_CREATE, PartCreateFlyweight.LENGTH);
        partCreate.wrap(buffer, at).name(name);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            partCreate.res(i, resources.get(i));
        }
        return this;
    }

    /**
     * PART_CREATE with the v1.1 body (ABI.md 6.1): a reservation {@code min} and a limit {@code max} per resource.
     *
     * @param lend whether the partition lends its idle reservation ({@link PartCreateExFlyweight#FLAG_LEND}).
     */
    public ManageRequest partCreate(final String name, final Resources min, final Resources max, final boolean lend)
    {
        checkName("part_create", name);
        final int at = reserve(NodeTypes.PART_CREATE, PartCreateExFlyweight.LENGTH);
        final PartCreateExFlyweight f = new PartCreateExFlyweight().wrap(buffer, at);
        f.name(name);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            f.min(i, min.get(i)).max(i, max.get(i));
        }
        f.flags(lend ? PartCreateExFlyweight.FLAG_LEND : 0);
        return this;
    }

    /**
     * PART_RESIZE (base node only, ABI.md 6.1): a live partition's new reservation and limit, in place.
     *
     * @param flags {@link PartResizeFlyweight#FLAG_FORCE}, {@code FLAG_SET_LEND}, {@code FLAG_CLEAR_LEND}.
     */
    public ManageRequest partResize(final int partitionId, final int flags, final Resources min, final Resources max)
    {
        final int at = reserve(NodeTypes.PART_RESIZE, PartResizeFlyweight.LENGTH);
        final PartResizeFlyweight f = new PartResizeFlyweight().wrap(buffer, at).partitionId(partitionId).flags(flags);
        for (int i = 0; i < Resource.COUNT; i++)
        {
            f.min(i, min.get(i)).max(i, max.get(i));
        }
        return this;
    }

    /**
     * PART_DRAIN (base node only, ABI.md 6.1): cordon a partition and preempt what still runs after
     * {@code graceMs} ({@link PartDrainFlyweight#GRACE_NEVER}: never), or lift the cordon ({@code undo}).
     */
    public ManageRequest partDrain(final int partitionId, final boolean undo, final int graceMs)
    {
        final int at = reserve(NodeTypes.PART_DRAIN, PartDrainFlyweight.LENGTH);
        new PartDrainFlyweight().wrap(buffer, at).partitionId(partitionId)
            .flags(undo ? PartDrainFlyweight.FLAG_UNDO : 0).graceMs(graceMs);
        return this;
    }

    /** PART_QUERY_EX (ABI.md 6.1): min, max, used, borrowed, state and flags of every partition the node sees. */
    public ManageRequest partQueryEx()
    {
        reserve(NodeTypes.PART_QUERY_EX, ManageTransactionHeaderFlyweight.HEADER_LENGTH);
        return this;
    }

    /** PART_DESTROY (base node only); {@code force} destroys a partition with active workloads. */
    public ManageRequest partDestroy(final int partitionId, final boolean force)
    {
        final int at = reserve(NodeTypes.PART_DESTROY, PartDestroyRequestFlyweight.LENGTH);
        partDestroy.wrap(buffer, at).partitionId(partitionId)
            .flags(force ? PartDestroyRequestFlyweight.FLAG_FORCE : 0);
        return this;
    }

    /**
     * PART_BIND (base node only, ABI.md 7): bind a cgroup path to a partition, or unbind it. The path's rules are
     * the driver's to check (it answers EINVAL or ENAMETOOLONG); this only refuses what cannot be framed.
     *
     * @param path   the cgroup path, sent as UTF-8, padded with zeros to a multiple of 8.
     * @param unbind set {@link PartBindRequestFlyweight#FLAG_UNBIND}.
     */
    public ManageRequest partBind(final int partitionId, final String path, final boolean unbind)
    {
        final byte[] raw = path.getBytes(StandardCharsets.UTF_8);
        return partBind(partitionId, raw, unbind ? PartBindRequestFlyweight.FLAG_UNBIND : 0);
    }

    /** PART_BIND with the path's bytes and the flags as given: for tests of how a node treats odd paths. */
    public ManageRequest partBind(final int partitionId, final byte[] path, final int flags)
    {
        if (path.length > MAX_LENGTH)
        {
            throw new IllegalArgumentException("part_bind: path longer than a message: path_len=" + path.length);
        }
        final int at = reserve(NodeTypes.PART_BIND, PartBindRequestFlyweight.LENGTH + align(path.length));
        buffer.putInt(at + PartBindRequestFlyweight.PARTITION_ID_OFFSET, partitionId);
        buffer.putInt(at + PartBindRequestFlyweight.FLAGS_OFFSET, flags);
        buffer.putInt(at + PartBindRequestFlyweight.PATH_LEN_OFFSET, path.length);
        buffer.putBytes(at + PartBindRequestFlyweight.PATH_OFFSET, path, 0, path.length);
        return this;
    }

    /** PART_QUERY: every partition on the base node, its own on a shadow node. */
    public ManageRequest partQuery()
    {
        reserve(NodeTypes.PART_QUERY, ManageTransactionHeaderFlyweight.HEADER_LENGTH);
        return this;
    }

    /** POOL_QUERY: the node's pool. */
    public ManageRequest poolQuery()
    {
        reserve(NodeTypes.POOL_QUERY, ManageTransactionHeaderFlyweight.HEADER_LENGTH);
        return this;
    }

    /**
     * Any transaction, unchecked apart from the message limits: for tests of how a node treats odd input.
     *
     * @param type a transaction type, known or not.
     * @param body its body, padded with zeros to a multiple of 8.
     */
    public ManageRequest raw(final int type, final byte[] body)
    {
        final int at = reserve(type, ManageTransactionHeaderFlyweight.HEADER_LENGTH + align(body.length));
        buffer.putBytes(at + ManageTransactionHeaderFlyweight.HEADER_LENGTH, body, 0, body.length);
        return this;
    }

    private static void checkName(final String what, final String name)
    {
        final int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_NAME_BYTES || name.indexOf('\0') >= 0)
        {
            throw new IllegalArgumentException(what + ": bad name, want 1 to " + MAX_NAME_BYTES +
                " bytes without NUL: bytes=" + bytes);
        }
    }

    public int tag()
    {
        return header.tag();
    }

    /** @return transactions so far. */
    public int count()
    {
        return count;
    }

    /** @return the message length so far, header included. */
    public int length()
    {
        return length;
    }

    /** @return the type of transaction {@code i}. */
    public int type(final int i)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("no such transaction: index=" + i + " count=" + count);
        }
        return types[i];
    }

    /** @return a read-only little-endian view of the message, position 0, limit {@link #length()}. */
    public ByteBuffer buffer()
    {
        return ByteBuffer.wrap(bytes, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer();
    }

    /** @return a copy of the message bytes. */
    public byte[] toBytes()
    {
        return Arrays.copyOf(bytes, length);
    }

    /** Reserve and zero {@code size} bytes (a multiple of 8) for a transaction; write its header. */
    private int reserve(final int type, final long size)
    {
        if (count == MAX_COUNT)
        {
            throw new IllegalArgumentException("manage message full: count=" + count + " max=" + MAX_COUNT);
        }
        if (size > MAX_LENGTH - length)
        {
            throw new IllegalArgumentException(
                "manage message too long: len=" + ((long)length + size) + " max=" + MAX_LENGTH);
        }
        final int at = length;
        final int end = at + (int)size;
        if (end > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.min(MAX_LENGTH, Math.max(end, bytes.length * 2)));
            buffer.wrap(ByteBuffer.wrap(bytes));
        }
        buffer.setMemory(at, (int)size, (byte)0);
        transaction.wrap(buffer, at).type(type).len((int)size);
        types[count++] = type;
        length = end;
        header.len(length).count(count);
        return at;
    }

    private static void checkRange(final String what, final byte[] data, final int from, final int length)
    {
        if (from < 0 || length < 0 || from > data.length - length)
        {
            throw new IllegalArgumentException(
                what + ": range outside the data: from=" + from + " length=" + length + " size=" + data.length);
        }
    }

    private static int align(final int n)
    {
        return (n + ALIGNMENT - 1) & -ALIGNMENT;
    }
}

package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.node.ManageResponseFlyweight;
import dev.shadowdev.wire.node.NodeIoctls;
import dev.shadowdev.wire.node.SdInfoFlyweight;
import dev.shadowdev.wire.node.SdPartDevFlyweight;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * The friendly layer over a {@link NodeChannel}: send a {@link ManageRequest} and get its parsed
 * {@link ManageResponse}, the three ioctls as typed calls, and one-call helpers for the common requests. Failures
 * are {@link NodeException}s with {@code what: name=value} messages. One request in flight at a time; not
 * thread-safe.
 */
public final class NodeClient implements AutoCloseable
{
    /**
     * SD_IOC_PART_DEV input flag of this client (bit1, next to ABI.md's bit0 "remove"): "use the minor given in the
     * {@code minor} field", so a restart re-creates a node at its saved path. Without it the driver picks the
     * lowest free minor. The driver answers EBUSY when the wanted minor is taken.
     */
    public static final int PART_DEV_FLAG_WANT_MINOR = SdPartDevFlyweight.FLAG_WANT_MINOR;

    /** How long {@link #transact} waits for a response on a non-blocking channel. */
    public static final int DEFAULT_TIMEOUT_MS = 30_000;

    private final NodeChannel channel;
    private final ByteBuffer response = ByteBuffer.allocate(ManageResponseFlyweight.MAX_LENGTH)
        .order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer ioctlArg = ByteBuffer.allocate(NodeIoctls.MANAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final WireBuffer ioctlView = new WireBuffer(ioctlArg);
    private int nextTag = 1;

    /** @param channel owned: closed with this client. */
    public NodeClient(final NodeChannel channel)
    {
        this.channel = channel;
    }

    /** @return a client on the node file at {@code path}, opened O_RDWR. */
    public static NodeClient open(final Path path) throws NodeException
    {
        return new NodeClient(FileNodeChannel.open(path, false));
    }

    public NodeChannel channel()
    {
        return channel;
    }

    /**
     * Write a request and read its response. A request whose tag is 0 gets the next tag of this client.
     *
     * @return the response; its statuses are not checked (see {@link ManageResponse#requireOk()}).
     * @throws NodeException when the write or read fails, nothing answers, or the response is malformed or
     *                       carries another tag.
     */
    public ManageResponse transact(final ManageRequest request) throws NodeException
    {
        if (request.tag() == 0)
        {
            request.tag(nextTag++);
        }
        final int written = channel.write(request.buffer());
        if (written != request.length())
        {
            throw new NodeException(written < 0 ? written : Errno.EIO.status(), "write: status=" +
                (written < 0 ? NodeException.describe(written) : "short") + " len=" + request.length() +
                " tag=" + request.tag());
        }
        final int n = readOne(request.tag());
        final ManageResponse parsed = ManageResponse.parse(response, n);
        if (parsed.tag() != request.tag())
        {
            throw new NodeException(Errno.EBADMSG.status(),
                "bad response: tag mismatch: tag=" + parsed.tag() + " expected=" + request.tag());
        }
        return parsed;
    }

    /**
     * The same exchange through SD_IOC_MANAGE: synchronous, both the request and the response within 4096 bytes.
     *
     * @return the response.
     * @throws NodeException when the request is too long, the ioctl fails, or the response is malformed.
     */
    public ManageResponse transactSync(final ManageRequest request) throws NodeException
    {
        if (request.tag() == 0)
        {
            request.tag(nextTag++);
        }
        if (request.length() > NodeIoctls.MANAGE_SIZE)
        {
            throw new NodeException(Errno.EMSGSIZE.status(), "SD_IOC_MANAGE: request too long: len=" +
                request.length() + " max=" + NodeIoctls.MANAGE_SIZE);
        }
        clearIoctlArg(NodeIoctls.MANAGE_SIZE);
        ioctlArg.put(0, request.buffer(), 0, request.length());
        ioctl(NodeIoctls.SD_IOC_MANAGE, "SD_IOC_MANAGE");
        final int len = ioctlView.getInt(ManageResponseFlyweight.LEN_OFFSET);
        final int length = Math.max(0, Math.min(len, NodeIoctls.MANAGE_SIZE));
        return ManageResponse.parse(ioctlArg.duplicate().position(0), length);
    }

    /** @return what the node is (SD_IOC_INFO). */
    public NodeInfo info() throws NodeException
    {
        clearIoctlArg(SdInfoFlyweight.LENGTH);
        ioctl(NodeIoctls.SD_IOC_INFO, "SD_IOC_INFO");
        final SdInfoFlyweight f = new SdInfoFlyweight().wrap(ioctlView, 0);
        final long[] total = new long[Resource.COUNT];
        final long[] free = new long[Resource.COUNT];
        for (int r = 0; r < Resource.COUNT; r++)
        {
            total[r] = Math.max(0, f.total(r));
            free[r] = Math.max(0, f.free(r));
        }
        return new NodeInfo(f.partitionId(), f.minor(), f.major(), f.flags(), f.name(), Resources.of(total),
            Resources.of(free));
    }

    /**
     * Create the shadow node of a partition (SD_IOC_PART_DEV, base node only).
     *
     * @param partitionId a partition the firmware knows.
     * @param wantedMinor the minor to use ({@link #PART_DEV_FLAG_WANT_MINOR}), or -1 for any.
     * @return the node's minor.
     */
    public int partDev(final int partitionId, final int wantedMinor) throws NodeException
    {
        clearIoctlArg(SdPartDevFlyweight.LENGTH);
        final SdPartDevFlyweight f = new SdPartDevFlyweight().wrap(ioctlView, 0);
        f.partitionId(partitionId).flags(wantedMinor >= 0 ? PART_DEV_FLAG_WANT_MINOR : 0)
            .minor(Math.max(wantedMinor, 0));
        ioctl(NodeIoctls.SD_IOC_PART_DEV, "SD_IOC_PART_DEV", " id=" + partitionId);
        return f.minor();
    }

    /** Remove the shadow node of a partition (SD_IOC_PART_DEV with the remove flag, base node only). */
    public void partDevRemove(final int partitionId) throws NodeException
    {
        clearIoctlArg(SdPartDevFlyweight.LENGTH);
        new SdPartDevFlyweight().wrap(ioctlView, 0).partitionId(partitionId).flags(SdPartDevFlyweight.FLAG_REMOVE);
        ioctl(NodeIoctls.SD_IOC_PART_DEV, "SD_IOC_PART_DEV", " id=" + partitionId + " remove");
    }

    /** @return the firmware's status (STATUS). */
    public FirmwareStatus status() throws NodeException
    {
        return transact(new ManageRequest().status()).requireOk().firmwareStatus(0);
    }

    /** @return the partitions this node sees (PART_QUERY). */
    public List<PartitionEntry> partQuery() throws NodeException
    {
        return transact(new ManageRequest().partQuery()).requireOk().partQuery(0);
    }

    /** @return this node's pool (POOL_QUERY). */
    public PoolInfo poolQuery() throws NodeException
    {
        return transact(new ManageRequest().poolQuery()).requireOk().poolQuery(0);
    }

    /** @return the new partition's ID (PART_CREATE). */
    public int partCreate(final String name, final Resources resources) throws NodeException
    {
        return transact(new ManageRequest().partCreate(name, resources)).requireOk().partCreate(0);
    }

    /** @return the new partition's ID (PART_CREATE with the v1.1 body: min, max, LEND). */
    public int partCreate(final String name, final Resources min, final Resources max, final boolean lend)
        throws NodeException
    {
        return transact(new ManageRequest().partCreate(name, min, max, lend)).requireOk().partCreate(0);
    }

    /**
     * PART_RESIZE: change a live partition in place.
     *
     * @return the short mask (0) and how many workloads were preempted.
     * @throws NodeException ENOSPC (reservations past the card), EBUSY (max below used without FORCE), ...
     */
    public ResizeResult partResize(final int partitionId, final int flags, final Resources min, final Resources max)
        throws NodeException
    {
        return transact(new ManageRequest().partResize(partitionId, flags, min, max)).requireOk().partResize(0);
    }

    /** @return the workloads active when the drain began (PART_DRAIN; {@code undo} lifts the cordon). */
    public int partDrain(final int partitionId, final boolean undo, final int graceMs) throws NodeException
    {
        return transact(new ManageRequest().partDrain(partitionId, undo, graceMs)).requireOk().partDrain(0);
    }

    /** @return the partitions this node sees, with min, max, used and borrowed (PART_QUERY_EX). */
    public List<PartitionEntryEx> partQueryEx() throws NodeException
    {
        return transact(new ManageRequest().partQueryEx()).requireOk().partQueryEx(0);
    }

    /** PART_DESTROY. */
    public void partDestroy(final int partitionId, final boolean force) throws NodeException
    {
        transact(new ManageRequest().partDestroy(partitionId, force)).requireOk();
    }

    /**
     * PART_BIND (ABI.md 7): bind a cgroup path to a partition, so that opening the shared node {@code accel/cgroup}
     * from that cgroup (or one below it) reaches the partition; or remove that binding.
     *
     * @throws NodeException {@code PART_BIND: status=EEXIST index=0} when the path is bound to another partition,
     *                       ENOENT for an unknown partition or an unbind of a path not bound to it, EINVAL or
     *                       ENAMETOOLONG for a bad path, EPERM off the base node.
     */
    public void partBind(final int partitionId, final String path, final boolean unbind) throws NodeException
    {
        transact(new ManageRequest().partBind(partitionId, path, unbind)).requireOk();
    }

    @Override
    public void close()
    {
        channel.close();
    }

    private int readOne(final int tag) throws NodeException
    {
        response.clear();
        while (true)
        {
            final int n = channel.read(response);
            if (n > 0)
            {
                return n;
            }
            if (n == 0)
            {
                throw new NodeException(Errno.EIO.status(), "read: no response: tag=" + tag);
            }
            if (n == Errno.EAGAIN.status())
            {
                final int ready = channel.poll(DEFAULT_TIMEOUT_MS);
                if (ready == 0)
                {
                    throw new NodeException(Errno.ETIMEDOUT.status(), "poll: no response in time: tag=" + tag +
                        " timeout_ms=" + DEFAULT_TIMEOUT_MS);
                }
                if (ready < 0 && ready != -LinuxErrno.EINTR)
                {
                    throw new NodeException(ready, "poll: status=" + NodeException.describe(ready) + " tag=" + tag);
                }
            }
            else if (n != -LinuxErrno.EINTR)
            {
                throw new NodeException(n, "read: status=" + NodeException.describe(n) + " tag=" + tag);
            }
        }
    }

    private void clearIoctlArg(final int size)
    {
        ioctlView.setMemory(0, size, (byte)0);
        ioctlArg.clear();
    }

    private void ioctl(final int cmd, final String name) throws NodeException
    {
        ioctl(cmd, name, "");
    }

    private void ioctl(final int cmd, final String name, final String details) throws NodeException
    {
        final int rc = channel.ioctl(cmd, ioctlArg.duplicate().position(0).limit(NodeIoctls.size(cmd)));
        if (rc < 0)
        {
            throw new NodeException(rc, name + ": status=" + NodeException.describe(rc) + details);
        }
    }
}

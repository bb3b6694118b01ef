package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.control.SyncCall;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.wire.PartQueryFromDevFlyweight;
import dev.shadowdev.wire.PoolQueryFromDevFlyweight;
import dev.shadowdev.wire.ResultFromDevFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.ValidatePartitionFromDevFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import dev.shadowdev.wire.node.ManageMessageValidator;
import dev.shadowdev.wire.node.NodeIoctls;
import dev.shadowdev.wire.PartitionEntryFlyweight;
import dev.shadowdev.wire.node.SdInfoFlyweight;
import dev.shadowdev.wire.node.SdPartDevFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * The three restricted ioctls of a node (ABI.md 1.4), synchronous on the caller's thread (control plane):
 * <ul>
 *   <li>SD_IOC_INFO: the node's identity and flags, and its pool's totals and free amounts (POOL_QUERY tagged with
 *   the node's partition).</li>
 *   <li>SD_IOC_MANAGE: a manage message through the session's own pipeline, its response handed back here; both
 *   must fit 4096 bytes (EMSGSIZE).</li>
 *   <li>SD_IOC_PART_DEV: base node only (EPERM): create the shadow node of a partition once VALIDATE_PARTITION says
 *   it is valid (ENOENT otherwise), optionally with a wanted minor; or remove it.</li>
 * </ul>
 */
final class SessionIoctls
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionIoctls.class);
    private static final int KNOWN_PART_DEV_FLAGS = SdPartDevFlyweight.FLAG_REMOVE | SdPartDevFlyweight.FLAG_WANT_MINOR;

    private final Session session;
    private final SessionServices services;
    private final SessionQueues queues;
    private final ManageMessageValidator validator = new ManageMessageValidator();
    private final WireError error = new WireError();
    private final TransactionCursor cursor = new TransactionCursor();
    private SyncCall call;

    SessionIoctls(final Session session, final SessionServices services, final SessionQueues queues)
    {
        this.session = session;
        this.services = services;
        this.queues = queues;
    }

    /** SD_IOC_INFO. */
    synchronized int info(final ByteBuffer arg)
    {
        if (!session.alive())
        {
            return Errno.ENODEV.status();
        }
        final SdInfoFlyweight info = new SdInfoFlyweight().wrap(new WireBuffer(arg), 0);
        final SyncCall sync = call();
        sync.writer().appendPoolQuery();
        final int status = sync.call(session.handle(), session.partitionId(), services.options().controlTimeoutNanos());
        final int offset = answerOffset(sync, status, WireTypes.POOL_QUERY_FROM_DEV);
        if (offset < 0)
        {
            return offset;
        }
        final int poolStatus = sync.response().getInt(offset + PoolQueryFromDevFlyweight.STATUS_OFFSET);
        if (poolStatus != 0)
        {
            return poolStatus;
        }
        final boolean base = session.node().isBase();
        info.partitionId(session.partitionId())
            .minor(session.node().minor())
            .major(session.node().major())
            .flags((base ? SdInfoFlyweight.FLAG_BASE : SdInfoFlyweight.FLAG_SHADOW) |
                (session.alive() ? SdInfoFlyweight.FLAG_ONLINE : 0));
        info.name(session.node().name());
        for (int i = 0; i < Resource.COUNT; i++)
        {
            info.total(i, sync.response().getLong(offset + PoolQueryFromDevFlyweight.TOTAL_OFFSET + i * Long.BYTES));
            info.free(i, sync.response().getLong(offset + PoolQueryFromDevFlyweight.FREE_OFFSET + i * Long.BYTES));
        }
        return 0;
    }

    /** SD_IOC_MANAGE. */
    int manage(final ByteBuffer arg)
    {
        final WireBuffer view = new WireBuffer(arg);
        final int valid;
        synchronized (this)
        {
            valid = validator.validateIoctl(view, 0, error);
            if (valid != 0)
            {
                LOG.warn("ioctl refused: cmd=SD_IOC_MANAGE {} handle={}", error.message(), session.handle());
            }
        }
        if (valid != 0)
        {
            return valid;
        }
        if (!session.alive())
        {
            return Errno.ENODEV.status();
        }
        final int length = view.getInt(ManageMessageFlyweight.LEN_OFFSET);
        final PooledBuffer request = services.pool().acquire(length);
        request.byteBuffer().put(0, arg, 0, length);
        request.length(length);
        final IoctlWait wait = new IoctlWait();
        request.attachment(wait);
        final int offered = queues.offer(request, false, Integer.MAX_VALUE);
        if (offered != 0)
        {
            services.pool().release(request);
            return offered;
        }
        session.runLent();
        final int status = wait.await();
        final PooledBuffer response = wait.response();
        if (status != 0 || response == null)
        {
            services.pool().release(response);
            return status != 0 ? status : Errno.EIO.status();
        }
        final int responseLength = response.length();
        if (responseLength > NodeIoctls.MANAGE_SIZE)
        {
            LOG.warn("ioctl refused: cmd=SD_IOC_MANAGE response too long: len={} max={} handle={}",
                responseLength, NodeIoctls.MANAGE_SIZE, session.handle());
            services.pool().release(response);
            return Errno.EMSGSIZE.status();
        }
        arg.put(0, response.byteBuffer(), 0, responseLength);
        services.pool().release(response);
        return 0;
    }

    /** SD_IOC_PART_DEV. */
    synchronized int partDev(final ByteBuffer arg)
    {
        final WireBuffer view = new WireBuffer(arg);
        final SdPartDevFlyweight partDev = new SdPartDevFlyweight().wrap(view, 0);
        if (!session.node().isBase())
        {
            LOG.warn("ioctl refused: cmd=SD_IOC_PART_DEV not the base node: minor={} partition={}",
                session.node().minor(), session.partitionId());
            return Errno.EPERM.status();
        }
        if (!session.alive())
        {
            return Errno.ENODEV.status();
        }
        final int partitionId = partDev.partitionId();
        final int flags = partDev.flags();
        final int reserved = view.getInt(SdPartDevFlyweight.RESERVED_OFFSET);
        if ((flags & ~KNOWN_PART_DEV_FLAGS) != 0)
        {
            return refuse("bad flags: flags=0x" + Integer.toHexString(flags));
        }
        if (reserved != 0)
        {
            return refuse("bad reserved: reserved=" + reserved);
        }
        if (partitionId < 0)
        {
            return refuse("bad partition_id: partition_id=" + partitionId);
        }
        if ((flags & SdPartDevFlyweight.FLAG_REMOVE) != 0)
        {
            final int minor = services.registry().detach(partitionId);
            if (minor < 0)
            {
                LOG.warn("ioctl refused: cmd=SD_IOC_PART_DEV no node: partition_id={}", partitionId);
                return minor;
            }
            partDev.minor(minor);
            return 0;
        }
        final boolean wantMinor = (flags & SdPartDevFlyweight.FLAG_WANT_MINOR) != 0;
        if (wantMinor && partDev.minor() < 0)
        {
            return refuse("bad minor: minor=" + partDev.minor());
        }
        final int validated = validate(partitionId);
        if (validated != 0)
        {
            LOG.warn("ioctl refused: cmd=SD_IOC_PART_DEV partition not valid: partition_id={} status={}",
                partitionId, validated);
            return validated;
        }
        final int minor = services.registry().attach(partitionId, nameOf(partitionId),
            wantMinor ? partDev.minor() : -1);
        if (minor < 0)
        {
            return minor;
        }
        partDev.minor(minor);
        return 0;
    }

    private int validate(final int partitionId)
    {
        final SyncCall sync = call();
        sync.writer().appendValidatePartition(partitionId);
        final int status = sync.call(session.handle(), NodeView.BASE_PARTITION,
            services.options().controlTimeoutNanos());
        final int offset = answerOffset(sync, status, WireTypes.VALIDATE_PARTITION_FROM_DEV);
        if (offset < 0)
        {
            return offset;
        }
        return sync.response().getInt(offset + ValidatePartitionFromDevFlyweight.STATUS_OFFSET);
    }

    /** @return the partition's name from PART_QUERY, or {@code partition-<id>} when it cannot be read. */
    private String nameOf(final int partitionId)
    {
        final SyncCall sync = call();
        sync.writer().appendPartQuery();
        final int status = sync.call(session.handle(), NodeView.BASE_PARTITION,
            services.options().controlTimeoutNanos());
        final int offset = answerOffset(sync, status, WireTypes.PART_QUERY_FROM_DEV);
        if (offset >= 0 && sync.response().getInt(offset + PartQueryFromDevFlyweight.STATUS_OFFSET) == 0)
        {
            final int n = sync.response().getInt(offset + PartQueryFromDevFlyweight.N_OFFSET);
            final PartitionEntryFlyweight entry = new PartitionEntryFlyweight();
            for (int i = 0; i < n; i++)
            {
                entry.wrap(sync.response(), offset + PartQueryFromDevFlyweight.ENTRIES_OFFSET +
                    i * PartitionEntryFlyweight.LENGTH);
                if (entry.id() == partitionId)
                {
                    return entry.name();
                }
            }
        }
        return "partition-" + partitionId;
    }

    /**
     * @return the offset of the single answer of type {@code expected}, or a negative errno (the call's failure,
     *     the firmware's RESULT_FROM_DEV status, or -EIO for an answer of another shape).
     */
    private int answerOffset(final SyncCall sync, final int status, final int expected)
    {
        if (status != 0)
        {
            return status;
        }
        cursor.wrapWireMessage(sync.response(), 0);
        if (!cursor.next())
        {
            return Errno.EIO.status();
        }
        if (cursor.type() == expected)
        {
            return cursor.offset();
        }
        if (cursor.type() == WireTypes.RESULT_FROM_DEV)
        {
            final int result = sync.response().getInt(cursor.offset() + ResultFromDevFlyweight.STATUS_OFFSET);
            return result == 0 ? Errno.EIO.status() : result;
        }
        return Errno.EIO.status();
    }

    private SyncCall call()
    {
        if (call == null)
        {
            call = new SyncCall(services.client());
        }
        return call;
    }

    private static int refuse(final String reason)
    {
        LOG.warn("ioctl refused: cmd=SD_IOC_PART_DEV {}", reason);
        return Errno.EINVAL.status();
    }
}

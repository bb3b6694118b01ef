package dev.shadowdev.dra.claim;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.dra.Dra;
import dev.shadowdev.dra.catalog.DeviceCatalog;
import dev.shadowdev.dra.catalog.DraDevice;
import dev.shadowdev.dra.node.BaseNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a claim into shadow nodes and undoes it, through the base node:
 * <ol>
 *   <li>read the claim's allocation (the API server), map each device to the catalog;</li>
 *   <li>save the claim, not complete, naming every partition it will make (write-ahead: a crash from here on leaves
 *   nothing the state does not name);</li>
 *   <li>per device: find or create the partition (PART_QUERY, PART_CREATE; a profile device's partition is
 *   {@code dra-<hash of claim UID and device>}, so a repeat finds it), then its shadow node (SD_IOC_PART_DEV,
 *   with the saved minor on a repeat);</li>
 *   <li>write the claim's CDI spec, save the claim complete, answer the CDI device IDs.</li>
 * </ol>
 * A repeat of a prepared claim answers from the state after checking (and where needed redoing) every step, so a
 * restart between prepare and unprepare, or a partition that is already there, gives the same answer. A failure
 * undoes what that claim made and forgets it. Unprepare destroys the claim's own partitions (never a configured
 * one), removes its spec and forgets it; an unknown claim is nothing to do. One claim at a time.
 */
public final class ClaimPreparer
{
    private static final Logger LOG = LoggerFactory.getLogger(ClaimPreparer.class);

    private final BaseNode base;
    private final ClaimSource source;
    private final ClaimStateStore store;
    private final Path cdiDir;
    private final String pool;

    /**
     * @param base   the base node session.
     * @param source the API server's claims.
     * @param store  the plugin's state file.
     * @param cdiDir where the per-claim CDI specs go (the runtime's CDI directory, e.g. /var/run/cdi).
     * @param pool   this node's pool name.
     */
    public ClaimPreparer(final BaseNode base, final ClaimSource source, final ClaimStateStore store, final Path cdiDir,
        final String pool)
    {
        this.base = base;
        this.source = source;
        this.store = store;
        this.cdiDir = cdiDir;
        this.pool = pool;
    }

    /** @return the partition a claim's profile device stands for: {@code dra-} and 27 hex digits, 31 bytes. */
    public static String partitionName(final String uid, final String device)
    {
        return Dra.PARTITION_PREFIX + DeviceCatalog.sha256(uid + "/" + device).substring(0, 27);
    }

    /**
     * @return the claim's devices, prepared.
     * @throws PrepareException naming the claim, the device and the step that failed; nothing of the claim is left.
     */
    public synchronized List<PreparedDevice> prepare(final ClaimRef ref) throws PrepareException
    {
        ref.validate("prepare");
        ClaimRecord record = load().find(ref.uid());
        if (record == null)
        {
            record = plan(ref);
            save(load().with(record));
            LOG.info("prepare: planned: claim={} devices={}", ref, record.devices().size());
        }
        else
        {
            LOG.info("prepare: again: claim={} complete={}", ref, record.complete());
        }
        final List<PreparedDevice> done = new ArrayList<>();
        try
        {
            for (final PreparedDevice d : record.devices())
            {
                done.add(ensure(ref, d));
            }
            ClaimCdiSpec.write(cdiDir, ref.uid(), done, base.mount());
            save(load().with(new ClaimRecord(ref.uid(), ref.namespace(), ref.name(), true, done)));
        }
        catch (final PrepareException | IOException ex)
        {
            final String message = ex instanceof PrepareException ? ex.getMessage() :
                "prepare: cannot write: claim=" + ref + " error=" + ex.getMessage();
            LOG.warn("{}; undoing the claim", message);
            undo(ref, record);
            throw new PrepareException(message, ex);
        }
        LOG.info("prepare: done: claim={} devices={}", ref, done);
        return done;
    }

    /**
     * Destroy the claim's partitions and nodes, remove its CDI spec, forget it. Unknown claim: nothing to do.
     *
     * @throws PrepareException when the base node refuses; the claim is kept, so a repeat can finish.
     */
    public synchronized void unprepare(final ClaimRef ref) throws PrepareException
    {
        ref.validate("unprepare");
        final ClaimRecord record = load().find(ref.uid());
        if (record == null)
        {
            LOG.info("unprepare: unknown claim, nothing to do: claim={}", ref);
            return;
        }
        release(ref, record);
        try
        {
            ClaimCdiSpec.remove(cdiDir, ref.uid());
        }
        catch (final IOException ex)
        {
            throw new PrepareException("unprepare: cannot remove the CDI spec: claim=" + ref + " error=" +
                ex.getMessage(), ex);
        }
        save(load().without(ref.uid()));
        LOG.info("unprepare: done: claim={}", ref);
    }

    /** @return the claim as it will be prepared: each allocated device mapped to its partition. */
    private ClaimRecord plan(final ClaimRef ref) throws PrepareException
    {
        final Allocation allocation = source.allocation(ref, pool);
        final DeviceCatalog catalog;
        try
        {
            catalog = DeviceCatalog.of(base.layout());
        }
        catch (final NodeException | IOException ex)
        {
            throw new PrepareException("prepare: cannot read the card: claim=" + ref + " error=" + ex.getMessage(), ex);
        }
        final List<PreparedDevice> devices = new ArrayList<>();
        for (final Allocation.AllocatedDevice a : allocation.devices())
        {
            final DraDevice d = catalog.device(a.device());
            if (d == null)
            {
                throw new PrepareException("prepare: device not in the pool: claim=" + ref + " pool=" + pool +
                    " device=" + a.device());
            }
            final String partition = d.configured() ? d.partition() : partitionName(ref.uid(), d.name());
            devices.add(new PreparedDevice(a.requestNames(), pool, d.name(), partition, !d.configured(),
                d.resources(), -1, ClaimCdiSpec.deviceId(ref.uid(), d.name())));
        }
        return new ClaimRecord(ref.uid(), ref.namespace(), ref.name(), false, devices);
    }

    /** Find or create the device's partition, then its node; @return the device with its minor. */
    private PreparedDevice ensure(final ClaimRef ref, final PreparedDevice d) throws PrepareException
    {
        final String at = " claim=" + ref + " device=" + d.device() + " partition=" + d.partition();
        try
        {
            final PartitionEntry existing = base.find(d.partition());
            final int id;
            if (existing != null)
            {
                id = existing.id();
            }
            else if (d.owned())
            {
                id = base.create(d.partition(), d.resources());
                LOG.info("prepare: partition created: id={}{} resources=[{}]", id, at, d.resources());
            }
            else
            {
                throw new PrepareException("prepare: configured partition missing:" + at);
            }
            int minor;
            try
            {
                minor = base.attach(id, d.minor());
            }
            catch (final NodeException ex)
            {
                if (d.minor() < 0 || ex.errno() != Errno.EBUSY)
                {
                    throw ex;
                }
                LOG.warn("prepare: saved minor taken, taking another: minor={}{}", d.minor(), at);
                minor = base.attach(id, -1);
            }
            return d.withMinor(minor);
        }
        catch (final NodeException ex)
        {
            throw new PrepareException("prepare: " + ex.getMessage() + at, ex);
        }
    }

    /** After a failure: destroy what the claim made, remove its spec, forget it. Failures here are logged. */
    private void undo(final ClaimRef ref, final ClaimRecord record)
    {
        try
        {
            release(ref, record);
            ClaimCdiSpec.remove(cdiDir, ref.uid());
            save(load().without(ref.uid()));
        }
        catch (final PrepareException | IOException ex)
        {
            LOG.error("prepare: undo failed, the claim stays in the state for unprepare: claim={} error={}", ref,
                ex.getMessage());
        }
    }

    /** Remove the node and destroy the partition of every owned device; those already gone are skipped. */
    private void release(final ClaimRef ref, final ClaimRecord record) throws PrepareException
    {
        for (final PreparedDevice d : record.devices())
        {
            if (!d.owned())
            {
                continue;
            }
            final String at = " claim=" + ref + " device=" + d.device() + " partition=" + d.partition();
            try
            {
                final PartitionEntry e = base.find(d.partition());
                if (e == null)
                {
                    continue;
                }
                try
                {
                    base.detach(e.id());
                }
                catch (final NodeException ex)
                {
                    if (ex.errno() != Errno.ENOENT)
                    {
                        throw ex;
                    }
                }
                if (e.activeWorkloads() > 0)
                {
                    LOG.warn("unprepare: destroying a partition with active workloads: active={}{}",
                        e.activeWorkloads(), at);
                }
                base.destroy(e.id(), true);
                LOG.info("unprepare: partition destroyed: id={}{}", e.id(), at);
            }
            catch (final NodeException ex)
            {
                throw new PrepareException("unprepare: " + ex.getMessage() + at, ex);
            }
        }
    }

    private ClaimState load() throws PrepareException
    {
        try
        {
            return store.load();
        }
        catch (final IOException ex)
        {
            throw new PrepareException("state: " + ex.getMessage(), ex);
        }
    }

    private void save(final ClaimState state) throws PrepareException
    {
        try
        {
            store.save(state);
        }
        catch (final IOException ex)
        {
            throw new PrepareException("state: cannot save: file=" + store.file() + " error=" + ex.getMessage(), ex);
        }
    }
}

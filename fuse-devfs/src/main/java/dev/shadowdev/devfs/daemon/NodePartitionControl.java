package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.client.ResizeResult;
import dev.shadowdev.devfs.resource.Resources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link PartitionControl} through the base node's ABI: manage messages for PART_QUERY, POOL_QUERY, PART_CREATE
 * (v1 and v1.1 bodies), PART_RESIZE, PART_DRAIN, PART_QUERY_EX, PART_DESTROY and PART_BIND, SD_IOC_PART_DEV for nodes (with {@link NodeClient#PART_DEV_FLAG_WANT_MINOR} to
 * restore a saved minor), and the mounted tree's {@code cgroups} listing for the bindings.
 */
public final class NodePartitionControl implements PartitionControl
{
    private final NodeClient base;
    private final Path mount;

    /**
     * Without a mount there is no listing to read: {@link #bindings()} is then empty, so use this only for configs
     * without cgroups.
     *
     * @param base a client on the base node; not closed by this class.
     */
    public NodePartitionControl(final NodeClient base)
    {
        this(base, null);
    }

    /**
     * @param base  a client on the base node; not closed by this class.
     * @param mount the devfs mount point, whose {@code cgroups} file lists the bindings, or {@code null}.
     */
    public NodePartitionControl(final NodeClient base, final Path mount)
    {
        this.base = base;
        this.mount = mount;
    }

    @Override
    public List<PartitionEntry> query() throws NodeException
    {
        return base.partQuery();
    }

    @Override
    public Resources globalFree() throws NodeException
    {
        return base.poolQuery().free();
    }

    @Override
    public int create(final String name, final Resources resources) throws NodeException
    {
        return base.partCreate(name, resources);
    }

    @Override
    public int create(final String name, final Resources min, final Resources max, final boolean lend)
        throws NodeException
    {
        return base.partCreate(name, min, max, lend);
    }

    @Override
    public ResizeResult resize(final int partitionId, final int flags, final Resources min, final Resources max)
        throws NodeException
    {
        return base.partResize(partitionId, flags, min, max);
    }

    @Override
    public int drain(final int partitionId, final boolean undo, final int graceMs) throws NodeException
    {
        return base.partDrain(partitionId, undo, graceMs);
    }

    @Override
    public List<PartitionEntryEx> queryEx() throws NodeException
    {
        return base.partQueryEx();
    }

    @Override
    public Resources total() throws NodeException
    {
        return base.poolQuery().total();
    }

    @Override
    public void destroy(final int partitionId, final boolean force) throws NodeException
    {
        base.partDestroy(partitionId, force);
    }

    @Override
    public int attachNode(final int partitionId, final int wantedMinor) throws NodeException
    {
        return base.partDev(partitionId, wantedMinor);
    }

    @Override
    public void detachNode(final int partitionId) throws NodeException
    {
        base.partDevRemove(partitionId);
    }

    @Override
    public void bind(final int partitionId, final String path) throws NodeException
    {
        base.partBind(partitionId, path, false);
    }

    @Override
    public void unbind(final int partitionId, final String path) throws NodeException
    {
        base.partBind(partitionId, path, true);
    }

    @Override
    public List<CgroupBinding> bindings() throws NodeException
    {
        if (mount == null)
        {
            return List.of();
        }
        try
        {
            return CgroupListing.read(mount);
        }
        catch (final IOException ex)
        {
            throw new NodeException(Errno.EIO.status(), "cannot read the cgroup bindings: " + ex.getMessage());
        }
    }
}

package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.resource.Resources;

import java.util.List;

/**
 * {@link PartitionControl} through the base node's ABI: manage messages for PART_QUERY, POOL_QUERY, PART_CREATE
 * and PART_DESTROY, SD_IOC_PART_DEV for nodes (with {@link NodeClient#PART_DEV_FLAG_WANT_MINOR} to restore a
 * saved minor).
 */
public final class NodePartitionControl implements PartitionControl
{
    private final NodeClient base;

    /** @param base a client on the base node; not closed by this class. */
    public NodePartitionControl(final NodeClient base)
    {
        this.base = base;
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
}

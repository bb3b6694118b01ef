package dev.shadowdev.devfs.client;

import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.wire.node.SdInfoFlyweight;

/**
 * The SD_IOC_INFO struct (ABI.md 1.4): what a node is.
 *
 * @param partitionId the partition, -1 for the base node.
 * @param minor       the node's minor.
 * @param major       the node's major (261 unless configured).
 * @param flags       bit0 base, bit1 shadow, bit2 online.
 * @param name        the partition's name, or the device's for the base node.
 * @param total       the node's pool.
 * @param free        what is free in it.
 */
public record NodeInfo(int partitionId, int minor, int major, int flags, String name, Resources total, Resources free)
{
    public boolean isBase()
    {
        return (flags & SdInfoFlyweight.FLAG_BASE) != 0;
    }

    public boolean isShadow()
    {
        return (flags & SdInfoFlyweight.FLAG_SHADOW) != 0;
    }

    public boolean isOnline()
    {
        return (flags & SdInfoFlyweight.FLAG_ONLINE) != 0;
    }
}

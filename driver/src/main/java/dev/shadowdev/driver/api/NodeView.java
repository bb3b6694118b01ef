package dev.shadowdev.driver.api;

/**
 * What the driver tells the devfs about one device node: the base device (partition -1) or a shadow device.
 * Immutable snapshot; a node that changes (online/offline) is reported again through {@link NodeListener}.
 */
public interface NodeView
{
    /** Partition ID of the base device. */
    int BASE_PARTITION = -1;
    /** "Partition" of the shared cgroup node: each of its sessions reaches the partition its caller's cgroup is bound to. */
    int CGROUP_NODE = -2;

    /** @return the node's minor, unique among all nodes, stable across resets and restarts. */
    int minor();

    /** @return the node's major (261, the Linux accel major, unless configured). */
    int major();

    /** @return the partition the node is tagged with, {@link #BASE_PARTITION} for the base device,
     *     {@link #CGROUP_NODE} for the shared cgroup node. */
    int partitionId();

    /** @return true for the base device. */
    default boolean isBase()
    {
        return partitionId() == BASE_PARTITION;
    }

    /** @return true for the shared cgroup node ({@code accel/cgroup}, ABI.md 7). */
    default boolean isCgroupNode()
    {
        return partitionId() == CGROUP_NODE;
    }

    /** @return true while the firmware is up and the partition is valid; offline nodes answer ENODEV or EIO. */
    boolean online();

    /** @return the partition's name, or the device name for the base device. */
    String name();

    /** @return the minor of the base device this node belongs to (its own minor for the base device). */
    int parentMinor();
}

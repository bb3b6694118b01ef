package dev.shadowdev.driver.api;

import java.util.List;

/**
 * The driver as the devfs sees it: the nodes, sessions on them, and the read-only facts behind the attribute
 * files. Implemented by the driver; the filesystem depends on nothing else of it.
 */
public interface NodeAccess
{
    /** @return a snapshot of every node, base device first. */
    List<NodeView> nodes();

    /** @param listener told of nodes added, removed and changed from now on. */
    void addListener(NodeListener listener);

    void removeListener(NodeListener listener);

    /**
     * @param listener told when the firmware is lost and when the driver has reset it (see {@link ResetListener}).
     *                 An implementation that never resets may ignore it.
     */
    default void addResetListener(final ResetListener listener)
    {
    }

    default void removeResetListener(final ResetListener listener)
    {
    }

    /**
     * Open a session on a node.
     *
     * @return the session, or the negative errno when the node does not exist (ENOENT), is offline (ENODEV) or no
     * user handle is left (ENOSPC).
     */
    OpenResult open(int minor);

    /**
     * Open a session on a node for the process {@code pid} (the FUSE request's caller). On the shared cgroup node the
     * session reaches the partition bound to the caller's cgroup: EACCES when no binding covers it, ESRCH when the
     * process is gone. Other nodes ignore {@code pid}.
     */
    default OpenResult open(final int minor, final int pid)
    {
        return open(minor);
    }

    /**
     * @return a shadow node's elastic figures (ABI.md 6.2: min, max, current, borrowed, peak, state), or null for
     *     another node or when the firmware does not answer.
     */
    default PartitionUsage partitionUsage(final int minor)
    {
        return null;
    }

    /** @return the node's event lines, oldest first, one a line; null for an unknown node. */
    default String events(final int minor)
    {
        return null;
    }

    /** @return how many event lines the node ever had (grows with every line; -1 for an unknown node). */
    default long eventsAdded(final int minor)
    {
        return -1;
    }

    /** @return every cgroup binding (ABI.md 7), by path; none when the implementation has no cgroup node. */
    default List<CgroupBinding> cgroupBindings()
    {
        return List.of();
    }

    /**
     * @return the node's pool and usage as the firmware reports them now, or {@code null} when the node does not
     * exist or the firmware does not answer.
     */
    NodeUsage usage(int minor);
}

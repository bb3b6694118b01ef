package dev.shadowdev.driver.api;

/**
 * Told when nodes appear, disappear or go on/offline, so the devfs can show them at run time.
 * Called from driver threads; implementations must not block.
 */
public interface NodeListener
{
    void onNodeAdded(NodeView node);

    void onNodeRemoved(NodeView node);

    void onNodeChanged(NodeView node);

    /**
     * A line was added to the node's {@code events} (ABI.md 6.2: poll-able), e.g. a preemption on its partition.
     *
     * @param node the node.
     * @param line the line as {@code events} shows it (timestamp first).
     */
    default void onNodeEvent(final NodeView node, final String line)
    {
    }
}

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
}

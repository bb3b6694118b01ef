package dev.shadowdev.driver.node;

import dev.shadowdev.driver.api.NodeView;

/**
 * An immutable {@link NodeView}: a node as it was when the snapshot was taken.
 *
 * @param minor       the node's minor.
 * @param major       the node's major.
 * @param partitionId its partition, -1 for the base device.
 * @param online      firmware up and partition attached.
 * @param name        partition or device name.
 * @param parentMinor the base device's minor.
 * @param generation  how many times it came online (a session belongs to one generation).
 */
public record NodeSnapshot(
    int minor, int major, int partitionId, boolean online, String name, int parentMinor, int generation)
    implements NodeView
{
}

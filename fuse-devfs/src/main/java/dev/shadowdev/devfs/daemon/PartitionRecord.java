package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.resource.Resources;

/**
 * What the daemon remembers of one partition it made: enough to re-create the same node path after a restart.
 *
 * @param name        the partition's name.
 * @param partitionId the firmware's partition ID (changes when the partition is re-created).
 * @param minor       the shadow node's minor: {@code accel/accel<minor>}; kept across re-creation and restarts.
 * @param node        the node's mode and owner as last set, or {@code null} while they have not been set yet (the
 *                    node exists but its chmod/chown has not succeeded): the next plan sets them.
 * @param resources   what the partition reserves.
 */
public record PartitionRecord(String name, int partitionId, int minor, NodeMode node, Resources resources)
{
}

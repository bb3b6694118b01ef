package dev.shadowdev.devfs.up;

import dev.shadowdev.devfs.client.NodeChannel;
import dev.shadowdev.devfs.client.SessionNodeChannel;
import dev.shadowdev.devfs.daemon.MountNodeAttributes;
import dev.shadowdev.devfs.daemon.NodeAttributes;
import dev.shadowdev.driver.api.NodeAccess;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.api.OpenResult;

import java.nio.file.Path;

/**
 * A running devfs made by a {@link DevfsMounter}: firmware, driver and the mounted filesystem in this JVM. The CLI's
 * {@code up} uses it to create the configured partitions through the base node (exactly as a separate daemon would
 * through the node file), then waits until it is unmounted or the JVM is interrupted.
 */
public interface DevfsMount extends AutoCloseable
{
    /** @return where the filesystem is mounted. */
    Path mountPoint();

    /** @return the driver's nodes, as the filesystem sees them. */
    NodeAccess nodes();

    /**
     * @return a new session on the base node, in-process. The default finds the base node in {@link #nodes()}.
     * @throws IllegalStateException when there is no base node or it cannot be opened.
     */
    default NodeChannel openBase()
    {
        final NodeAccess access = nodes();
        for (final NodeView node : access.nodes())
        {
            if (node.isBase())
            {
                final OpenResult opened = access.open(node.minor());
                if (!opened.isOpen())
                {
                    throw new IllegalStateException(
                        "up: cannot open the base node: minor=" + node.minor() + " status=" + opened.status());
                }
                return new SessionNodeChannel(opened.session(), false);
            }
        }
        throw new IllegalStateException("up: no base node");
    }

    /**
     * @return how the daemon sets a node's mode and owner; by default {@code chmod}/{@code chown} through the
     * mount, which the filesystem must then support on {@code accel/accel<minor>}.
     */
    default NodeAttributes nodeAttributes()
    {
        return new MountNodeAttributes(mountPoint());
    }

    /** Block until the filesystem is unmounted (by {@link #close()} or from outside, e.g. {@code fusermount -u}). */
    void awaitUnmount() throws InterruptedException;

    /** Unmount cleanly and stop the driver and the firmware. Idempotent; called from a shutdown hook too. */
    @Override
    void close();
}

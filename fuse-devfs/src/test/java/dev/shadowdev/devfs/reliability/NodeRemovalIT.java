package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A removed node is gone for the kernel at once: right after SD_IOC_PART_DEV remove (or a forced PART_DESTROY)
 * returns, {@code stat()} of {@code accel/accel<minor>}, {@code by-name/<name>} and {@code class/accel/accel<minor>}
 * and {@code open()} of the node fail with ENOENT, with no waiting. Each path is stat()ed just before the removal,
 * so that the kernel has it cached (it kept such entries for its entry timeout, 1 s, before the devfs told it).
 */
class NodeRemovalIT
{
    private static final Resources SMALL = Resources.of(1, 64L << 20, 0, 0, 1);

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    @Test
    void aNodeRemovedWithPartDevIsGoneForStatAndOpenAtOnce() throws Exception
    {
        try (NodeClient base = NodeClient.open(devfs.base()))
        {
            final int id = base.partCreate("vanish-a", SMALL);
            final int minor = base.partDev(id, -1);
            final List<Path> paths = paths(minor, "vanish-a");
            assertCached(paths);

            base.partDevRemove(id);

            assertGone(paths);
            base.partDestroy(id, true);
        }
        devfs.assertHealthyAndIdle();
    }

    @Test
    void aNodeRemovedByDestroyingItsPartitionIsGoneForStatAndOpenAtOnce() throws Exception
    {
        try (NodeClient base = NodeClient.open(devfs.base()))
        {
            final int id = base.partCreate("vanish-b", SMALL);
            final int minor = base.partDev(id, -1);
            final List<Path> paths = paths(minor, "vanish-b");
            assertCached(paths);

            base.partDestroy(id, true);

            assertGone(paths);
        }
        devfs.assertHealthyAndIdle();
    }

    private static List<Path> paths(final int minor, final String name)
    {
        return List.of(devfs.mount.resolve("accel/accel" + minor), devfs.mount.resolve("by-name/" + name),
            devfs.mount.resolve("class/accel/accel" + minor));
    }

    private static void assertCached(final List<Path> paths) throws Exception
    {
        for (final Path path : paths)
        {
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        NodeClient.open(paths.get(0)).close();
    }

    private static void assertGone(final List<Path> paths)
    {
        for (final Path path : paths)
        {
            assertThrows(NoSuchFileException.class,
                () -> Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS),
                "stat right after the removal: " + path);
        }
        final NodeException open = assertThrows(NodeException.class, () -> NodeClient.open(paths.get(0)));
        assertEquals(Errno.ENOENT, open.errno(), open.getMessage());
        assertTrue(open.getMessage().contains(paths.get(0).toString()), open.getMessage());
    }
}

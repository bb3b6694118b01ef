package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.wire.node.NodeIoctls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A container (here: an open file descriptor, which is all a container holds) keeps a shadow node open while the
 * daemon takes its partition away through the base node, then creates another partition and attaches it at the
 * same minor ({@code SD_IOC_PART_DEV} with FLAG_WANT_MINOR). The old descriptor answers ENODEV to everything (write,
 * read, SD_IOC_INFO, SD_IOC_MANAGE) and never reaches the new partition; a fresh open of the same path reaches only
 * the new one. Both orders: PART_DESTROY first (the driver removes the node itself; the later remove is ENOENT),
 * and SD_IOC_PART_DEV remove first.
 */
class StaleNodeIT
{
    private static final Resources SMALL = Resources.of(1, 64L << 20, 0, 0, 1);
    private static final byte[] IMAGE = new WorkloadImageWriter().name("stale").needs(1, 1 << 20, 0, 0, 1)
        .op(WorkloadOp.ECHO).payload(new byte[64]).toBytes();

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    @Test
    void destroyingThePartitionUnderAnOpenNodeLeavesItDeadAndTheReusedMinorUnreachable() throws Exception
    {
        try (NodeClient base = NodeClient.open(devfs.base()))
        {
            final int id = base.partCreate("stale-a", SMALL);
            final int minor = base.partDev(id, -1);
            final Path path = devfs.mount.resolve("accel/accel" + minor);
            try (NodeClient old = NodeClient.open(path))
            {
                final WorkloadRunner runner = new WorkloadRunner(old);
                runner.load(0, IMAGE);
                final int dbc = runner.activate(0).dbcId();

                final NodeException busy = assertThrows(NodeException.class, () -> base.partDestroy(id, false));
                assertEquals(Errno.EBUSY, busy.errno(), busy.getMessage());
                assertArrayEquals(new byte[]{1, 2, 3}, runner.execute(dbc, new byte[]{1, 2, 3}),
                    "a refused destroy changes nothing");

                base.partDestroy(id, true);
                assertFalse(listed(path), "the driver removed the node of the destroyed partition");
                assertDead(old);
                final NodeException remove = assertThrows(NodeException.class, () -> base.partDevRemove(id));
                assertEquals(Errno.ENOENT, remove.errno(), remove.getMessage());

                reuseMinorAndCheck(base, old, minor, path, "stale-b");
            }
        }
        devfs.assertHealthyAndIdle();
    }

    @Test
    void removingTheNodeFirstLeavesTheOpenFileDeadAndTheReusedMinorUnreachable() throws Exception
    {
        try (NodeClient base = NodeClient.open(devfs.base()))
        {
            final int id = base.partCreate("stale-c", SMALL);
            final int minor = base.partDev(id, -1);
            final Path path = devfs.mount.resolve("accel/accel" + minor);
            try (NodeClient old = NodeClient.open(path))
            {
                final WorkloadRunner runner = new WorkloadRunner(old);
                runner.load(0, IMAGE);
                runner.activate(0);

                base.partDevRemove(id);
                assertFalse(listed(path), "node removed");
                assertDead(old);
                base.partDestroy(id, true);
                assertDead(old);

                reuseMinorAndCheck(base, old, minor, path, "stale-d");
            }
        }
        devfs.assertHealthyAndIdle();
    }

    /** Another partition at the same minor: the old file stays dead, a new open reaches only the new partition. */
    private static void reuseMinorAndCheck(final NodeClient base, final NodeClient old, final int minor, final Path path,
        final String name) throws Exception
    {
        final int id = base.partCreate(name, SMALL);
        assertEquals(minor, base.partDev(id, minor), "FLAG_WANT_MINOR gives the old minor back");
        assertTrue(listed(path));
        assertDead(old);
        try (NodeClient fresh = NodeClient.open(path))
        {
            assertEquals(name, fresh.info().name());
            assertEquals(List.of(name), fresh.partQuery().stream().map(PartitionEntry::name).toList());
            assertArrayEquals(new byte[]{9, 8, 7}, new WorkloadRunner(fresh).run(IMAGE, new byte[]{9, 8, 7}).output());
        }
        assertDead(old);
        base.partDevRemove(id);
        base.partDestroy(id, true);
    }

    /**
     * @return whether the node is in its directory's listing (readdir is not cached; a stat may still find a removed
     * node for up to libfuse's default entry_timeout of 1 s).
     */
    private static boolean listed(final Path node) throws Exception
    {
        try (var names = Files.list(node.getParent()))
        {
            return names.anyMatch(p -> p.getFileName().equals(node.getFileName()));
        }
    }

    /** Every node operation on the old file answers ENODEV. */
    private static void assertDead(final NodeClient old)
    {
        final FileNodeChannel channel = (FileNodeChannel)old.channel();
        assertEquals(Errno.ENODEV.status(), channel.write(new ManageRequest().tag(5).status().buffer()), "write");
        assertEquals(Errno.ENODEV.status(), channel.read(ByteBuffer.allocateDirect(4096)), "read");
        assertEquals(Errno.ENODEV.status(), channel.ioctl(NodeIoctls.SD_IOC_INFO, ByteBuffer.allocate(128)),
            "SD_IOC_INFO");
        final ByteBuffer manage = ByteBuffer.allocate(NodeIoctls.MANAGE_SIZE);
        manage.put(0, new ManageRequest().tag(6).partQuery().toBytes());
        assertEquals(Errno.ENODEV.status(), channel.ioctl(NodeIoctls.SD_IOC_MANAGE, manage), "SD_IOC_MANAGE");
    }
}

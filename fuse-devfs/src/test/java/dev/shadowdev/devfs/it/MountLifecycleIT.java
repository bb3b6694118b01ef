package dev.shadowdev.devfs.it;

import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.fs.FuseMountPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The mount's life with shadowdev's own FUSE request loop: an unmount from outside ends the loop and a later close
 * is harmless; a lazy unmount keeps serving a file that is still open until it is closed; a new mount at the same
 * place works.
 */
class MountLifecycleIT
{
    @TempDir
    Path dir;

    @Test
    void anUnmountFromOutsideEndsTheLoopAndCloseAfterItIsHarmless() throws Exception
    {
        final MountedDevfs first = MountedDevfs.start(Files.createDirectories(dir.resolve("first")));
        final Path mount = first.mount;
        FuseMountPoint.unmount(mount);
        assertFalse(FuseMountPoint.isMounted(mount));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (first.devfs.fuseWorkersAlive() > 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        assertEquals(0, first.devfs.fuseWorkersAlive(), "the loop ends with the mount");
        first.close();
        first.close();

        try (MountedDevfs second = MountedDevfs.start(Files.createDirectories(dir.resolve("second"))))
        {
            exchange(second.node("infer-a"));
        }
    }

    @Test
    void aLazyUnmountServesAFileStillOpenUntilItIsClosed() throws Exception
    {
        try (MountedDevfs devfs = MountedDevfs.start(dir))
        {
            try (FileNodeChannel channel = FileNodeChannel.open(devfs.node("infer-b"), false))
            {
                FuseMountPoint.unmount(devfs.mount);
                assertFalse(FuseMountPoint.isMounted(devfs.mount), "the path is gone at once");
                final ByteBuffer response = ByteBuffer.allocateDirect(131072).order(ByteOrder.LITTLE_ENDIAN);
                final ByteBuffer request = new ManageRequest().tag(9).passthrough(new byte[64]).buffer();
                assertEquals(request.remaining(), channel.write(request.duplicate()));
                assertEquals(16 + 16 + 64, channel.read(response), "the open file is still served");
            }
        }
    }

    private static void exchange(final Path node) throws Exception
    {
        try (FileNodeChannel channel = FileNodeChannel.open(node, false))
        {
            final ByteBuffer response = ByteBuffer.allocateDirect(131072).order(ByteOrder.LITTLE_ENDIAN);
            final ByteBuffer request = new ManageRequest().tag(3).passthrough(new byte[128]).buffer();
            assertEquals(request.remaining(), channel.write(request.duplicate()));
            assertEquals(16 + 16 + 128, channel.read(response));
        }
    }
}

package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.wire.node.NodeIoctls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.shadowdev.devfs.client.ManageResponseTest.assertFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The libc bindings against real files: a regular file, a FIFO (blocking rules), and a missing path. */
class FileNodeChannelTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteAndReadARegularFileInSingleCalls() throws Exception
    {
        final Path file = dir.resolve("node");
        Files.write(file, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });

        try (FileNodeChannel channel = FileNodeChannel.open(file, false))
        {
            final ByteBuffer dst = ByteBuffer.allocate(16);
            dst.position(2);
            assertEquals(9, channel.read(dst));
            assertEquals(2, dst.position());
            assertArrayEquals(new byte[] { 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 0, 0 }, dst.array());
            assertEquals(0, channel.read(dst));

            final ByteBuffer src = ByteBuffer.wrap(new byte[] { 0, 0, 42, 43 }).position(2);
            assertEquals(2, channel.write(src));
            assertEquals(2, src.position());
            assertEquals(1, channel.poll(0));
        }
        assertArrayEquals(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 42, 43 }, Files.readAllBytes(file));
    }

    @Test
    void shouldAnswerErrnosInsteadOfThrowing() throws Exception
    {
        final Path file = dir.resolve("node");
        Files.write(file, new byte[8]);
        final FileNodeChannel channel = FileNodeChannel.open(file, false);

        assertEquals(-25, channel.ioctl(NodeIoctls.SD_IOC_INFO, ByteBuffer.allocate(128)));
        assertEquals(Errno.EINVAL.status(), channel.ioctl(NodeIoctls.SD_IOC_INFO, ByteBuffer.allocate(127)));
        channel.close();
        channel.close();
        assertEquals(-9, channel.read(ByteBuffer.allocate(8)));
        assertEquals(-9, channel.write(ByteBuffer.allocate(8)));
    }

    @Test
    void shouldFollowTheBlockingRulesOnAFifo() throws Exception
    {
        final Path fifo = dir.resolve("fifo");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        mkfifo.waitFor(10, TimeUnit.SECONDS);
        assertEquals(0, mkfifo.exitValue());

        try (FileNodeChannel channel = FileNodeChannel.open(fifo, true))
        {
            final ByteBuffer dst = ByteBuffer.allocate(64);
            assertEquals(Errno.EAGAIN.status(), channel.read(dst));
            assertEquals(0, channel.poll(20));

            assertEquals(3, channel.write(ByteBuffer.wrap(new byte[] { 7, 8, 9 })));
            assertEquals(1, channel.poll(-1));
            assertEquals(3, channel.read(dst));
            assertEquals(9, dst.get(2));
        }
    }

    @Test
    void shouldNameThePathWhenOpenFails()
    {
        final Path missing = dir.resolve("accel").resolve("accel9");

        assertFailure(() -> FileNodeChannel.open(missing, false), Errno.ENOENT,
            "open: status=ENOENT path=" + missing);
    }
}

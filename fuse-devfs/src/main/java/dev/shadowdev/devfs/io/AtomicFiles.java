package dev.shadowdev.devfs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replace a file so that readers, and a crash at any moment, see either the old content or the new, never a mix:
 * write a temporary file in the same directory, fsync it, rename it over the target, fsync the directory.
 */
public final class AtomicFiles
{
    private AtomicFiles()
    {
    }

    /**
     * @param target  the file to create or replace; its directory must exist.
     * @param content the new content.
     * @throws IOException when any step fails; the target is then unchanged and the temporary file removed.
     */
    public static void write(final Path target, final byte[] content) throws IOException
    {
        final Path absolute = target.toAbsolutePath();
        final Path dir = absolute.getParent();
        final Path temp = dir.resolve(
            "." + absolute.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try
        {
            try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
            {
                final ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining())
                {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try
            {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                throw new IOException("atomic rename not supported: dir=" + dir, ex);
            }
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    private static void syncDirectory(final Path dir) throws IOException
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
    }
}

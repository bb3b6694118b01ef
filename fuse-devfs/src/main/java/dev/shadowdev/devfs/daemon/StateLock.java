package dev.shadowdev.devfs.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A running daemon's claim on its state file, held from before its first reconcile until it exits: an exclusive
 * lock on {@code <state>.lock} beside it (an fcntl lock; the kernel drops it when the process ends, however it
 * ends). Two daemons on one state file wrote each other's partitions into it, and the next start refused the
 * file (duplicate partition ids and minors), so the second daemon now refuses to start instead. The CLI's
 * {@code apply}, {@code bind} and {@code resize} work beside the running daemon and take no lock.
 */
public final class StateLock implements AutoCloseable
{
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /** @return the lock file of {@code state}: {@code <state>.lock} in the same directory. */
    public static Path lockFile(final Path state)
    {
        final Path absolute = state.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /**
     * Claim {@code state} for this daemon.
     *
     * @return the claim: close it when the daemon stops.
     * @throws IOException {@code state file in use by another daemon: state=...} when another daemon holds it, or
     *     when the lock file cannot be made.
     */
    public static StateLock acquire(final Path state) throws IOException
    {
        final Path file = lockFile(state);
        Files.createDirectories(file.getParent());
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try
        {
            lock = channel.tryLock();
        }
        catch (final OverlappingFileLockException heldInThisJvm)
        {
            lock = null;
        }
        catch (final IOException ex)
        {
            channel.close();
            throw ex;
        }
        if (lock == null)
        {
            channel.close();
            throw new IOException("state file in use by another daemon: state=" + state + " lock=" + file +
                " (give each daemon its own --state)");
        }
        return new StateLock(channel, lock);
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            lock.release();
        }
        finally
        {
            channel.close();
        }
    }
}

package dev.shadowdev.devfs.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mount point's life outside the filesystem: find and clear a stale mount left by a killed run, wait for the
 * kernel to show a new mount, and unmount.
 */
public final class FuseMountPoint
{
    private static final Logger LOG = LoggerFactory.getLogger(FuseMountPoint.class);
    private static final Path MOUNTINFO = Paths.get("/proc/self/mountinfo");

    /** Mount options: one write = one request and one read = one response, up to the ABI's 128 KiB. */
    public static final String OPTIONS =
        "direct_io,max_write=131072,max_read=131072,big_writes,default_permissions,allow_other,fsname=shadowdev,"
        + "subtype=shadowdev";

    private FuseMountPoint()
    {
    }

    /** @return true when {@code mountPoint} is a mount point now (per /proc/self/mountinfo). */
    public static boolean isMounted(final Path mountPoint)
    {
        final String target = mountPoint.toAbsolutePath().normalize().toString();
        try
        {
            final List<String> lines = Files.readAllLines(MOUNTINFO);
            for (final String line : lines)
            {
                final String[] fields = line.split(" ");
                if (fields.length > 4 && unescape(fields[4]).equals(target))
                {
                    return true;
                }
            }
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot read mountinfo: file={} error={}", MOUNTINFO, ex.toString());
        }
        return false;
    }

    /**
     * Prepare {@code mountPoint}: create it, and lazily unmount a stale mount left there by a run that was killed
     * (its FUSE connection is gone, every access fails with ENOTCONN).
     *
     * @throws IOException when the directory cannot be created or the stale mount cannot be cleared.
     */
    public static void prepare(final Path mountPoint) throws IOException
    {
        if (isMounted(mountPoint))
        {
            LOG.warn("clearing a stale mount: mount={}", mountPoint);
            unmount(mountPoint);
            if (isMounted(mountPoint))
            {
                throw new IOException("stale mount cannot be cleared: mount=" + mountPoint);
            }
        }
        Files.createDirectories(mountPoint);
    }

    /**
     * Wait until the kernel shows the mount.
     *
     * @return true when mounted within the timeout.
     */
    public static boolean awaitMounted(final Path mountPoint, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!isMounted(mountPoint))
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Lazily unmount with fusermount (fuse3's or fuse's), falling back to umount. */
    public static void unmount(final Path mountPoint)
    {
        final String path = mountPoint.toAbsolutePath().toString();
        for (final String[] command : new String[][] {
            {"fusermount", "-u", "-z", path}, {"fusermount3", "-u", "-z", path}, {"umount", "-l", path}})
        {
            try
            {
                final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                final String output = new String(process.getInputStream().readAllBytes());
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0)
                {
                    return;
                }
                LOG.debug("unmount attempt failed: command={} output={}", command[0], output.trim());
            }
            catch (final IOException ex)
            {
                LOG.debug("unmount attempt failed: command={} error={}", command[0], ex.toString());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            if (!isMounted(mountPoint))
            {
                return;
            }
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(final String field)
    {
        if (field.indexOf('\\') < 0)
        {
            return field;
        }
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++)
        {
            final char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length())
            {
                sb.append((char)Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

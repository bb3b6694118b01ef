package dev.shadowdev.devfs.fs;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.BlockingHook;
import dev.shadowdev.driver.api.NodeListener;
import dev.shadowdev.driver.api.NodeView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Makes the kernel forget a removed node at once. The kernel caches a looked-up name (and its attributes) for the
 * entry timeout (1 s by default), so without this a removed node still answered {@code stat()} and {@code open()}
 * for about a second. On every node removal the entries {@code accel/accel<minor>}, {@code by-name/<name>} and
 * {@code class/accel/accel<minor>} are invalidated through {@link FuseRequestLoop#invalidateEntry}: the next lookup
 * asks the filesystem, which answers ENOENT.
 * <p>
 * The driver tells its listeners under its own lock, where nothing may block, and the kernel takes the parent
 * directory's lock for an invalidation; so a thread of its own does the invalidating, and the requests that can
 * remove a node (the base node's {@code ioctl} and {@code read}) call {@link #awaitCaughtUp()} before they answer.
 * That costs two volatile reads when nothing is pending. The parent's node id is its {@code st_ino} (libfuse's
 * high-level API without {@code use_ino} reports node ids as inode numbers).
 */
final class KernelEntries implements NodeListener, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(KernelEntries.class);
    private static final long CATCH_UP_MILLIS = 2_000;

    private final Path mountPoint;
    private final FuseRequestLoop loop;
    private final LinkedBlockingQueue<NodeView> removed = new LinkedBlockingQueue<>();
    private final Object progress = new Object();
    private final Thread thread;
    private volatile long queued;
    private volatile long done;

    KernelEntries(final Path mountPoint, final FuseRequestLoop loop)
    {
        this.mountPoint = mountPoint;
        this.loop = loop;
        this.thread = new Thread(this::run, "shadowdev-fuse-inval");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onNodeAdded(final NodeView node)
    {
    }

    @Override
    public void onNodeChanged(final NodeView node)
    {
    }

    @Override
    public void onNodeRemoved(final NodeView node)
    {
        synchronized (progress)
        {
            queued++;
        }
        removed.add(node);
    }

    /** Wait (up to 2 s) until every removal told so far is invalidated in the kernel. */
    void awaitCaughtUp()
    {
        final long target = queued;
        if (done >= target)
        {
            return;
        }
        BlockingHook.beforeWait();
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MILLIS);
        synchronized (progress)
        {
            while (done < target)
            {
                final long left = deadline - System.nanoTime();
                if (left <= 0)
                {
                    LOG.warn("kernel entries not invalidated in time: pending={} timeout_ms={}", target - done,
                        CATCH_UP_MILLIS);
                    return;
                }
                try
                {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close()
    {
        thread.interrupt();
    }

    private void run()
    {
        while (true)
        {
            final NodeView node;
            try
            {
                node = removed.take();
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            final String minorName = "accel" + node.minor();
            invalidate("accel", minorName);
            invalidate("class/accel", minorName);
            if (!node.isBase())
            {
                invalidate("by-name", node.name());
            }
            synchronized (progress)
            {
                done++;
                progress.notifyAll();
            }
        }
    }

    private void invalidate(final String directory, final String name)
    {
        final long parent;
        try
        {
            parent = (Long)Files.getAttribute(mountPoint.resolve(directory), "unix:ino");
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.debug("no directory to invalidate in (unmounted?): directory={} error={}", directory, ex.toString());
            return;
        }
        final int status = loop.invalidateEntry(parent, name);
        if (status != 0 && status != Errno.ENOENT.status())
        {
            LOG.warn("kernel entry not invalidated: entry={}/{} status={}", directory, name, status);
        }
        else
        {
            LOG.debug("kernel entry invalidated: entry={}/{} status={}", directory, name, status);
        }
    }
}

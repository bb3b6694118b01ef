package dev.shadowdev.devfs.fs;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.CgroupBinding;
import dev.shadowdev.driver.api.NodeAccess;
import dev.shadowdev.driver.api.NodeSession;
import dev.shadowdev.driver.api.OpenResult;
import dev.shadowdev.driver.api.ResponseSink;
import dev.shadowdev.wire.node.NodeIoctls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.kenai.jffi.MemoryIO;
import jnr.ffi.Pointer;
import jnr.ffi.Struct;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseException;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.FusePollhandle;

/**
 * The devfs on jnr-fuse: the node files map one-to-one onto the driver's node ABI ({@link NodeSession}): write
 * submits one manage message, read takes one response, ioctl runs a restricted ioctl, poll reports a queued
 * response, release ends the session. Everything else is the read-only tree of {@link DevfsPath}.
 * <p>
 * Requests are served by {@link FuseRequestLoop} on JVM threads: each callback runs on a FUSE worker thread, a
 * worker about to wait calls another in first, and a read that blocks in one session holds only its own thread, so
 * it never stalls another session. A node file's read and write skip libfuse: the worker's
 * {@link FuseDataAdapter} answers them through {@link #readNode} and {@link #writeNode}.
 */
public final class AccelFs extends FuseStubFS implements FuseDataAdapter.NodeData
{
    private static final Logger LOG = LoggerFactory.getLogger(AccelFs.class);
    private static final MemoryIO MEMORY = MemoryIO.getInstance();

    /** Largest response (ABI.md 1.2) and largest write the mount allows (max_write=131072). */
    static final int MAX_TRANSFER = 131072;
    private static final int O_ACCMODE = 03;
    private static final int O_NONBLOCK = 04000;
    private static final int O_RDONLY = 0;
    private static final int POLLIN = 0x001;
    private static final int POLLPRI = 0x002;

    private final NodeAccess access;
    private final NodeTable table = new NodeTable();
    private final ConcurrentHashMap<Long, OpenFile> open = new ConcurrentHashMap<>();
    private final AtomicLong nextFh = new AtomicLong(1);
    private final long mountedAt = System.currentTimeMillis() / 1000;
    private final ThreadLocal<ByteBuffer> transfer =
        ThreadLocal.withInitial(() -> ByteBuffer.allocate(MAX_TRANSFER).order(ByteOrder.LITTLE_ENDIAN));

    /** How long {@link #umount()} waits for the request loop to wind down. */
    private static final long TEARDOWN_WAIT_MILLIS = 2000;
    private volatile FuseRequestLoop loop;
    private volatile KernelEntries kernel;

    public AccelFs(final NodeAccess access)
    {
        this.access = access;
        table.eventListener(this::eventAdded);
        access.addListener(table);
        access.nodes().forEach(table::onNodeAdded);
    }

    /**
     * Mount and serve on shadowdev's own request loop ({@link FuseRequestLoop}: JVM worker threads that stay,
     * instead of libfuse's native workers that come and go, each attached to the JVM anew).
     *
     * @param mountPoint where.
     * @param blocking   must be false: the loop runs on its own threads and this returns once mounted.
     * @param debug      libfuse's {@code -d}.
     * @param options    more libfuse arguments ({@code -o ...}).
     * @throws FuseException when libfuse refuses the arguments or the mount.
     */
    @Override
    public void mount(final Path mountPoint, final boolean blocking, final boolean debug, final String[] options)
    {
        if (blocking)
        {
            throw new IllegalArgumentException("mount: blocking=true is not supported: mount=" + mountPoint);
        }
        if (!mounted.compareAndSet(false, true))
        {
            throw new FuseException("mount: already mounted: mount=" + this.mountPoint);
        }
        this.mountPoint = mountPoint;
        final List<String> argv = new ArrayList<>(List.of("shadowdev", "-f"));
        if (debug)
        {
            argv.add("-d");
        }
        argv.addAll(List.of(options));
        argv.add(mountPoint.toAbsolutePath().toString());
        try
        {
            loop = FuseRequestLoop.start(fuseOperations, argv.toArray(String[]::new),
                new FuseRequestLoop.Settings("shadowdev-fuse", FuseRequestLoop.MAX_READERS, this, MAX_TRANSFER),
                () -> FuseMountPoint.unmount(mountPoint));
            kernel = new KernelEntries(mountPoint, loop);
            access.addListener(kernel);
        }
        catch (final IOException | RuntimeException ex)
        {
            mounted.set(false);
            throw new FuseException(ex.getMessage(), ex);
        }
    }

    /**
     * Unmount (lazily) and let the request loop wind down: it ends when the kernel ends the connection, at once
     * when no file is open, else when the last one is closed (they are served until then, like any lazily
     * unmounted filesystem). Idempotent; safe after an unmount from outside.
     */
    @Override
    public void umount()
    {
        if (!mounted.compareAndSet(true, false))
        {
            return;
        }
        final KernelEntries entries = kernel;
        if (entries != null)
        {
            access.removeListener(entries);
            entries.close();
        }
        FuseMountPoint.unmount(mountPoint);
        final FuseRequestLoop running = loop;
        if (running != null)
        {
            running.awaitTornDown(TEARDOWN_WAIT_MILLIS);
        }
    }

    /** @return FUSE worker threads started since the mount (a steady count under load means no churn). */
    public int fuseWorkersStarted()
    {
        final FuseRequestLoop running = loop;
        return running == null ? 0 : running.started();
    }

    /** @return FUSE worker threads alive now (0 once the request loop has ended). */
    public int fuseWorkersAlive()
    {
        final FuseRequestLoop running = loop;
        return running == null ? 0 : running.workers();
    }

    /**
     * A view of libfuse's request or reply memory for a session (a node file's data normally takes
     * {@link FuseDataAdapter}, which never comes here). Valid for the callback only.
     */
    private static ByteBuffer nativeView(final Pointer buf, final long size)
    {
        final int length = (int)Math.min(size, MAX_TRANSFER);
        return MEMORY.newDirectByteBuffer(buf.address(), length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Before answering a request that may have removed a node (SD_IOC_PART_DEV remove, the response of a
     * PART_DESTROY): wait until the kernel has forgotten the removed entries, so that the caller's next
     * {@code stat()}/{@code open()} is ENOENT. Two volatile reads when nothing is pending.
     */
    private void kernelCaughtUp()
    {
        final KernelEntries entries = kernel;
        if (entries != null)
        {
            entries.awaitCaughtUp();
        }
    }

    /** A node got an event line: wake every poll on its open {@code events} files. */
    private void eventAdded(final int minor)
    {
        for (final OpenFile file : open.values())
        {
            if (file.eventsMinor == minor)
            {
                file.notifyPoll(libFuse);
            }
        }
    }

    /** Take an {@code events} file again (a read from offset 0 shows every line, the new ones too). */
    private void refreshEvents(final OpenFile file)
    {
        final long seen = access.eventsAdded(file.eventsMinor);
        final String lines = access.events(file.eventsMinor);
        if (lines != null)
        {
            file.eventsSeen = seen;
            file.text = (lines.isEmpty() ? "" : lines + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Stop following the driver's nodes; call after unmounting. */
    public void detach()
    {
        access.removeListener(table);
        open.values().forEach(f -> f.release(libFuse));
        open.clear();
    }

    @Override
    public int getattr(final String path, final FileStat stat)
    {
        final DevfsPath p = DevfsPath.parse(path);
        stat.st_nlink.set(1);
        stat.st_mtim.tv_sec.set(mountedAt);
        stat.st_ctim.tv_sec.set(mountedAt);
        stat.st_atim.tv_sec.set(mountedAt);
        switch (p.kind())
        {
            case ROOT:
            case ACCEL_DIR:
            case BY_NAME_DIR:
            case CLASS_DIR:
            case CLASS_ACCEL_DIR:
                stat.st_mode.set(FileStat.S_IFDIR | 0755);
                stat.st_nlink.set(2);
                return 0;
            case CLASS_NODE_DIR:
                if (table.get(p.minor()) == null)
                {
                    return -ErrorCodes.ENOENT();
                }
                stat.st_mode.set(FileStat.S_IFDIR | 0755);
                stat.st_nlink.set(2);
                return 0;
            case NODE:
            case CGROUP_NODE:
            {
                final NodeTable.Entry entry = table.get(minorOf(p));
                if (entry == null || p.kind() == DevfsPath.Kind.NODE && entry.view.isCgroupNode())
                {
                    return -ErrorCodes.ENOENT();
                }
                stat.st_mode.set(FileStat.S_IFREG | entry.mode);
                stat.st_uid.set(entry.uid);
                stat.st_gid.set(entry.gid);
                stat.st_ctim.tv_sec.set(entry.createdEpochSeconds);
                stat.st_mtim.tv_sec.set(entry.createdEpochSeconds);
                return 0;
            }
            case ATTRIBUTE:
                if (table.get(p.minor()) == null)
                {
                    return -ErrorCodes.ENOENT();
                }
                stat.st_mode.set(FileStat.S_IFREG | 0444);
                return 0;
            case METRICS:
            case CGROUPS:
                stat.st_mode.set(FileStat.S_IFREG | 0444);
                return 0;
            case BY_NAME_LINK:
            {
                final int minor = table.minorByName(p.name());
                if (minor < 0)
                {
                    return -ErrorCodes.ENOENT();
                }
                stat.st_mode.set(FileStat.S_IFLNK | 0777);
                stat.st_size.set(linkTarget(minor).length());
                return 0;
            }
            default:
                return -ErrorCodes.ENOENT();
        }
    }

    /** @return the minor a node path names: its own, or the shared cgroup node's (-1 when there is none). */
    private int minorOf(final DevfsPath p)
    {
        return p.kind() == DevfsPath.Kind.CGROUP_NODE ? table.cgroupMinor() : p.minor();
    }

    private static boolean isNodeFile(final DevfsPath p)
    {
        return p.kind() == DevfsPath.Kind.NODE || p.kind() == DevfsPath.Kind.CGROUP_NODE;
    }

    /** @return the {@code cgroups} file: one binding a line, {@code <path> <partition name> <partition id>}. */
    private String cgroupsText()
    {
        final StringBuilder sb = new StringBuilder();
        for (final CgroupBinding binding : access.cgroupBindings())
        {
            sb.append(binding.line()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public int readlink(final String path, final Pointer buf, @size_t final long size)
    {
        final DevfsPath p = DevfsPath.parse(path);
        final int minor = p.kind() == DevfsPath.Kind.BY_NAME_LINK ? table.minorByName(p.name()) : -1;
        if (minor < 0)
        {
            return -ErrorCodes.ENOENT();
        }
        final byte[] target = linkTarget(minor).getBytes(StandardCharsets.UTF_8);
        final int n = (int)Math.min(target.length, size - 1);
        buf.put(0, target, 0, n);
        buf.putByte(n, (byte)0);
        return 0;
    }

    private static String linkTarget(final int minor)
    {
        return "../accel/" + DevfsPath.nodeName(minor);
    }

    @Override
    public int readdir(final String path, final Pointer buf, final FuseFillDir filler, @off_t final long offset,
        final FuseFileInfo fi)
    {
        final DevfsPath p = DevfsPath.parse(path);
        final List<String> names;
        switch (p.kind())
        {
            case ROOT:
                names = List.of("accel", "by-name", "class", "metrics", "cgroups");
                break;
            case ACCEL_DIR:
                names = table.all().stream().map(e -> NodeTable.fileName(e.view)).toList();
                break;
            case CLASS_ACCEL_DIR:
                names = table.all().stream().map(e -> DevfsPath.nodeName(e.view.minor())).toList();
                break;
            case BY_NAME_DIR:
                names = table.names();
                break;
            case CLASS_DIR:
                names = List.of("accel");
                break;
            case CLASS_NODE_DIR:
                if (table.get(p.minor()) == null)
                {
                    return -ErrorCodes.ENOENT();
                }
                names = AttributeFiles.NAMES;
                break;
            default:
                return -ErrorCodes.ENOTDIR();
        }
        filler.apply(buf, ".", null, 0);
        filler.apply(buf, "..", null, 0);
        for (final String name : names)
        {
            filler.apply(buf, name, null, 0);
        }
        return 0;
    }

    @Override
    public int open(final String path, final FuseFileInfo fi)
    {
        final DevfsPath p = DevfsPath.parse(path);
        final int flags = fi.flags.get();
        final OpenFile file;
        switch (p.kind())
        {
            case NODE:
            case CGROUP_NODE:
            {
                final int minor = minorOf(p);
                final NodeTable.Entry entry = table.get(minor);
                if (entry == null || p.kind() == DevfsPath.Kind.NODE && entry.view.isCgroupNode())
                {
                    return -ErrorCodes.ENOENT();
                }
                // Only the shared cgroup node needs the caller (ABI.md 7); a shadow node's open skips the lookup.
                final OpenResult opened = p.kind() == DevfsPath.Kind.CGROUP_NODE ?
                    access.open(minor, FuseCaller.pid()) : access.open(minor);
                if (!opened.isOpen())
                {
                    LOG.debug("open refused: node={} status={}", path, opened.status());
                    return opened.status();
                }
                file = OpenFile.node(opened.session());
                break;
            }
            case ATTRIBUTE:
            {
                final NodeTable.Entry entry = table.get(p.minor());
                if (entry == null)
                {
                    return -ErrorCodes.ENOENT();
                }
                if ((flags & O_ACCMODE) != O_RDONLY)
                {
                    return -ErrorCodes.EACCES();
                }
                file = "events".equals(p.name()) ?
                    OpenFile.events(p.minor(), AttributeFiles.render(p.name(), entry, table, access),
                        access.eventsAdded(p.minor())) :
                    OpenFile.text(AttributeFiles.render(p.name(), entry, table, access));
                break;
            }
            case METRICS:
                if ((flags & O_ACCMODE) != O_RDONLY)
                {
                    return -ErrorCodes.EACCES();
                }
                file = OpenFile.text(MetricsText.render(table, access));
                break;
            case CGROUPS:
                if ((flags & O_ACCMODE) != O_RDONLY)
                {
                    return -ErrorCodes.EACCES();
                }
                file = OpenFile.text(cgroupsText());
                break;
            case NONE:
            case BY_NAME_LINK:
                return -ErrorCodes.ENOENT();
            default:
                return -ErrorCodes.EISDIR();
        }
        final long fh = nextFh.getAndIncrement();
        open.put(fh, file);
        fi.fh.set(fh);
        return 0;
    }

    /** {@code read} of a text file (a node file's takes {@link FuseDataAdapter}). */
    @Override
    public int read(final String path, final Pointer buf, @size_t final long size, @off_t final long offset,
        final FuseFileInfo fi)
    {
        final OpenFile file = open.get(fi.fh.get());
        if (file == null)
        {
            return -ErrorCodes.EBADF();
        }
        if (file.session == null)
        {
            if (file.eventsMinor >= 0 && offset == 0)
            {
                refreshEvents(file);
            }
            final byte[] text = file.text;
            if (offset >= text.length)
            {
                return 0;
            }
            final int n = (int)Math.min(size, text.length - offset);
            buf.put(0, text, (int)offset, n);
            return n;
        }
        // The file's flags now (a later fcntl(F_SETFL, O_NONBLOCK) included): libfuse copies them from the READ.
        final int n = file.session.read(nativeView(buf, size), (fi.flags.get() & O_NONBLOCK) != 0);
        kernelCaughtUp();
        return n;
    }

    @Override
    public int readNode(final long fh, final ResponseSink sink, final int capacity, final int fileFlags)
    {
        final OpenFile file = open.get(fh);
        return file == null || file.session == null ? NOT_A_NODE :
            file.session.read(sink, capacity, (fileFlags & O_NONBLOCK) != 0);
    }

    @Override
    public void beforeReply()
    {
        kernelCaughtUp();
    }

    /** {@code write} to a text file: EACCES (a node file's takes {@link FuseDataAdapter}). */
    @Override
    public int write(final String path, final Pointer buf, @size_t final long size, @off_t final long offset,
        final FuseFileInfo fi)
    {
        final OpenFile file = open.get(fi.fh.get());
        if (file == null)
        {
            return -ErrorCodes.EBADF();
        }
        if (file.session == null)
        {
            return -ErrorCodes.EACCES();
        }
        if (size > MAX_TRANSFER)
        {
            return -Errno.EMSGSIZE.value();
        }
        return file.session.write(nativeView(buf, size));
    }

    @Override
    public int writeNode(final long fh, final ByteBuffer src)
    {
        final OpenFile file = open.get(fh);
        if (file == null || file.session == null)
        {
            return NOT_A_NODE;
        }
        if (src.remaining() > MAX_TRANSFER)
        {
            return -Errno.EMSGSIZE.value();
        }
        return file.session.write(src);
    }

    @Override
    public int ioctl(final String path, final int cmd, final Pointer arg, final FuseFileInfo fi, final long flags,
        final Pointer data)
    {
        final OpenFile file = open.get(fi.fh.get());
        if (file == null)
        {
            return -ErrorCodes.EBADF();
        }
        if (file.session == null)
        {
            return -ErrorCodes.ENOTTY();
        }
        final int size = NodeIoctls.size(cmd);
        if (size > MAX_TRANSFER || (size > 0 && data == null))
        {
            return -ErrorCodes.EINVAL();
        }
        final ByteBuffer io = transfer.get().clear();
        io.limit(size);
        if (NodeIoctls.copiesIn(cmd))
        {
            data.get(0, io.array(), 0, size);
        }
        else
        {
            java.util.Arrays.fill(io.array(), 0, size, (byte)0);
        }
        final int result = file.session.ioctl(cmd, io);
        kernelCaughtUp();
        if (result == 0 && NodeIoctls.copiesOut(cmd))
        {
            data.put(0, io.array(), 0, size);
        }
        return result;
    }

    @Override
    public int poll(final String path, final FuseFileInfo fi, final FusePollhandle ph, final Pointer reventsp)
    {
        final OpenFile file = open.get(fi.fh.get());
        if (file == null)
        {
            return -ErrorCodes.EBADF();
        }
        if (file.session == null)
        {
            if (file.eventsMinor < 0)
            {
                reventsp.putInt(0, POLLIN);
                return 0;
            }
            if (ph != null && Struct.getMemory(ph).address() != 0)
            {
                file.pollHandle(libFuse, ph);
            }
            reventsp.putInt(0, access.eventsAdded(file.eventsMinor) > file.eventsSeen ? POLLIN | POLLPRI : 0);
            return 0;
        }
        if (ph != null && Struct.getMemory(ph).address() != 0)
        {
            file.pollHandle(libFuse, ph);
        }
        reventsp.putInt(0, file.session.pollIn() ? POLLIN : 0);
        return 0;
    }

    @Override
    public int release(final String path, final FuseFileInfo fi)
    {
        final OpenFile file = open.remove(fi.fh.get());
        if (file != null)
        {
            file.release(libFuse);
        }
        return 0;
    }

    @Override
    public int truncate(final String path, @off_t final long size)
    {
        final DevfsPath p = DevfsPath.parse(path);
        return isNodeFile(p) && table.get(minorOf(p)) != null ? 0 : -ErrorCodes.EACCES();
    }

    @Override
    public int chmod(final String path, @mode_t final long mode)
    {
        final DevfsPath p = DevfsPath.parse(path);
        final NodeTable.Entry entry = isNodeFile(p) ? table.get(minorOf(p)) : null;
        if (entry == null)
        {
            return p.kind() == DevfsPath.Kind.NONE ? -ErrorCodes.ENOENT() : -ErrorCodes.EPERM();
        }
        entry.mode = (int)(mode & 07777);
        LOG.debug("node mode: node={} mode={}", path, Integer.toOctalString(entry.mode));
        return 0;
    }

    @Override
    public int chown(final String path, final long uid, final long gid)
    {
        final DevfsPath p = DevfsPath.parse(path);
        final NodeTable.Entry entry = isNodeFile(p) ? table.get(minorOf(p)) : null;
        if (entry == null)
        {
            return p.kind() == DevfsPath.Kind.NONE ? -ErrorCodes.ENOENT() : -ErrorCodes.EPERM();
        }
        // (uid_t)-1 / (gid_t)-1 mean "leave unchanged".
        if ((int)uid != -1)
        {
            entry.uid = (int)uid;
        }
        if ((int)gid != -1)
        {
            entry.gid = (int)gid;
        }
        LOG.debug("node owner: node={} uid={} gid={}", path, entry.uid, entry.gid);
        return 0;
    }
}

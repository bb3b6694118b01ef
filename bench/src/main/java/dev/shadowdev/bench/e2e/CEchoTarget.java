package dev.shadowdev.bench.e2e;

import dev.shadowdev.devfs.fs.FuseMountPoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A C baseline, mounted with shadowdev's own mount options ({@link FuseMountPoint#OPTIONS}, only the fsname and
 * subtype changed), one file {@code /echo} whose handles each keep the last message written until it is read:
 * <ul>
 *   <li>{@code echofs}: {@code bench/src/main/c/echofs.c}, libfuse 2.9 high-level API, multithreaded loop;</li>
 *   <li>{@code echo_ll}: {@code bench/src/main/c/echo_ll.c}, libfuse 3 low-level API, {@code fuse_session_loop_mt}
 *       with {@code clone_fd = 1}.</li>
 * </ul>
 */
final class CEchoTarget implements Target
{
    static final String ECHOFS = "echofs";
    static final String ECHO_LL = "echo_ll";
    private static final long START_TIMEOUT_MS = 10_000;

    private final String name;
    private final ServerProcess server;
    private final Path file;

    private CEchoTarget(final String name, final ServerProcess server, final Path file)
    {
        this.name = name;
        this.server = server;
        this.file = file;
    }

    static String mountOptions(final String fsname)
    {
        return FuseMountPoint.OPTIONS.replace("fsname=shadowdev", "fsname=" + fsname)
            .replace("subtype=shadowdev", "subtype=" + fsname);
    }

    /**
     * @param name   {@link #ECHOFS} or {@link #ECHO_LL}: the mount goes to {@code WORK/NAME-mnt}.
     * @param binary the compiled server.
     */
    static CEchoTarget start(final String name, final Path binary, final Path workDir)
        throws IOException, InterruptedException
    {
        final Path mount = workDir.resolve(name + "-mnt");
        final ServerProcess server = ServerProcess.start(
            List.of(binary.toString(), "-f", "-o", mountOptions(name.replace("_", "")), mount.toString()), mount,
            workDir.resolve(name + ".log"), null, START_TIMEOUT_MS);
        return new CEchoTarget(name, server, mount.resolve("echo"));
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public long pid()
    {
        return server.pid();
    }

    @Override
    public String mode(final Workload workload)
    {
        return workload == Workload.OPENCLOSE ? workload.key() : "echo";
    }

    @Override
    public List<Path> nodes()
    {
        return List.of(file);
    }

    @Override
    public void close()
    {
        server.close();
    }
}

package dev.shadowdev.bench.e2e;

import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.fs.FuseMountPoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The physical baseline: {@code bench/src/main/c/echofs.c} (libfuse 2.9, multithreaded loop) mounted with
 * shadowdev's own mount options ({@link FuseMountPoint#OPTIONS}, only the fsname and subtype changed). Every session
 * opens the one file {@code /echo}; its handle keeps the last message written until it is read.
 */
final class EchofsTarget implements Target
{
    private static final long START_TIMEOUT_MS = 10_000;

    private final ServerProcess server;
    private final Path file;

    private EchofsTarget(final ServerProcess server, final Path file)
    {
        this.server = server;
        this.file = file;
    }

    static String mountOptions()
    {
        return FuseMountPoint.OPTIONS.replace("fsname=shadowdev", "fsname=echofs")
            .replace("subtype=shadowdev", "subtype=echofs");
    }

    static EchofsTarget start(final Path binary, final Path workDir) throws IOException, InterruptedException
    {
        final Path mount = workDir.resolve("echofs-mnt");
        final ServerProcess server = ServerProcess.start(
            List.of(binary.toString(), "-f", "-o", mountOptions(), mount.toString()), mount,
            workDir.resolve("echofs.log"), null, START_TIMEOUT_MS);
        return new EchofsTarget(server, mount.resolve("echo"));
    }

    @Override
    public String name()
    {
        return "echofs";
    }

    @Override
    public long pid()
    {
        return server.pid();
    }

    @Override
    public Exchange open(final int index, final Workload workload, final int size) throws Exception
    {
        final FileNodeChannel channel = FileNodeChannel.open(file, false);
        try
        {
            return new EchoExchange(channel, size);
        }
        catch (final Exception ex)
        {
            channel.close();
            throw ex;
        }
    }

    @Override
    public void close()
    {
        server.close();
    }
}

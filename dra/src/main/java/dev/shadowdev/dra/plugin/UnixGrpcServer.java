package dev.shadowdev.dra.plugin;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A gRPC server on a unix domain socket (netty epoll), as the kubelet's plugin sockets are. */
public final class UnixGrpcServer implements AutoCloseable
{
    private final Path socket;
    private final Server server;
    private final EventLoopGroup group;

    private UnixGrpcServer(final Path socket, final Server server, final EventLoopGroup group)
    {
        this.socket = socket;
        this.server = server;
        this.group = group;
    }

    /**
     * Bind {@code socket} (a stale socket file from an earlier run is replaced) and serve {@code services}.
     *
     * @throws IOException when the socket cannot be bound: {@code grpc: cannot bind: socket=... error=...}.
     */
    public static UnixGrpcServer start(final Path socket, final BindableService... services) throws IOException
    {
        Files.createDirectories(socket.toAbsolutePath().getParent());
        Files.deleteIfExists(socket);
        final EventLoopGroup group = new EpollEventLoopGroup(1);
        final NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toFile()))
            .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group);
        for (final BindableService service : services)
        {
            builder.addService(service);
        }
        try
        {
            return new UnixGrpcServer(socket, builder.build().start(), group);
        }
        catch (final IOException | RuntimeException ex)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("grpc: cannot bind: socket=" + socket + " error=" + ex.getMessage(), ex);
        }
    }

    public Path socket()
    {
        return socket;
    }

    /** Stop serving, wait for calls in flight (up to 5 s), remove the socket file. */
    @Override
    public void close()
    {
        server.shutdown();
        try
        {
            if (!server.awaitTermination(5, TimeUnit.SECONDS))
            {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        try
        {
            Files.deleteIfExists(socket);
        }
        catch (final IOException ex)
        {
            // the directory went away with it: nothing left to remove
        }
    }
}

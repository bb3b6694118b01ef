package dev.shadowdev.dra.it;

import dev.shadowdev.dra.proto.registration.InfoRequest;
import dev.shadowdev.dra.proto.registration.PluginInfo;
import dev.shadowdev.dra.proto.registration.RegistrationGrpc;
import dev.shadowdev.dra.proto.registration.RegistrationStatus;
import dev.shadowdev.dra.proto.v1.Claim;
import dev.shadowdev.dra.proto.v1.DRAPluginGrpc;
import dev.shadowdev.dra.proto.v1.NodePrepareResourceResponse;
import dev.shadowdev.dra.proto.v1.NodePrepareResourcesRequest;
import dev.shadowdev.dra.proto.v1.NodeUnprepareResourceResponse;
import dev.shadowdev.dra.proto.v1.NodeUnprepareResourcesRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's side, from the same protos: registers a plugin through its registration socket (GetInfo, then
 * NotifyRegistrationStatus) and calls NodePrepareResources / NodeUnprepareResources on the endpoint it named.
 */
final class KubeletStandIn implements AutoCloseable
{
    private final EventLoopGroup group = new EpollEventLoopGroup(1);
    private ManagedChannel registrationChannel;
    private ManagedChannel draChannel;
    private PluginInfo info;

    /** Register the plugin whose registration socket is {@code socket}; @return what it said of itself. */
    PluginInfo register(final Path socket)
    {
        registrationChannel = channel(socket);
        final RegistrationGrpc.RegistrationBlockingStub registration = RegistrationGrpc.newBlockingStub(
            registrationChannel).withDeadlineAfter(30, TimeUnit.SECONDS);
        info = registration.getInfo(InfoRequest.getDefaultInstance());
        draChannel = channel(Path.of(info.getEndpoint()));
        registration.notifyRegistrationStatus(RegistrationStatus.newBuilder().setPluginRegistered(true).build());
        return info;
    }

    Map<String, NodePrepareResourceResponse> prepare(final Claim... claims)
    {
        return dra().nodePrepareResources(NodePrepareResourcesRequest.newBuilder()
            .addAllClaims(java.util.List.of(claims)).build()).getClaimsMap();
    }

    Map<String, NodeUnprepareResourceResponse> unprepare(final Claim... claims)
    {
        return dra().nodeUnprepareResources(NodeUnprepareResourcesRequest.newBuilder()
            .addAllClaims(java.util.List.of(claims)).build()).getClaimsMap();
    }

    static Claim claim(final String namespace, final String uid, final String name)
    {
        return Claim.newBuilder().setNamespace(namespace).setUid(uid).setName(name).build();
    }

    private DRAPluginGrpc.DRAPluginBlockingStub dra()
    {
        return DRAPluginGrpc.newBlockingStub(draChannel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private ManagedChannel channel(final Path socket)
    {
        return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toFile()))
            .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
    }

    @Override
    public void close() throws InterruptedException
    {
        for (final ManagedChannel c : new ManagedChannel[] {draChannel, registrationChannel})
        {
            if (c != null)
            {
                c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package dev.shadowdev.dra.plugin;

import dev.shadowdev.dra.Dra;
import dev.shadowdev.dra.proto.registration.InfoRequest;
import dev.shadowdev.dra.proto.registration.PluginInfo;
import dev.shadowdev.dra.proto.registration.RegistrationGrpc;
import dev.shadowdev.dra.proto.registration.RegistrationStatus;
import dev.shadowdev.dra.proto.registration.RegistrationStatusResponse;
import io.grpc.stub.StreamObserver;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's side of kubelet plugin registration: GetInfo names a DRA plugin called {@value Dra#DRIVER} at the
 * DRA socket, speaking {@value #SERVICE}; NotifyRegistrationStatus tells whether the kubelet took it.
 */
public final class RegistrationService extends RegistrationGrpc.RegistrationImplBase
{
    /** The plugin type the kubelet's DRA manager handles. */
    public static final String TYPE = "DRAPlugin";
    /** The service the plugin serves, as the kubelet lists supported versions: package.Service. */
    public static final String SERVICE = "v1.DRAPlugin";

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationService.class);

    private final Path endpoint;
    private final AtomicReference<RegistrationStatus> status = new AtomicReference<>();
    private final CountDownLatch notified = new CountDownLatch(1);

    /** @param endpoint the DRA socket. */
    public RegistrationService(final Path endpoint)
    {
        this.endpoint = endpoint;
    }

    @Override
    public void getInfo(final InfoRequest request, final StreamObserver<PluginInfo> response)
    {
        LOG.info("registration: GetInfo: endpoint={}", endpoint);
        response.onNext(PluginInfo.newBuilder().setType(TYPE).setName(Dra.DRIVER)
            .setEndpoint(endpoint.toAbsolutePath().toString()).addSupportedVersions(SERVICE).build());
        response.onCompleted();
    }

    @Override
    public void notifyRegistrationStatus(final RegistrationStatus request,
        final StreamObserver<RegistrationStatusResponse> response)
    {
        if (request.getPluginRegistered())
        {
            LOG.info("registration: registered by the kubelet: name={}", Dra.DRIVER);
        }
        else
        {
            LOG.error("registration: refused by the kubelet: name={} error={}", Dra.DRIVER, request.getError());
        }
        status.set(request);
        notified.countDown();
        response.onNext(RegistrationStatusResponse.getDefaultInstance());
        response.onCompleted();
    }

    /** @return the kubelet's last word on the registration, waiting up to {@code timeoutMs}; null when none. */
    public RegistrationStatus awaitStatus(final long timeoutMs) throws InterruptedException
    {
        notified.await(timeoutMs, TimeUnit.MILLISECONDS);
        return status.get();
    }
}

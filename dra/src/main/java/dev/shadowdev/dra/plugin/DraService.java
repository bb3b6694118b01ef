package dev.shadowdev.dra.plugin;

import dev.shadowdev.dra.claim.ClaimPreparer;
import dev.shadowdev.dra.claim.ClaimRef;
import dev.shadowdev.dra.claim.PrepareException;
import dev.shadowdev.dra.claim.PreparedDevice;
import dev.shadowdev.dra.proto.v1.Claim;
import dev.shadowdev.dra.proto.v1.DRAPluginGrpc;
import dev.shadowdev.dra.proto.v1.Device;
import dev.shadowdev.dra.proto.v1.NodePrepareResourceResponse;
import dev.shadowdev.dra.proto.v1.NodePrepareResourcesRequest;
import dev.shadowdev.dra.proto.v1.NodePrepareResourcesResponse;
import dev.shadowdev.dra.proto.v1.NodeUnprepareResourceResponse;
import dev.shadowdev.dra.proto.v1.NodeUnprepareResourcesRequest;
import dev.shadowdev.dra.proto.v1.NodeUnprepareResourcesResponse;
import io.grpc.stub.StreamObserver;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code v1.DRAPlugin}: each claim of a call is prepared (or unprepared) on its own; a claim that fails gets its
 * error in its own answer and the others go on. The call itself always succeeds.
 */
public final class DraService extends DRAPluginGrpc.DRAPluginImplBase
{
    private static final Logger LOG = LoggerFactory.getLogger(DraService.class);

    private final ClaimPreparer preparer;

    public DraService(final ClaimPreparer preparer)
    {
        this.preparer = preparer;
    }

    @Override
    public void nodePrepareResources(final NodePrepareResourcesRequest request,
        final StreamObserver<NodePrepareResourcesResponse> response)
    {
        final NodePrepareResourcesResponse.Builder answer = NodePrepareResourcesResponse.newBuilder();
        for (final Claim claim : request.getClaimsList())
        {
            final NodePrepareResourceResponse.Builder one = NodePrepareResourceResponse.newBuilder();
            try
            {
                final List<PreparedDevice> devices = preparer.prepare(ref(claim));
                for (final PreparedDevice d : devices)
                {
                    one.addDevices(Device.newBuilder().addAllRequestNames(d.requestNames()).setPoolName(d.pool())
                        .setDeviceName(d.device()).addCdiDeviceIds(d.cdiDeviceId()));
                }
            }
            catch (final PrepareException ex)
            {
                one.setError(ex.getMessage());
            }
            catch (final RuntimeException ex)
            {
                LOG.error("prepare: internal error: claim={} error={}", claim.getUid(), ex.toString(), ex);
                one.setError("prepare: internal error: uid=" + claim.getUid() + " error=" + ex);
            }
            answer.putClaims(claim.getUid(), one.build());
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public void nodeUnprepareResources(final NodeUnprepareResourcesRequest request,
        final StreamObserver<NodeUnprepareResourcesResponse> response)
    {
        final NodeUnprepareResourcesResponse.Builder answer = NodeUnprepareResourcesResponse.newBuilder();
        for (final Claim claim : request.getClaimsList())
        {
            final NodeUnprepareResourceResponse.Builder one = NodeUnprepareResourceResponse.newBuilder();
            try
            {
                preparer.unprepare(ref(claim));
            }
            catch (final PrepareException ex)
            {
                one.setError(ex.getMessage());
            }
            catch (final RuntimeException ex)
            {
                LOG.error("unprepare: internal error: claim={} error={}", claim.getUid(), ex.toString(), ex);
                one.setError("unprepare: internal error: uid=" + claim.getUid() + " error=" + ex);
            }
            answer.putClaims(claim.getUid(), one.build());
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    private static ClaimRef ref(final Claim claim)
    {
        return new ClaimRef(claim.getNamespace(), claim.getUid(), claim.getName());
    }
}

package dev.shadowdev.dra.plugin;

import dev.shadowdev.dra.Dra;
import dev.shadowdev.dra.claim.Allocation;
import dev.shadowdev.dra.claim.ClaimRef;
import dev.shadowdev.dra.claim.ClaimSource;
import dev.shadowdev.dra.claim.PrepareException;
import io.fabric8.kubernetes.api.model.resource.v1.AllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequestAllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ClaimSource} from the API server: GET the ResourceClaim and read {@code status.allocation.devices}. */
public final class KubeClaims implements ClaimSource
{
    private final KubernetesClient client;

    public KubeClaims(final KubernetesClient client)
    {
        this.client = client;
    }

    @Override
    public Allocation allocation(final ClaimRef ref, final String pool) throws PrepareException
    {
        final ResourceClaim claim;
        try
        {
            claim = client.resources(ResourceClaim.class).inNamespace(ref.namespace()).withName(ref.name()).get();
        }
        catch (final KubernetesClientException ex)
        {
            throw new PrepareException("prepare: cannot read the claim: claim=" + ref + " code=" + ex.getCode() +
                " error=" + ex.getMessage(), ex);
        }
        if (claim == null)
        {
            throw new PrepareException("prepare: claim not found: claim=" + ref);
        }
        if (!ref.uid().equals(claim.getMetadata().getUid()))
        {
            throw new PrepareException("prepare: claim has another uid: claim=" + ref + " found=" +
                claim.getMetadata().getUid());
        }
        final AllocationResult allocation = claim.getStatus() == null ? null : claim.getStatus().getAllocation();
        if (allocation == null || allocation.getDevices() == null || allocation.getDevices().getResults() == null)
        {
            throw new PrepareException("prepare: claim not allocated: claim=" + ref);
        }
        final Map<String, List<String>> requests = new LinkedHashMap<>();
        for (final DeviceRequestAllocationResult r : allocation.getDevices().getResults())
        {
            if (Dra.DRIVER.equals(r.getDriver()) && pool.equals(r.getPool()))
            {
                requests.computeIfAbsent(r.getDevice(), (d) -> new ArrayList<>()).add(r.getRequest());
            }
        }
        final List<Allocation.AllocatedDevice> devices = new ArrayList<>();
        requests.forEach((device, names) -> devices.add(new Allocation.AllocatedDevice(device, names)));
        return new Allocation(devices);
    }
}

package dev.shadowdev.dra.it;

import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.DeviceProfiles;
import dev.shadowdev.devfs.daemon.ApplyReport;
import dev.shadowdev.devfs.daemon.MountNodeAttributes;
import dev.shadowdev.devfs.daemon.NodePartitionControl;
import dev.shadowdev.devfs.daemon.PartitionDaemon;
import dev.shadowdev.devfs.daemon.StateStore;
import dev.shadowdev.devfs.wiring.EmbeddedDevfs;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.dra.Dra;
import dev.shadowdev.dra.plugin.PluginOptions;
import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.firmware.card.CardOptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.AllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceAllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequestAllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimSpec;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimStatus;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything real that can run here: the embedded card and driver mounted with FUSE, one configured partition
 * applied by the devfs daemon through the base node, and fabric8's mock API server in CRUD mode (no Kubernetes
 * API server can run on these machines) holding the ResourceClaims and receiving the ResourceSlices.
 */
final class DraFixture implements AutoCloseable
{
    static final String NODE = "node-it";
    static final String NAMESPACE = "default";
    /** One configured partition; the rest of the card (13 cores, 25 GiB, ...) is offered as profile devices. */
    static final String CONFIG = """
        [device]
        profile = "aic100"

        [[partition]]
        name = "infer-a"
        cores = 3
        memory = "7GiB"
        bus_replicators = 7
        semaphores = 14
        dma_channels = 3
        mode = "0660"
        uid = 0
        gid = 0
        """;

    final Path dir;
    final EmbeddedDevfs devfs;
    final KubernetesMockServer server;
    final KubernetesClient client;

    private DraFixture(final Path dir, final EmbeddedDevfs devfs, final KubernetesMockServer server)
    {
        this.dir = dir;
        this.devfs = devfs;
        this.server = server;
        this.client = server.createClient();
    }

    static DraFixture start(final Path dir) throws Exception
    {
        final DevfsConfig config = ConfigLoader.parse("dra-it.toml", CONFIG);
        final EmbeddedDevfs devfs = EmbeddedDevfs.start(EmbeddedDevfs.profileOf(config), dir.resolve("mnt"),
            DriverOptions.builder().build(), CardOptions.defaults());
        final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
        try
        {
            server.init();
            final DraFixture fixture = new DraFixture(dir, devfs, server);
            try (NodeClient base = fixture.base())
            {
                final PartitionDaemon daemon = new PartitionDaemon(new NodePartitionControl(base),
                    new MountNodeAttributes(devfs.mountPoint()), new StateStore(dir.resolve("devfs-state.json")));
                final ApplyReport report = daemon.execute(daemon.plan(config, false), false);
                if (!report.ok())
                {
                    throw new IllegalStateException("apply failed: " + report.render());
                }
            }
            return fixture;
        }
        catch (final Exception | Error ex)
        {
            server.destroy();
            devfs.close();
            throw ex;
        }
    }

    Path mount()
    {
        return devfs.mountPoint();
    }

    /** @return a new session on the base node, for the test's own checks. */
    NodeClient base() throws Exception
    {
        return NodeClient.open(mount().resolve("accel").resolve("accel0"));
    }

    /** @return the options of a plugin whose sockets, CDI specs and state live under {@code root}. */
    PluginOptions options(final Path root, final Path cdiDir)
    {
        return new PluginOptions(mount(), mount().resolve("accel").resolve("accel0"), NODE,
            root.resolve("plugins_registry"), root.resolve("plugins"), cdiDir, root.resolve("dra-state.json"), 200);
    }

    /** @return the plugin's partitions on the card now (PART_QUERY, names starting "dra-"). */
    List<PartitionEntry> draPartitions() throws Exception
    {
        try (NodeClient base = base())
        {
            return base.partQuery().stream().filter((p) -> p.name().startsWith(Dra.PARTITION_PREFIX)).toList();
        }
    }

    Resources free() throws Exception
    {
        try (NodeClient base = base())
        {
            return base.poolQuery().free();
        }
    }

    /**
     * Create a ResourceClaim allocated as a scheduler would: request name to device of this node's pool.
     *
     * @return the claim as stored (its UID is the server's).
     */
    ResourceClaim claim(final String name, final Map<String, String> requestToDevice)
    {
        final List<DeviceRequestAllocationResult> results = new ArrayList<>();
        for (final Map.Entry<String, String> e : new LinkedHashMap<>(requestToDevice).entrySet())
        {
            final DeviceRequestAllocationResult r = new DeviceRequestAllocationResult();
            r.setRequest(e.getKey());
            r.setDriver(Dra.DRIVER);
            r.setPool(NODE);
            r.setDevice(e.getValue());
            results.add(r);
        }
        final DeviceAllocationResult devices = new DeviceAllocationResult();
        devices.setResults(results);
        final AllocationResult allocation = new AllocationResult();
        allocation.setDevices(devices);
        final ResourceClaimStatus status = new ResourceClaimStatus();
        status.setAllocation(allocation);
        final ResourceClaim claim = new ResourceClaim();
        claim.setApiVersion("resource.k8s.io/v1");
        claim.setKind("ResourceClaim");
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
            .withUid(UUID.randomUUID().toString()).build());
        claim.setSpec(new ResourceClaimSpec());
        claim.setStatus(status);
        final ResourceClaim created = client.resource(claim).create();
        if (created.getStatus() == null || created.getStatus().getAllocation() == null)
        {
            created.setStatus(status);
            return client.resource(created).updateStatus();
        }
        return created;
    }

    /** @return this node's slices as the API server holds them. */
    List<ResourceSlice> slices()
    {
        return client.resources(ResourceSlice.class).list().getItems();
    }

    /** @return the card's capacity (the aic100 profile). */
    static Resources capacity()
    {
        return DeviceProfiles.capacity(DeviceProfiles.AIC100);
    }

    /** @return the first device of the pool with {@code cores} cores: the scheduler's first fit. */
    static String firstDevice(final List<ResourceSlice> slices, final long cores)
    {
        return slices.stream().filter((s) -> s.getSpec().getDevices() != null)
            .sorted(java.util.Comparator.comparing((ResourceSlice s) -> s.getMetadata().getName()))
            .flatMap((s) -> s.getSpec().getDevices().stream())
            .filter((d) -> d.getAttributes().get("cores").getInt() == cores).map((d) -> d.getName()).findFirst()
            .orElse(null);
    }

    /** @return every device name of the pool. */
    static List<String> deviceNames(final List<ResourceSlice> slices)
    {
        return slices.stream().filter((s) -> s.getSpec().getDevices() != null)
            .flatMap((s) -> s.getSpec().getDevices().stream()).map((d) -> d.getName()).toList();
    }

    @Override
    public void close()
    {
        client.close();
        server.destroy();
        devfs.close();
    }

    static void deleteIfExists(final Path file) throws Exception
    {
        Files.deleteIfExists(file);
    }
}

package dev.shadowdev.dra.plugin;

import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.dra.catalog.DeviceCatalog;
import dev.shadowdev.dra.claim.ClaimPreparer;
import dev.shadowdev.dra.claim.ClaimStateStore;
import dev.shadowdev.dra.node.BaseNode;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet plugin beside a running devfs: the DRA service on its socket, the slices published, then the
 * registration socket (last, so the kubelet finds everything ready). Every {@code resyncMs} the card is read again
 * and the slices republished when its configured partitions changed (an apply, a resize, a firmware reset).
 */
public final class KubeletPlugin implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(KubeletPlugin.class);

    private final PluginOptions options;
    private final BaseNode base;
    private final SlicePublisher publisher;
    private final RegistrationService registration;
    private final ScheduledExecutorService resync = Executors.newSingleThreadScheduledExecutor((r) ->
    {
        final Thread t = new Thread(r, "shadowdev-dra-resync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private volatile DeviceCatalog published;
    private UnixGrpcServer draServer;
    private UnixGrpcServer registrationServer;

    private KubeletPlugin(final PluginOptions options, final BaseNode base, final KubernetesClient client)
    {
        this.options = options;
        this.base = base;
        this.publisher = new SlicePublisher(client, options.nodeName());
        this.registration = new RegistrationService(options.draSocket());
    }

    /**
     * Open the base node, serve, publish, register.
     *
     * @param client the API server (not closed by the plugin).
     * @throws NodeException when the base node cannot be opened.
     * @throws IOException   when a socket cannot be bound.
     */
    public static KubeletPlugin start(final PluginOptions options, final KubernetesClient client)
        throws NodeException, IOException
    {
        final BaseNode base = BaseNode.open(options.mount(), options.baseNode());
        final KubeletPlugin plugin = new KubeletPlugin(options, base, client);
        try
        {
            final ClaimPreparer preparer = new ClaimPreparer(base, new KubeClaims(client),
                new ClaimStateStore(options.stateFile()), options.cdiDir(), options.nodeName());
            plugin.draServer = UnixGrpcServer.start(options.draSocket(), new DraService(preparer));
            plugin.resyncOnce();
            plugin.registrationServer = UnixGrpcServer.start(options.registrationSocket(), plugin.registration);
            plugin.resync.scheduleWithFixedDelay(plugin::resyncOnce, options.resyncMs(), options.resyncMs(),
                TimeUnit.MILLISECONDS);
            LOG.info("dra plugin started: node={} dra={} registration={} cdi={} state={}", options.nodeName(),
                options.draSocket(), options.registrationSocket(), options.cdiDir(), options.stateFile());
            return plugin;
        }
        catch (final IOException | RuntimeException ex)
        {
            plugin.close();
            throw ex;
        }
    }

    /** Read the card; publish when its catalog differs from the one last published. Failures are logged. */
    private void resyncOnce()
    {
        try
        {
            final DeviceCatalog catalog = DeviceCatalog.of(base.layout());
            if (!catalog.equals(published))
            {
                generation.set(publisher.publish(catalog));
                published = catalog;
            }
        }
        catch (final NodeException | IOException | RuntimeException ex)
        {
            LOG.error("dra: cannot publish the slices, trying again in {} ms: node={} error={}", options.resyncMs(),
                options.nodeName(), ex.toString());
        }
    }

    /** @return the pool generation last published, 0 before the first. */
    public long generation()
    {
        return generation.get();
    }

    public RegistrationService registration()
    {
        return registration;
    }

    /** Unregister (remove the registration socket), stop serving, close the base node session. */
    @Override
    public void close()
    {
        if (registrationServer != null)
        {
            registrationServer.close();
        }
        resync.shutdownNow();
        try
        {
            resync.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (draServer != null)
        {
            draServer.close();
        }
        base.close();
        LOG.info("dra plugin stopped: node={}", options.nodeName());
    }
}

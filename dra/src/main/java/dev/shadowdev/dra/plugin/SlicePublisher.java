package dev.shadowdev.dra.plugin;

import dev.shadowdev.dra.catalog.DeviceCatalog;
import dev.shadowdev.dra.slices.SliceBuilder;
import dev.shadowdev.dra.slices.SliceRules;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a node's pool to the API server: the slices {@link SliceBuilder} makes, checked against
 * {@link SliceRules} first. A catalog that differs from what is published bumps the pool's generation (the
 * scheduler uses only the newest), and slices the new catalog no longer needs are deleted; an unchanged one
 * (e.g. after a restart of the plugin) changes nothing.
 */
public final class SlicePublisher
{
    private static final Logger LOG = LoggerFactory.getLogger(SlicePublisher.class);

    private final KubernetesClient client;
    private final String node;

    public SlicePublisher(final KubernetesClient client, final String node)
    {
        this.client = client;
        this.node = node;
    }

    /**
     * @return the pool generation now published.
     * @throws IllegalStateException when the slices break an API rule (nothing is published then).
     */
    public long publish(final DeviceCatalog catalog)
    {
        final List<ResourceSlice> existing = client.resources(ResourceSlice.class)
            .withLabel(SliceBuilder.NODE_LABEL, node).list().getItems();
        final long current = existing.stream().mapToLong((s) -> s.getSpec().getPool().getGeneration()).max()
            .orElse(0);
        if (current > 0 && same(existing, SliceBuilder.build(node, catalog, current)))
        {
            LOG.info("slices unchanged: node={} generation={}", node, current);
            return current;
        }
        final long generation = current + 1;
        final List<ResourceSlice> slices = SliceBuilder.build(node, catalog, generation);
        final List<String> broken = SliceRules.check(slices, catalog.capacity());
        if (!broken.isEmpty())
        {
            throw new IllegalStateException("slices break the API's rules: node=" + node + " rules=" + broken);
        }
        final Set<String> names = new HashSet<>();
        for (final ResourceSlice slice : slices)
        {
            names.add(slice.getMetadata().getName());
            client.resource(slice).unlock().createOr((r) -> r.update());
        }
        for (final ResourceSlice old : existing)
        {
            if (!names.contains(old.getMetadata().getName()))
            {
                client.resource(old).delete();
            }
        }
        LOG.info("slices published: node={} generation={} slices={} devices={}", node, generation, slices.size(),
            catalog.devices().size());
        return generation;
    }

    private static boolean same(final List<ResourceSlice> existing, final List<ResourceSlice> wanted)
    {
        if (existing.size() != wanted.size())
        {
            return false;
        }
        for (final ResourceSlice w : wanted)
        {
            final ResourceSlice e = existing.stream()
                .filter((s) -> s.getMetadata().getName().equals(w.getMetadata().getName())).findFirst().orElse(null);
            if (e == null || !Objects.equals(e.getSpec(), w.getSpec()))
            {
                return false;
            }
        }
        return true;
    }
}

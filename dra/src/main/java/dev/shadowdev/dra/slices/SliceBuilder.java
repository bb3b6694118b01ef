package dev.shadowdev.dra.slices;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.dra.Dra;
import dev.shadowdev.dra.catalog.DeviceCatalog;
import dev.shadowdev.dra.catalog.DraDevice;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.Counter;
import io.fabric8.kubernetes.api.model.resource.v1.CounterSet;
import io.fabric8.kubernetes.api.model.resource.v1.Device;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceAttribute;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceCapacity;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceCounterConsumption;
import io.fabric8.kubernetes.api.model.resource.v1.ResourcePool;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSliceSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ResourceSlices of one node's pool ({@code resource.k8s.io/v1}, driver {@value Dra#DRIVER}, pool = node name):
 * <ul>
 *   <li>slice {@code <node>-shadowdev.dev-counters} holds the shared counters and no device (the API allows only
 *   one of the two in a slice): counter set {@value #CARD} with the card's totals, which every device consumes, and
 *   counter set {@value #UNRESERVED} with what no configured partition reserves, which the profile devices consume
 *   as well; so the scheduler never hands out profile devices beyond the room the configured partitions leave,
 *   and never more than the card in all;</li>
 *   <li>slices {@code <node>-shadowdev.dev-devices-<i>} hold the devices, at most {@value #MAX_DEVICES_PER_SLICE}
 *   each (the API's limit for devices that consume counters), smallest first.</li>
 * </ul>
 * Each device carries attributes {@code profile}, {@code cores}, {@code memory} and {@code minor} (where it has a
 * node), and its five amounts as capacities in Quantity form ({@code cores}, {@code memory}, {@code bus_replicators},
 * {@code semaphores}, {@code dma_channels}: capacity names are C identifiers, counter names DNS labels).
 */
public final class SliceBuilder
{
    public static final String CARD = "card";
    public static final String UNRESERVED = "unreserved";
    /** Devices in a slice when any consumes counters. */
    public static final int MAX_DEVICES_PER_SLICE = 64;
    /** Label on every slice of this driver: the node it describes. */
    public static final String NODE_LABEL = Dra.DRIVER + "/node";

    private SliceBuilder()
    {
    }

    /**
     * @param node       the node's name: the pool's name and {@code spec.nodeName}.
     * @param catalog    the devices.
     * @param generation the pool's generation.
     * @return the counter slice first, then the device slices.
     */
    public static List<ResourceSlice> build(final String node, final DeviceCatalog catalog, final long generation)
    {
        final List<List<DraDevice>> chunks = new ArrayList<>();
        final List<DraDevice> all = catalog.devices();
        for (int i = 0; i < all.size(); i += MAX_DEVICES_PER_SLICE)
        {
            chunks.add(all.subList(i, Math.min(all.size(), i + MAX_DEVICES_PER_SLICE)));
        }
        final long count = 1 + chunks.size();
        final List<ResourceSlice> slices = new ArrayList<>();
        final ResourceSliceSpec counters = spec(node, generation, count);
        counters.setSharedCounters(List.of(counterSet(CARD, catalog.capacity()),
            counterSet(UNRESERVED, catalog.unreserved())));
        slices.add(slice(node + "-" + Dra.DRIVER + "-counters", node, counters));
        for (int c = 0; c < chunks.size(); c++)
        {
            final ResourceSliceSpec spec = spec(node, generation, count);
            final List<Device> devices = new ArrayList<>();
            for (final DraDevice d : chunks.get(c))
            {
                devices.add(device(d));
            }
            spec.setDevices(devices);
            slices.add(slice(node + "-" + Dra.DRIVER + "-devices-" + c, node, spec));
        }
        return slices;
    }

    private static ResourceSlice slice(final String name, final String node, final ResourceSliceSpec spec)
    {
        final ResourceSlice slice = new ResourceSlice();
        slice.setApiVersion("resource.k8s.io/v1");
        slice.setKind("ResourceSlice");
        slice.setMetadata(new ObjectMetaBuilder().withName(name).addToLabels(NODE_LABEL, node).build());
        slice.setSpec(spec);
        return slice;
    }

    private static ResourceSliceSpec spec(final String node, final long generation, final long count)
    {
        final ResourceSliceSpec spec = new ResourceSliceSpec();
        spec.setDriver(Dra.DRIVER);
        spec.setNodeName(node);
        final ResourcePool pool = new ResourcePool();
        pool.setName(node);
        pool.setGeneration(generation);
        pool.setResourceSliceCount(count);
        spec.setPool(pool);
        return spec;
    }

    private static CounterSet counterSet(final String name, final Resources amounts)
    {
        final CounterSet set = new CounterSet();
        set.setName(name);
        set.setCounters(counters(amounts));
        return set;
    }

    private static Map<String, Counter> counters(final Resources amounts)
    {
        final Map<String, Counter> counters = new LinkedHashMap<>();
        for (final Resource r : Resource.values())
        {
            final Counter counter = new Counter();
            counter.setValue(Quantities.of(r, amounts.get(r)));
            counters.put(Quantities.name(r), counter);
        }
        return counters;
    }

    private static Device device(final DraDevice d)
    {
        final Device device = new Device();
        device.setName(d.name());
        final Map<String, DeviceAttribute> attributes = new LinkedHashMap<>();
        attributes.put("profile", text(d.profile()));
        attributes.put("cores", number(d.resources().get(Resource.CORES)));
        attributes.put("memory", number(d.resources().get(Resource.MEMORY)));
        if (d.minor() >= 0)
        {
            attributes.put("minor", number(d.minor()));
        }
        device.setAttributes(attributes);
        final Map<String, DeviceCapacity> capacity = new LinkedHashMap<>();
        for (final Resource r : Resource.values())
        {
            final DeviceCapacity c = new DeviceCapacity();
            c.setValue(Quantities.of(r, d.resources().get(r)));
            capacity.put(r.key(), c);
        }
        device.setCapacity(capacity);
        final List<DeviceCounterConsumption> consumes = new ArrayList<>();
        consumes.add(consumption(CARD, d.resources()));
        if (!d.configured())
        {
            consumes.add(consumption(UNRESERVED, d.resources()));
        }
        device.setConsumesCounters(consumes);
        return device;
    }

    private static DeviceCounterConsumption consumption(final String set, final Resources amounts)
    {
        final DeviceCounterConsumption c = new DeviceCounterConsumption();
        c.setCounterSet(set);
        c.setCounters(counters(amounts));
        return c;
    }

    private static DeviceAttribute text(final String value)
    {
        final DeviceAttribute a = new DeviceAttribute();
        a.setString(value);
        return a;
    }

    private static DeviceAttribute number(final long value)
    {
        final DeviceAttribute a = new DeviceAttribute();
        a.setInt(value);
        return a;
    }
}

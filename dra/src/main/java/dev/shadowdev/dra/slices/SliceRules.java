package dev.shadowdev.dra.slices;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.dra.catalog.DeviceCatalog;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.resource.v1.Counter;
import io.fabric8.kubernetes.api.model.resource.v1.CounterSet;
import io.fabric8.kubernetes.api.model.resource.v1.Device;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceCapacity;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceCounterConsumption;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSliceSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code resource.k8s.io/v1} rules a pool's ResourceSlices must keep (the API server's validation of the
 * fields this driver uses), plus the one the driver owes the card: no set of devices the scheduler can allocate
 * together adds up to more than the card. Every rule broken is one line {@code what: name=value}.
 */
public final class SliceRules
{
    public static final int MAX_DEVICES = 128;
    public static final int MAX_DEVICES_WITH_COUNTERS = 64;
    public static final int MAX_COUNTER_SETS = 8;
    public static final int MAX_COUNTERS_PER_SET = 32;
    public static final int MAX_CONSUMPTIONS_PER_DEVICE = 2;
    public static final int MAX_ATTRIBUTES_AND_CAPACITIES = 32;

    private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");

    private SliceRules()
    {
    }

    /**
     * @param slices every slice of one pool.
     * @param card   the card's capacity.
     * @return the rules broken, empty when none.
     */
    public static List<String> check(final List<ResourceSlice> slices, final Resources card)
    {
        final List<String> broken = new ArrayList<>();
        final Map<String, Map<String, Long>> sets = new HashMap<>();
        final List<Device> devices = new ArrayList<>();
        final Set<Long> generations = new HashSet<>();
        final Set<String> pools = new HashSet<>();
        for (final ResourceSlice slice : slices)
        {
            final String name = slice.getMetadata().getName();
            final ResourceSliceSpec spec = slice.getSpec();
            pools.add(spec.getPool().getName());
            generations.add(spec.getPool().getGeneration());
            if (!Objects.equals(spec.getPool().getResourceSliceCount(), (long)slices.size()))
            {
                broken.add("resourceSliceCount does not match the slices: slice=" + name + " count=" +
                    spec.getPool().getResourceSliceCount() + " slices=" + slices.size());
            }
            final int placement = (spec.getNodeName() != null ? 1 : 0) + (spec.getNodeSelector() != null ? 1 : 0) +
                (Boolean.TRUE.equals(spec.getAllNodes()) ? 1 : 0) +
                (Boolean.TRUE.equals(spec.getPerDeviceNodeSelection()) ? 1 : 0);
            if (placement != 1)
            {
                broken.add("not exactly one of nodeName, nodeSelector, allNodes, perDeviceNodeSelection: slice=" +
                    name + " set=" + placement);
            }
            final List<CounterSet> counterSets = orEmpty(spec.getSharedCounters());
            final List<Device> sliceDevices = orEmpty(spec.getDevices());
            if (!counterSets.isEmpty() && !sliceDevices.isEmpty())
            {
                broken.add("both devices and sharedCounters in one slice: slice=" + name);
            }
            if (counterSets.size() > MAX_COUNTER_SETS)
            {
                broken.add("too many counter sets: slice=" + name + " sets=" + counterSets.size());
            }
            for (final CounterSet set : counterSets)
            {
                counterSet(set, name, sets, broken);
            }
            final boolean consumes = sliceDevices.stream().anyMatch((d) -> !orEmpty(d.getConsumesCounters()).isEmpty());
            final int max = consumes ? MAX_DEVICES_WITH_COUNTERS : MAX_DEVICES;
            if (sliceDevices.size() > max)
            {
                broken.add("too many devices: slice=" + name + " devices=" + sliceDevices.size() + " max=" + max);
            }
            devices.addAll(sliceDevices);
        }
        if (pools.size() > 1 || generations.size() > 1)
        {
            broken.add("slices of more than one pool or generation: pools=" + pools + " generations=" + generations);
        }
        final Set<String> names = new HashSet<>();
        for (final Device device : devices)
        {
            device(device, names, sets, broken);
        }
        fitsTheCard(devices, sets, card, broken);
        return broken;
    }

    private static void counterSet(final CounterSet set, final String slice, final Map<String, Map<String, Long>> sets,
        final List<String> broken)
    {
        if (!DeviceCatalog.DNS_LABEL.matcher(set.getName()).matches())
        {
            broken.add("counter set name not a DNS label: slice=" + slice + " set=" + set.getName());
        }
        if (sets.containsKey(set.getName()))
        {
            broken.add("duplicate counter set: set=" + set.getName());
        }
        final Map<String, Counter> counters = orEmpty(set.getCounters());
        if (counters.isEmpty() || counters.size() > MAX_COUNTERS_PER_SET)
        {
            broken.add("counters per set out of range: set=" + set.getName() + " counters=" + counters.size());
        }
        final Map<String, Long> values = new HashMap<>();
        for (final Map.Entry<String, Counter> e : counters.entrySet())
        {
            if (!DeviceCatalog.DNS_LABEL.matcher(e.getKey()).matches())
            {
                broken.add("counter name not a DNS label: set=" + set.getName() + " counter=" + e.getKey());
            }
            values.put(e.getKey(), amount(e.getValue().getValue()));
        }
        sets.put(set.getName(), values);
    }

    private static void device(final Device device, final Set<String> names, final Map<String, Map<String, Long>> sets,
        final List<String> broken)
    {
        final String name = device.getName();
        if (name == null || !DeviceCatalog.DNS_LABEL.matcher(name).matches())
        {
            broken.add("device name not a DNS label: device=" + name);
        }
        if (!names.add(name))
        {
            broken.add("duplicate device in the pool: device=" + name);
        }
        final int attributes = orEmpty(device.getAttributes()).size() + orEmpty(device.getCapacity()).size();
        if (attributes > MAX_ATTRIBUTES_AND_CAPACITIES)
        {
            broken.add("too many attributes and capacities: device=" + name + " count=" + attributes);
        }
        for (final String key : orEmpty(device.getAttributes()).keySet())
        {
            identifier("attribute", name, key, broken);
        }
        for (final String key : orEmpty(device.getCapacity()).keySet())
        {
            identifier("capacity", name, key, broken);
        }
        final List<DeviceCounterConsumption> consumptions = orEmpty(device.getConsumesCounters());
        if (consumptions.size() > MAX_CONSUMPTIONS_PER_DEVICE)
        {
            broken.add("too many counter consumptions: device=" + name + " consumptions=" + consumptions.size());
        }
        final Set<String> used = new HashSet<>();
        for (final DeviceCounterConsumption c : consumptions)
        {
            if (!used.add(c.getCounterSet()))
            {
                broken.add("counter set consumed twice: device=" + name + " set=" + c.getCounterSet());
            }
            final Map<String, Long> set = sets.get(c.getCounterSet());
            if (set == null)
            {
                broken.add("consumes a counter set the pool lacks: device=" + name + " set=" + c.getCounterSet());
                continue;
            }
            for (final Map.Entry<String, Counter> e : orEmpty(c.getCounters()).entrySet())
            {
                final Long available = set.get(e.getKey());
                final long wanted = amount(e.getValue().getValue());
                if (available == null)
                {
                    broken.add("consumes a counter its set lacks: device=" + name + " set=" + c.getCounterSet() +
                        " counter=" + e.getKey());
                }
                else if (wanted > available)
                {
                    broken.add("consumes more than its set holds: device=" + name + " set=" + c.getCounterSet() +
                        " counter=" + e.getKey() + " wanted=" + wanted + " holds=" + available);
                }
            }
        }
    }

    /**
     * The scheduler allocates a set of devices only when, for every counter set, their consumptions add up to no
     * more than the set holds. So when one counter set is consumed by every device, for every resource, at least
     * by the device's capacity, and holds no more than the card, no allocatable set of devices passes the card.
     */
    private static void fitsTheCard(final List<Device> devices, final Map<String, Map<String, Long>> sets,
        final Resources card, final List<String> broken)
    {
        for (final Map.Entry<String, Map<String, Long>> set : sets.entrySet())
        {
            if (boundsTheCard(set.getKey(), set.getValue(), devices, card))
            {
                return;
            }
        }
        broken.add("no counter set bounds every device by the card: sets=" + sets.keySet());
    }

    private static boolean boundsTheCard(final String setName, final Map<String, Long> set, final List<Device> devices,
        final Resources card)
    {
        for (final Resource r : Resource.values())
        {
            final Long held = set.get(Quantities.name(r));
            if (held == null || held > card.get(r))
            {
                return false;
            }
        }
        for (final Device device : devices)
        {
            final DeviceCounterConsumption c = orEmpty(device.getConsumesCounters()).stream()
                .filter((x) -> setName.equals(x.getCounterSet())).findFirst().orElse(null);
            if (c == null)
            {
                return false;
            }
            for (final Resource r : Resource.values())
            {
                final Counter consumed = orEmpty(c.getCounters()).get(Quantities.name(r));
                final DeviceCapacity capacity = orEmpty(device.getCapacity()).get(r.key());
                if (consumed == null || capacity == null ||
                    amount(consumed.getValue()) < amount(capacity.getValue()))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static void identifier(final String what, final String device, final String key, final List<String> broken)
    {
        if (!C_IDENTIFIER.matcher(key).matches())
        {
            broken.add(what + " name not a C identifier: device=" + device + " " + what + "=" + key);
        }
    }

    private static long amount(final Quantity quantity)
    {
        return Quantities.amount(quantity);
    }

    private static <T> List<T> orEmpty(final List<T> list)
    {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(final Map<K, V> map)
    {
        return map == null ? Map.of() : map;
    }
}

package dev.shadowdev.dra.slices;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.dra.catalog.CardLayout;
import dev.shadowdev.dra.catalog.DeviceCatalog;
import io.fabric8.kubernetes.api.model.resource.v1.Device;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceCounterConsumption;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceSlice;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published slices keep the API's rules, and no set of devices the scheduler can allocate passes the card. */
class SliceRulesTest
{
    private static final Resources AIC100 = Resources.of(16, 32L << 30, 32, 64, 16);

    @Test
    void shouldKeepEveryRuleForTheDefaultConfig() throws Exception
    {
        final DevfsConfig config = ConfigLoader.loadDefault();
        final List<CardLayout.ConfiguredPartition> parts = new ArrayList<>();
        for (final PartitionSpec p : config.partitions())
        {
            parts.add(new CardLayout.ConfiguredPartition(p.name(), p.resources(), -1));
        }
        final DeviceCatalog catalog = DeviceCatalog.of(new CardLayout(config.capacity(), parts));

        final List<ResourceSlice> slices = SliceBuilder.build("node-1", catalog, 1);

        assertEquals(List.of(), SliceRules.check(slices, config.capacity()));
        assertEquals(List.of("dyn-1c-0", "dyn-1c-1", "dyn-2c-0", "infer-a", "infer-b", "train-a", "batch"),
            names(slices), "profiles in the 4 unreserved cores and 4 GiB, smallest first, then the partitions");
        assertEquals(Resources.of(4, 4L << 30, 4, 8, 4), catalog.unreserved());
    }

    @Property(tries = 200)
    void shouldNeverLetTheSchedulerPassTheCard(@ForAll @IntRange(min = 0, max = 4) final int partitions,
        @ForAll @IntRange(min = 1, max = 4) final int cores, @ForAll final long seed)
    {
        final List<CardLayout.ConfiguredPartition> parts = new ArrayList<>();
        for (int i = 0; i < partitions; i++)
        {
            parts.add(new CardLayout.ConfiguredPartition("p" + i, Resources.of(cores, (long)cores << 30, cores,
                2L * cores, 1), -1));
        }
        final DeviceCatalog catalog = DeviceCatalog.of(new CardLayout(AIC100, parts));
        final List<ResourceSlice> slices = SliceBuilder.build("n", catalog, 3);
        assertEquals(List.of(), SliceRules.check(slices, AIC100));

        // the scheduler: take devices in a random order, each one whose consumption still fits every counter set
        final List<Device> devices = new ArrayList<>(slices.stream().filter((s) -> s.getSpec().getDevices() != null)
            .flatMap((s) -> s.getSpec().getDevices().stream()).toList());
        java.util.Collections.shuffle(devices, new java.util.Random(seed));
        final Map<String, Map<String, Long>> left = new HashMap<>();
        slices.get(0).getSpec().getSharedCounters().forEach((set) -> left.put(set.getName(), new HashMap<>(
            set.getCounters().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                (e) -> Quantities.amount(e.getValue().getValue()))))));
        final long[] taken = new long[Resource.COUNT];
        for (final Device d : devices)
        {
            if (fits(d, left))
            {
                for (final DeviceCounterConsumption c : d.getConsumesCounters())
                {
                    c.getCounters().forEach((k, v) -> left.get(c.getCounterSet()).merge(k,
                        -Quantities.amount(v.getValue()), Long::sum));
                }
                for (final Resource r : Resource.values())
                {
                    taken[r.ordinal()] += Quantities.amount(d.getCapacity().get(r.key()).getValue());
                }
            }
        }
        for (final Resource r : Resource.values())
        {
            assertTrue(taken[r.ordinal()] <= AIC100.get(r), r.key() + "=" + taken[r.ordinal()]);
        }
    }

    @Test
    void shouldNameEveryBrokenRule()
    {
        final DeviceCatalog catalog = DeviceCatalog.of(new CardLayout(AIC100, List.of()));
        final List<ResourceSlice> slices = SliceBuilder.build("n", catalog, 1);
        final Device first = slices.get(1).getSpec().getDevices().get(0);
        first.setName("Bad_Name");
        first.getConsumesCounters().get(0).setCounterSet("gpu");
        slices.get(1).getSpec().getDevices().get(1).getConsumesCounters().get(1).getCounters()
            .get("cores").setValue(Quantities.of(Resource.CORES, 99));

        final List<String> broken = SliceRules.check(slices, AIC100);

        assertTrue(broken.contains("device name not a DNS label: device=Bad_Name"), broken.toString());
        assertTrue(broken.contains("consumes a counter set the pool lacks: device=Bad_Name set=gpu"), broken.toString());
        assertTrue(broken.contains("consumes more than its set holds: device=dyn-1c-1 set=unreserved counter=cores " +
            "wanted=99 holds=16"), broken.toString());
    }

    @Test
    void shouldNoticeADeviceThatConsumesLessThanItHolds()
    {
        final DeviceCatalog catalog = DeviceCatalog.of(new CardLayout(AIC100, List.of(
            new CardLayout.ConfiguredPartition("infer-a", Resources.of(3, 7L << 30, 7, 14, 3), 1))));
        final List<ResourceSlice> slices = SliceBuilder.build("n", catalog, 1);
        final Device configured = slices.get(1).getSpec().getDevices().stream()
            .filter((d) -> d.getName().equals("infer-a")).findFirst().orElseThrow();
        configured.getConsumesCounters().get(0).getCounters().get("cores").setValue(Quantities.of(Resource.CORES, 0));

        final List<String> broken = SliceRules.check(slices, AIC100);

        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).startsWith("no counter set bounds every device by the card: sets="), broken.get(0));
    }

    @Test
    void shouldSplitDevicesIntoSlicesOfAtMost64()
    {
        final Resources big = Resources.of(64, 128L << 30, 128, 256, 64);
        final DeviceCatalog catalog = DeviceCatalog.of(new CardLayout(big, List.of()));

        final List<ResourceSlice> slices = SliceBuilder.build("n", catalog, 1);

        assertEquals(64 + 32 + 16 + 8 + 4, catalog.devices().size());
        assertEquals(List.of(0, 64, 60), slices.stream().map((s) -> s.getSpec().getDevices() == null ? 0 :
            s.getSpec().getDevices().size()).toList());
        assertEquals(List.of(), SliceRules.check(slices, big));
    }

    private static boolean fits(final Device d, final Map<String, Map<String, Long>> left)
    {
        for (final DeviceCounterConsumption c : d.getConsumesCounters())
        {
            for (final var e : c.getCounters().entrySet())
            {
                if (Quantities.amount(e.getValue().getValue()) > left.get(c.getCounterSet()).get(e.getKey()))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> names(final List<ResourceSlice> slices)
    {
        return slices.stream().filter((s) -> s.getSpec().getDevices() != null)
            .flatMap((s) -> s.getSpec().getDevices().stream()).map(Device::getName).toList();
    }
}

package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.resource.Resources;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static dev.shadowdev.devfs.daemon.DaemonFixtures.AIC100;
import static dev.shadowdev.devfs.daemon.DaemonFixtures.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever the card has and whatever the config wants, a forced apply ends with exactly the config's partitions,
 * one node each where the config wants one and none elsewhere, exactly the config's cgroup bindings (a binding made
 * by hand is undone), a state that matches the card, nothing left to do, and the global pool accounted for.
 */
class ReconcilePropertyTest
{
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");
    private static final List<String> PATHS = List.of("/p0", "/p1", "/p0/x", "/q", "/q/r/s");

    private Path dir;

    @Property(tries = 60)
    void forcedApplyReachesTheConfig(
        @ForAll("cards") final List<String> before, @ForAll("cards") final List<String> after) throws Exception
    {
        dir = Files.createTempDirectory("reconcile");
        final FakePartitionControl card = new FakePartitionControl(AIC100);
        final StateStore store = new StateStore(dir.resolve("state.json"));
        final PartitionDaemon daemon = new PartitionDaemon(card, NodeAttributes.NONE, store);
        assertTrue(daemon.execute(daemon.plan(config(before.toArray(new String[0])), false), false).ok());
        for (final PartitionEntry e : card.query())
        {
            if (e.name().hashCode() % 2 == 0)
            {
                card.activate(e.id(), Resources.ZERO);
            }
        }
        card.query().stream().findFirst().ifPresent((e) -> card.bound.putIfAbsent("/by-hand", e.id()));

        final DevfsConfig wanted = config(after.toArray(new String[0]));
        final ApplyReport report = daemon.execute(daemon.plan(wanted, true), true);

        assertTrue(report.ok(), report.render());
        final Map<String, Resources> onCard = new HashMap<>();
        for (final PartitionEntry e : card.query())
        {
            assertEquals(null, onCard.put(e.name(), e.reserved()), "one partition per name");
        }
        final Map<String, Resources> inConfig = new HashMap<>();
        final Map<String, String> wantedBindings = new HashMap<>();
        Resources sum = Resources.ZERO;
        int withNode = 0;
        for (final PartitionSpec spec : wanted.partitions())
        {
            inConfig.put(spec.name(), spec.resources());
            sum = sum.plus(spec.resources());
            spec.cgroups().forEach((path) -> wantedBindings.put(path, spec.name()));
            withNode += spec.shadowNode() ? 1 : 0;
        }
        final Map<String, String> actualBindings = new HashMap<>();
        card.bindings().forEach((b) -> actualBindings.put(b.path(), b.partitionName()));
        assertEquals(wantedBindings, actualBindings);
        assertEquals(inConfig, onCard);
        assertEquals(AIC100.minusFloored(sum), card.free());
        final DaemonState state = store.load();
        assertEquals(inConfig.keySet(), new HashSet<>(state.partitions().stream()
            .map(PartitionRecord::name).toList()));
        for (final PartitionRecord r : state.partitions())
        {
            assertEquals(wanted.partition(r.name()).shadowNode(), r.hasNode(), r.toString());
            assertEquals(r.hasNode() ? r.minor() : null, card.nodes.get(r.partitionId()), r.toString());
            assertEquals(new HashSet<>(r.cgroups()), new HashSet<>(card.bindings().stream()
                .filter((b) -> b.partitionId() == r.partitionId()).map(CgroupBinding::path).toList()), r.toString());
        }
        assertEquals(withNode, card.nodes.size());
        assertTrue(daemon.plan(wanted, false).isEmpty());
    }

    /**
     * On a card with elastic partitions, a forced apply also resizes in place: every partition ends with the config's
     * min, max and lending, and one that exists before and after keeps its ID (and its minor when it has a node both
     * times), whatever its sizes were.
     */
    @Property(tries = 60)
    void forcedApplyResizesInPlaceOnAnElasticCard(
        @ForAll("elasticCards") final List<String> before, @ForAll("elasticCards") final List<String> after)
        throws Exception
    {
        dir = Files.createTempDirectory("reconcile");
        final FakePartitionControl card = FakePartitionControl.elastic(AIC100);
        final StateStore store = new StateStore(dir.resolve("state.json"));
        final PartitionDaemon daemon = new PartitionDaemon(card, NodeAttributes.NONE, store);
        assertTrue(daemon.execute(daemon.plan(config(before.toArray(new String[0])), false), false).ok());
        final Map<String, PartitionRecord> first = new HashMap<>();
        store.load().partitions().forEach((r) -> first.put(r.name(), r));
        for (final FakePartitionControl.Part p : card.partitions.values())
        {
            card.activate(p.id, Resources.of(p.name.hashCode() % 2 == 0 ? 1 : 0, 0, 0, 0, 0));
        }

        final DevfsConfig wanted = config(after.toArray(new String[0]));
        final ApplyReport report = daemon.execute(daemon.plan(wanted, true), true);

        assertTrue(report.ok(), report.render());
        assertEquals(wanted.partitions().size(), card.partitions.size());
        Resources sum = Resources.ZERO;
        for (final PartitionSpec spec : wanted.partitions())
        {
            final FakePartitionControl.Part p = card.partitions.values().stream()
                .filter((x) -> x.name.equals(spec.name())).findFirst().orElseThrow();
            assertEquals(List.of(spec.min(), spec.max(), spec.lend()), List.of(p.min, p.max, p.lend), spec.name());
            final PartitionRecord r = store.load().find(spec.name());
            assertEquals(List.of(spec.min(), spec.max(), spec.lend(), p.id),
                List.of(r.min(), r.max(), r.lend(), r.partitionId()), spec.name());
            final PartitionRecord was = first.get(spec.name());
            if (was != null)
            {
                assertEquals(was.partitionId(), p.id, "resized in place: " + spec.name());
                if (was.hasNode() && spec.shadowNode())
                {
                    assertEquals(was.minor(), r.minor(), "same minor: " + spec.name());
                }
            }
            sum = sum.plus(spec.min());
        }
        assertEquals(AIC100.minusFloored(sum), card.free());
        assertTrue(daemon.plan(wanted, false).isEmpty());
    }

    @Provide
    Arbitrary<List<String>> elasticCards()
    {
        final Arbitrary<String> partition = Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 6), Arbitraries.of("", ":lend",
                ":nonode")).as((min, extra, memory, option) ->
                    (min + extra == 0 ? "1" : extra == 0 ? Integer.toString(min) : min + ".." + (min + extra)) + ":" +
                    memory + option);
        return Arbitraries.subsetOf(NAMES).flatMap((names) ->
        {
            final List<String> sorted = new ArrayList<>(names);
            sorted.sort(Comparator.naturalOrder());
            return partition.list().ofSize(sorted.size()).map((specs) ->
            {
                final List<String> list = new ArrayList<>();
                for (int i = 0; i < sorted.size(); i++)
                {
                    list.add(sorted.get(i) + ":" + specs.get(i));
                }
                return list;
            });
        });
    }

    @Provide
    Arbitrary<List<String>> cards()
    {
        final Arbitrary<String> partition = Combinators.combine(
            Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 6))
            .as((cores, memory) -> cores + ":" + memory);
        return Arbitraries.subsetOf(NAMES).flatMap((names) ->
        {
            final List<String> sorted = new ArrayList<>(names);
            sorted.sort(Comparator.naturalOrder());
            final int n = sorted.size();
            return Combinators.combine(partition.list().ofSize(n), Arbitraries.of(true, false).list().ofSize(n),
                Arbitraries.integers().between(-1, n - 1).list().ofSize(PATHS.size())).as((specs, nodes, owners) ->
            {
                final List<String> list = new ArrayList<>();
                for (int i = 0; i < n; i++)
                {
                    final StringBuilder spec = new StringBuilder(sorted.get(i) + ":" + specs.get(i));
                    if (!nodes.get(i))
                    {
                        spec.append(":nonode");
                    }
                    final List<String> paths = new ArrayList<>();
                    for (int k = 0; k < PATHS.size(); k++)
                    {
                        if (owners.get(k) == i)
                        {
                            paths.add(PATHS.get(k));
                        }
                    }
                    if (!paths.isEmpty())
                    {
                        spec.append(':').append(String.join(",", paths));
                    }
                    list.add(spec.toString());
                }
                return list;
            });
        });
    }

    @AfterTry
    void cleanUp() throws IOException
    {
        if (dir != null)
        {
            try (var files = Files.walk(dir))
            {
                for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(p);
                }
            }
        }
    }
}

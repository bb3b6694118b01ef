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
 * one node each, a state that matches the card, nothing left to do, and the global pool accounted for.
 */
class ReconcilePropertyTest
{
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");

    private Path dir;

    @Property(tries = 40)
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
                card.partitions.put(e.id(), new PartitionEntry(e.id(), 1, e.name(), e.reserved(), e.used()));
            }
        }

        final DevfsConfig wanted = config(after.toArray(new String[0]));
        final ApplyReport report = daemon.execute(daemon.plan(wanted, true), true);

        assertTrue(report.ok(), report.render());
        final Map<String, Resources> onCard = new HashMap<>();
        for (final PartitionEntry e : card.query())
        {
            assertEquals(null, onCard.put(e.name(), e.reserved()), "one partition per name");
        }
        final Map<String, Resources> inConfig = new HashMap<>();
        Resources sum = Resources.ZERO;
        for (final PartitionSpec spec : wanted.partitions())
        {
            inConfig.put(spec.name(), spec.resources());
            sum = sum.plus(spec.resources());
        }
        assertEquals(inConfig, onCard);
        assertEquals(AIC100.minusFloored(sum), card.free());
        final DaemonState state = store.load();
        assertEquals(inConfig.keySet(), new HashSet<>(state.partitions().stream()
            .map(PartitionRecord::name).toList()));
        for (final PartitionRecord r : state.partitions())
        {
            assertEquals(r.minor(), card.nodes.get(r.partitionId()));
        }
        assertEquals(inConfig.size(), card.nodes.size());
        assertTrue(daemon.plan(wanted, false).isEmpty());
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

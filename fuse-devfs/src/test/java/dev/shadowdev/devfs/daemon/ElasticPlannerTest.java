package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.shadowdev.devfs.daemon.DaemonFixtures.AIC100;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plans and applies on a card with elastic partitions (ABI.md 6): resize in place, never recreate. */
class ElasticPlannerTest
{
    private static final NodeMode RW = NodeMode.DEFAULT;

    @TempDir
    Path dir;

    /** {@code name:cores:memoryGiB:lend}; cores and memory either {@code N} or {@code lo..hi}; 1..2 DMA channels. */
    static DevfsConfig elastic(final String... partitions)
    {
        final StringBuilder sb = new StringBuilder("[device]\nprofile = \"aic100\"\n");
        for (final String p : partitions)
        {
            final String[] f = p.split(":");
            sb.append("[[partition]]\nname = \"").append(f[0]).append("\"\ncores = ").append(range(f[1], ""))
                .append("\nmemory = ").append(range(f[2], "GiB")).append("\ndma_channels = { min = 1, max = 2 }\n")
                .append("lend = ").append(f.length > 3 && f[3].equals("lend")).append('\n');
        }
        try
        {
            return ConfigLoader.parse("test.toml", sb.toString());
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static String range(final String text, final String unit)
    {
        final String q = unit.isEmpty() ? "" : "\"";
        if (!text.contains(".."))
        {
            return "{ min = " + q + text + unit + q + ", max = " + q + text + unit + q + " }";
        }
        final String[] ends = text.split("\\.\\.");
        return "{ min = " + q + ends[0] + unit + q + ", max = " + q + ends[1] + unit + q + " }";
    }

    private static Resources res(final int cores, final int memoryGiB, final int dma)
    {
        return Resources.of(cores, (long)memoryGiB << 30, 0, 0, dma);
    }

    private static PartitionEntryEx entry(final int id, final String name, final Resources min, final Resources max,
        final boolean lend, final Resources used)
    {
        final int active = used.equals(Resources.ZERO) ? 0 : 1;
        return new PartitionEntryEx(id, active, name, 0, lend ? 1 : 0, min, max, used, used.minusFloored(min));
    }

    @Test
    void shouldResizeInPlaceShrinksFirstAndNameWhatItMayPreempt()
    {
        final List<PartitionEntryEx> actual = List.of(
            entry(1, "a", res(2, 2, 1), res(4, 4, 2), false, Resources.ZERO),
            entry(2, "b", res(4, 4, 1), res(4, 4, 2), false, res(2, 1, 1)),
            entry(3, "c", res(1, 1, 1), res(8, 8, 2), false, res(5, 3, 2)));
        final DaemonState saved = new DaemonState(List.of(
            new PartitionRecord("a", 1, 1, RW, res(2, 2, 1), res(4, 4, 2), false, List.of()),
            new PartitionRecord("b", 2, 2, RW, res(4, 4, 1), res(4, 4, 2), false, List.of()),
            new PartitionRecord("c", 3, 3, RW, res(1, 1, 1), res(8, 8, 2), false, List.of())));

        final Plan plan = Planner.plan(elastic("a:4..6:2..4", "b:2..4:4:lend", "c:1..8:1..8"),
            new CardView(actual, AIC100, AIC100, true), List.of(), saved, false, false);

        assertEquals(String.join("\n",
            "plan: 0 to create, 0 to destroy, 0 to recreate, 2 to resize, 0 to attach, 0 to chmod, 1 unchanged",
            "  resize   b id=2 minor=2 active=1 cores=4->2..4 lend=false->true",
            "  resize   a id=1 minor=1 active=0 cores=2..4->4..6; may preempt borrowers: c (cores borrowed=4)",
            "  keep     c id=3 minor=3",
            ""), plan.render());
        assertTrue(plan.executable());
    }

    @Test
    void shouldRefuseAMaxBelowWhatIsUsedUnlessForcedAndSayWhatForcePreempts()
    {
        final List<PartitionEntryEx> actual = List.of(
            entry(1, "a", res(2, 2, 1), res(6, 6, 2), false, res(5, 2, 2)));
        final CardView card = new CardView(actual, AIC100, AIC100, true);

        final Plan refused = Planner.plan(elastic("a:2..3:2..6"), card, List.of(), DaemonState.EMPTY, false, false);
        assertEquals(List.of("resize a: partition uses more than the new max (--force to preempt its newest " +
            "workloads): id=1 active=1 cores used=5 max=3"), refused.refusals());
        assertFalse(refused.executable());

        final Plan forced = Planner.plan(elastic("a:2..3:2..6"), card, List.of(), DaemonState.EMPTY, true, false);
        assertTrue(forced.executable());
        assertEquals("resize   a id=1 minor=any active=1 cores=2..6->2..3; preempts: newest workloads of a until " +
            "used <= max (cores used=5 max=3)", forced.steps().get(0).describe());
    }

    @Test
    void shouldRefuseReservationsPastTheCardButNotLimits()
    {
        final List<PartitionEntryEx> actual = List.of(
            entry(1, "a", res(8, 8, 1), res(8, 8, 2), false, Resources.ZERO),
            entry(2, "b", res(6, 8, 1), res(6, 8, 2), false, Resources.ZERO));
        final Resources smaller = Resources.of(14, 32L << 30, 32, 64, 16);
        final CardView card = new CardView(actual, smaller, smaller, true);

        final Plan tooMuch = Planner.plan(elastic("a:8:8", "b:6..16:8", "c:2:1"), card, List.of(),
            DaemonState.EMPTY, false, false);
        assertEquals(List.of("not enough free resources for the new reservations: cores need=2 free=0"),
            tooMuch.refusals());

        final Plan fits = Planner.plan(elastic("a:2..16:8", "b:6..16:8", "c:6:1"), card, List.of(),
            DaemonState.EMPTY, false, false);
        assertTrue(fits.executable(), fits.refusals().toString());
    }

    @Test
    void shouldApplyResizesInPlaceKeepingIdMinorAndWorkloadsAndFitWhenOnlyTheEndStateFits() throws Exception
    {
        final FakePartitionControl card = FakePartitionControl.elastic(AIC100);
        final StateStore store = new StateStore(dir.resolve("state.json"));
        final PartitionDaemon daemon = new PartitionDaemon(card, NodeAttributes.NONE, store);
        assertTrue(daemon.execute(daemon.plan(elastic("a:2..4:4", "b:12..14:8"), false), false).ok());
        card.activate(1, res(3, 1, 1));
        card.calls.clear();

        final DevfsConfig grown = elastic("a:12..16:4:lend", "b:2..14:8");
        final Plan plan = daemon.plan(grown, false);
        assertEquals(String.join("\n",
            "plan: 0 to create, 0 to destroy, 0 to recreate, 2 to resize, 0 to attach, 0 to chmod, 0 unchanged",
            "  resize   b id=2 minor=2 active=0 cores=12..14->2..14",
            "  resize   a id=1 minor=1 active=1 cores=2..4->12..16 lend=false->true",
            ""), plan.render());
        final ApplyReport report = daemon.execute(plan, false);

        assertTrue(report.ok(), report.render());
        assertEquals(List.of(
            "resize 2 flags=0 cores=2..14 memory=8GiB bus_replicators=0 semaphores=0 dma_channels=1..2",
            "resize 1 flags=2 cores=2..16 memory=4GiB bus_replicators=0 semaphores=0 dma_channels=1..2",
            "resize 1 flags=0 cores=12..16 memory=4GiB bus_replicators=0 semaphores=0 dma_channels=1..2"),
            card.calls);
        assertEquals(1, card.partitions.get(1).workloads.size(), "the running workload stays");
        assertEquals(new PartitionRecord("a", 1, 1, RW, res(12, 4, 1), res(16, 4, 2), true, List.of()),
            store.load().find("a"));
        assertTrue(daemon.plan(grown, false).isEmpty());
    }

    @Test
    void shouldReportAResizeLoweredButNotRaisedWhenTheSecondCallFails() throws Exception
    {
        final FakePartitionControl card = FakePartitionControl.elastic(AIC100);
        final StateStore store = new StateStore(dir.resolve("state.json"));
        final PartitionDaemon daemon = new PartitionDaemon(card, NodeAttributes.NONE, store);
        assertTrue(daemon.execute(daemon.plan(elastic("a:4:4"), false), false).ok());
        card.failAfter("resize", 1, dev.shadowdev.abi.Errno.EIO);

        final ApplyReport report = daemon.execute(daemon.plan(elastic("a:1..2:6"), false), false);

        assertEquals(String.join("\n",
            "apply: failed: resize a: resize: injected: status=EIO",
            "apply: done: nothing",
            "apply: not done: nothing",
            ""), report.render());
        assertEquals(res(1, 4, 1), store.load().find("a").min(), "the state has what the card has");
        assertEquals(res(1, 4, 1), card.partitions.get(1).min);
        assertTrue(daemon.execute(daemon.plan(elastic("a:1..2:6"), false), false).ok());
        assertEquals(res(1, 6, 1), card.partitions.get(1).min);
    }

    @Test
    void shouldPreemptTheNewestBorrowerWhenAReservationGrowsAndCreateElasticWithTheV11Body() throws Exception
    {
        final FakePartitionControl card = FakePartitionControl.elastic(AIC100);
        final PartitionDaemon daemon = new PartitionDaemon(card, NodeAttributes.NONE,
            new StateStore(dir.resolve("state.json")));
        assertTrue(daemon.execute(daemon.plan(elastic("a:2..4:4", "batch:2..14:4"), false), false).ok());
        assertEquals(List.of(
            "create a cores=2..4 memory=4GiB bus_replicators=0 semaphores=0 dma_channels=1..2 lend=false",
            "attach 1 -1",
            "create batch cores=2..14 memory=4GiB bus_replicators=0 semaphores=0 dma_channels=1..2 lend=false",
            "attach 2 -1"), card.calls);
        card.activate(2, res(6, 1, 1));
        card.activate(2, res(6, 1, 1));

        final Plan plan = daemon.plan(elastic("a:10..12:4", "batch:2..14:4"), false);
        assertEquals("resize   a id=1 minor=1 active=0 cores=2..4->10..12; may preempt borrowers: batch " +
            "(cores borrowed=10)", plan.steps().get(0).describe());
        assertTrue(daemon.execute(plan, false).ok());

        assertEquals(List.of("batch#2"), card.preempted);
        assertEquals(1, card.partitions.get(2).workloads.size());
    }
}

package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.shadowdev.devfs.daemon.DaemonFixtures.AIC100;
import static dev.shadowdev.devfs.daemon.DaemonFixtures.config;
import static dev.shadowdev.devfs.daemon.DaemonFixtures.res;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest
{
    private static final NodeMode RW = NodeMode.DEFAULT;

    @Test
    void shouldCreateEverythingOnAFirstStart()
    {
        final Plan plan = Planner.plan(config("a:4:8", "b:2:4"), List.of(), AIC100, DaemonState.EMPTY, false);

        assertEquals(String.join("\n",
            "plan: 2 to create, 0 to destroy, 0 to recreate, 0 to attach, 0 to chmod, 0 unchanged",
            "  create   a cores=4 memory=8GiB bus_replicators=0 semaphores=0 dma_channels=1 mode=0660 uid=0 gid=0 " +
            "minor=any",
            "  create   b cores=2 memory=4GiB bus_replicators=0 semaphores=0 dma_channels=1 mode=0660 uid=0 gid=0 " +
            "minor=any",
            ""), plan.render());
        assertTrue(plan.executable());
        assertFalse(plan.isEmpty());
    }

    @Test
    void shouldAskForTheSavedMinorsAfterACardReset()
    {
        final DaemonState saved = new DaemonState(List.of(
            new PartitionRecord("a", 7, 5, RW, res(4, 8)), new PartitionRecord("b", 8, 3, RW, res(2, 4))));

        final Plan plan = Planner.plan(config("a:4:8", "b:2:4"), List.of(), AIC100, saved, false);

        assertEquals(List.of(new PlanStep.Create(config("a:4:8").partitions().get(0), 5),
            new PlanStep.Create(config("b:2:4").partitions().get(0), 3)), plan.steps());
    }

    @Test
    void shouldKeepWhatIsAlreadyRight()
    {
        final List<PartitionEntry> actual = List.of(entry(7, "a", res(4, 8), 2));
        final DaemonState saved = new DaemonState(List.of(new PartitionRecord("a", 7, 1, RW, res(4, 8))));

        final Plan plan = Planner.plan(config("a:4:8"), actual, AIC100, saved, false);

        assertEquals(List.of(new PlanStep.Keep("a", 7, 1)), plan.steps());
        assertTrue(plan.isEmpty());
        assertTrue(plan.executable());
    }

    @Test
    void shouldPlanEveryKindOfChangeInExecutionOrder()
    {
        final List<PartitionEntry> actual = List.of(
            entry(1, "keep", res(1, 1), 0),
            entry(2, "grow", res(1, 1), 0),
            entry(3, "gone", res(2, 2), 0),
            entry(4, "mode", res(1, 1), 0),
            entry(5, "shrink", res(3, 3), 0),
            entry(6, "adopt", res(1, 1), 0));
        final DaemonState saved = new DaemonState(List.of(
            new PartitionRecord("keep", 1, 1, RW, res(1, 1)),
            new PartitionRecord("grow", 2, 2, RW, res(1, 1)),
            new PartitionRecord("gone", 3, 3, RW, res(2, 2)),
            new PartitionRecord("mode", 4, 4, RW, res(1, 1)),
            new PartitionRecord("shrink", 5, 5, RW, res(3, 3))));

        final Plan plan = Planner.plan(
            config("keep:1:1", "grow:2:2", "mode:1:1:0600", "shrink:2:2", "adopt:1:1", "new:1:1"),
            actual, Resources.of(7, 23L << 30, 32, 64, 10), saved, false);

        assertEquals(String.join("\n",
            "plan: 1 to create, 1 to destroy, 2 to recreate, 1 to attach, 1 to chmod, 1 unchanged",
            "  destroy  gone id=3 minor=3 active=0",
            "  recreate grow id=2 minor=2 active=0 cores=1->2 memory=1GiB->2GiB",
            "  recreate shrink id=5 minor=5 active=0 cores=3->2 memory=3GiB->2GiB",
            "  create   new cores=1 memory=1GiB bus_replicators=0 semaphores=0 dma_channels=1 mode=0660 uid=0 gid=0 " +
            "minor=any",
            "  attach   adopt id=6 minor=any mode=0660 uid=0 gid=0",
            "  chmod    mode minor=4 mode=0660->0600 uid=0->0 gid=0->0",
            "  keep     keep id=1 minor=1",
            ""), plan.render());
        assertTrue(plan.executable());
    }

    @Test
    void shouldRefuseToDestroyOrRecreateBusyPartitionsUnlessForced()
    {
        final List<PartitionEntry> actual = List.of(entry(3, "old", res(2, 2), 1), entry(4, "b", res(1, 1), 2));

        final Plan refused = Planner.plan(config("b:2:2"), actual, AIC100, DaemonState.EMPTY, false);
        assertEquals(List.of(
            "recreate b: partition has active workloads (--force to recreate anyway): id=4 active=2",
            "destroy old: partition has active workloads (--force to destroy anyway): id=3 active=1"),
            refused.refusals());
        assertFalse(refused.executable());
        assertTrue(refused.render().endsWith(
            "refused: destroy old: partition has active workloads (--force to destroy anyway): id=3 active=1\n"));

        final Plan forced = Planner.plan(config("b:2:2"), actual, AIC100, DaemonState.EMPTY, true);
        assertTrue(forced.executable());
        assertEquals(2, forced.steps().size());
    }

    @Test
    void shouldRefuseWhenTheNewPartitionsDoNotFitAfterTheDestroys()
    {
        final List<PartitionEntry> actual = List.of(entry(1, "old", res(4, 8), 0));

        final Plan plan = Planner.plan(
            config("a:8:8", "b:4:4"), actual, Resources.of(6, 24L << 30, 32, 64, 15), DaemonState.EMPTY, false);

        assertEquals(List.of("not enough free resources for the new partitions: cores need=12 free=10"),
            plan.refusals());

        final Plan fits = Planner.plan(
            config("a:6:8", "b:4:4"), actual, Resources.of(6, 24L << 30, 32, 64, 15), DaemonState.EMPTY, false);
        assertTrue(fits.executable());
    }

    @Test
    void shouldDestroyDuplicatesOfANameOnTheCard()
    {
        final List<PartitionEntry> actual = List.of(entry(1, "a", res(1, 1), 0), entry(2, "a", res(1, 1), 0));
        final DaemonState saved = new DaemonState(List.of(new PartitionRecord("a", 1, 1, RW, res(1, 1))));

        final Plan plan = Planner.plan(config("a:1:1"), actual, AIC100, saved, false);

        assertEquals(List.of(new PlanStep.Destroy("a", 2, 0, PartitionControl.ANY_MINOR, res(1, 1)),
            new PlanStep.Keep("a", 1, 1)), plan.steps());
    }

    @Test
    void shouldAttachWhenTheCardsIdIsNotTheSavedOne()
    {
        final List<PartitionEntry> actual = List.of(entry(9, "a", res(1, 1), 0));
        final DaemonState saved = new DaemonState(List.of(new PartitionRecord("a", 1, 4, RW, res(1, 1))));

        final Plan plan = Planner.plan(config("a:1:1"), actual, AIC100, saved, false);

        assertEquals(List.of(new PlanStep.Attach(config("a:1:1").partitions().get(0), 9, 4)), plan.steps());
    }

    @Test
    void shouldCreateANodelessPartitionAndBindEveryCgroupAfterTheCreations()
    {
        final Plan plan = Planner.plan(config("a:4:8:/t/a", "b:2:4:nonode:/t/b,/t/c"), List.of(), List.of(), AIC100,
            DaemonState.EMPTY, false, false);

        assertEquals(String.join("\n",
            "plan: 2 to create, 0 to destroy, 0 to recreate, 0 to attach, 0 to chmod, 3 to bind, 0 unchanged",
            "  create   a cores=4 memory=8GiB bus_replicators=0 semaphores=0 dma_channels=1 mode=0660 uid=0 gid=0 " +
            "minor=any",
            "  create   b cores=2 memory=4GiB bus_replicators=0 semaphores=0 dma_channels=1 minor=none",
            "  bind     a /t/a",
            "  bind     b /t/b",
            "  bind     b /t/c",
            ""), plan.render());
        assertEquals(new PlanStep.Create(config("b:2:4:nonode:/t/b,/t/c").partitions().get(0), PartitionRecord.NO_MINOR),
            plan.steps().get(1));
    }

    @Test
    void shouldUnbindWhatIsNotWantedAndBindWhatIsMissingUnbindsFirst()
    {
        final List<PartitionEntry> actual = List.of(entry(1, "a", res(1, 1), 0), entry(2, "b", res(1, 1), 0));
        final List<CgroupBinding> bindings = List.of(new CgroupBinding("/x", "a", 1), new CgroupBinding("/y", "a", 1),
            new CgroupBinding("/m", "b", 2));
        final DaemonState saved = new DaemonState(List.of(
            new PartitionRecord("a", 1, 1, RW, res(1, 1), List.of("/x", "/y")),
            new PartitionRecord("b", 2, 2, RW, res(1, 1), List.of("/m"))));

        final Plan plan = Planner.plan(config("a:1:1:/y,/z", "b:1:1:/x"), actual, bindings, AIC100, saved, false,
            false);

        assertEquals(String.join("\n",
            "plan: 0 to create, 0 to destroy, 0 to recreate, 0 to attach, 0 to chmod, 2 to unbind, 2 to bind, " +
            "2 unchanged",
            "  unbind   a /x",
            "  unbind   b /m",
            "  bind     a /z",
            "  bind     b /x",
            "  keep     a id=1 minor=1",
            "  keep     b id=2 minor=2",
            ""), plan.render());
        assertEquals(new PlanStep.Unbind("b", 2, "/m"), plan.steps().get(1));
        assertEquals("unbind a /x", plan.steps().get(0).label());

        final Plan same = Planner.plan(config("a:1:1:/x,/y", "b:1:1:/m"), actual, bindings, AIC100, saved, false,
            false);
        assertTrue(same.isEmpty());
    }

    @Test
    void shouldDetachANodeNoLongerWantedAndAttachOneNowWanted()
    {
        final List<PartitionEntry> actual = List.of(entry(1, "a", res(1, 1), 0), entry(2, "b", res(1, 1), 0),
            entry(3, "c", res(1, 1), 0), entry(4, "d", res(1, 1), 0));
        final List<CgroupBinding> bindings = List.of(new CgroupBinding("/c", "c", 3), new CgroupBinding("/b", "b", 2));
        final DaemonState saved = new DaemonState(List.of(
            new PartitionRecord("a", 1, 3, RW, res(1, 1)),
            new PartitionRecord("b", 2, PartitionRecord.NO_MINOR, null, res(1, 1), List.of("/b")),
            new PartitionRecord("d", 4, PartitionRecord.NO_MINOR, null, res(1, 1))));

        final Plan plan = Planner.plan(config("a:1:1:nonode", "b:1:1:/b", "c:1:1:nonode:/c", "d:1:1:nonode"),
            actual, bindings, AIC100, saved, false, false);

        assertEquals(String.join("\n",
            "plan: 0 to create, 0 to destroy, 0 to recreate, 1 to attach, 0 to chmod, 2 to detach, 1 unchanged",
            "  attach   b id=2 minor=any mode=0660 uid=0 gid=0",
            "  detach   a id=1 minor=3",
            "  detach   c id=3 minor=any",
            "  keep     d id=4 minor=none",
            ""), plan.render());
        assertEquals(List.of("/b"), ((PlanStep.Attach)plan.steps().get(0)).kept());
        assertEquals(List.of("/c"), ((PlanStep.Detach)plan.steps().get(2)).kept());
    }

    @Test
    void shouldBindARecreatedPartitionAgainAndNotUnbindWhatItsDestroyDrops()
    {
        final List<PartitionEntry> actual = List.of(entry(1, "a", res(1, 1), 0), entry(2, "old", res(1, 1), 0));
        final List<CgroupBinding> bindings = List.of(new CgroupBinding("/a", "a", 1),
            new CgroupBinding("/moving", "old", 2));
        final DaemonState saved = new DaemonState(List.of(
            new PartitionRecord("a", 1, PartitionRecord.NO_MINOR, null, res(1, 1), List.of("/a"))));

        final Plan plan = Planner.plan(config("a:2:2:nonode:/a,/moving"), actual, bindings, AIC100, saved, false,
            false);

        assertEquals(String.join("\n",
            "plan: 0 to create, 1 to destroy, 1 to recreate, 0 to attach, 0 to chmod, 2 to bind, 0 unchanged",
            "  destroy  old id=2 minor=any active=0",
            "  recreate a id=1 minor=none active=0 cores=1->2 memory=1GiB->2GiB",
            "  bind     a /a",
            "  bind     a /moving",
            ""), plan.render());
    }

    @Test
    void shouldRestoreSavedBindingsOnlyWhenAskedAndNeverAgainstTheConfig()
    {
        final DaemonState saved = new DaemonState(List.of(
            new PartitionRecord("a", 1, 1, RW, res(1, 1), List.of("/cli", "/a", "/cfg-b")),
            new PartitionRecord("gone", 2, 2, RW, res(1, 1), List.of("/gone"))));
        final DevfsConfig config = config("a:1:1:/a", "b:1:1:/cfg-b");

        final Plan rebuild = Planner.plan(config, List.of(), List.of(), AIC100, saved, false, true);
        final Plan apply = Planner.plan(config, List.of(), List.of(), AIC100, saved, false, false);

        assertEquals(List.of("bind a /a", "bind a /cli", "bind b /cfg-b"), binds(rebuild));
        assertEquals(List.of("bind a /a", "bind b /cfg-b"), binds(apply));
    }

    private static List<String> binds(final Plan plan)
    {
        return plan.steps().stream().filter((s) -> s instanceof PlanStep.Bind).map(PlanStep::label).toList();
    }

    private static PartitionEntry entry(final int id, final String name, final Resources reserved, final int active)
    {
        return new PartitionEntry(id, active, name, reserved, Resources.ZERO);
    }
}

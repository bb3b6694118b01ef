package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.NodeMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.shadowdev.devfs.daemon.DaemonFixtures.AIC100;
import static dev.shadowdev.devfs.daemon.DaemonFixtures.config;
import static dev.shadowdev.devfs.daemon.DaemonFixtures.res;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionDaemonTest
{
    @TempDir
    Path dir;

    private FakePartitionControl card;
    private StateStore store;
    private final List<String> chmods = new ArrayList<>();
    private PartitionDaemon daemon;

    @BeforeEach
    void setUp()
    {
        card = new FakePartitionControl(AIC100);
        store = new StateStore(dir.resolve("state").resolve("state.json"));
        daemon = new PartitionDaemon(card, (minor, mode) -> chmods.add(minor + " " + mode.octal()), store);
    }

    @Test
    void shouldCreatePartitionsAndNodesAndSaveThem() throws Exception
    {
        final ApplyReport report = apply(config("a:4:8", "b:2:4:0600"), false);

        assertEquals("apply: ok: 2 changes\n", report.render());
        assertEquals(List.of("create a", "attach 1 -1", "create b", "attach 2 -1"), card.calls);
        assertEquals(List.of("1 0660", "2 0600"), chmods);
        assertEquals(new DaemonState(List.of(
            new PartitionRecord("a", 1, 1, NodeMode.DEFAULT, res(4, 8)),
            new PartitionRecord("b", 2, 2, new NodeMode(0600, 0, 0), res(2, 4)))), store.load());
        assertEquals(report.state(), store.load());
        assertTrue(daemon.plan(config("a:4:8", "b:2:4:0600"), false).isEmpty());
    }

    @Test
    void shouldRestoreTheSameMinorsAfterTheCardLostItsPartitions() throws Exception
    {
        apply(config("a:4:8", "b:2:4"), false);
        final FakePartitionControl resetCard = new FakePartitionControl(AIC100);
        daemon = new PartitionDaemon(resetCard, NodeAttributes.NONE, store);

        final ApplyReport report = apply(config("a:4:8", "b:2:4"), false);

        assertTrue(report.ok());
        assertEquals(List.of("create a", "attach 1 1", "create b", "attach 2 2"), resetCard.calls);
        assertEquals(List.of(1, 2), store.load().partitions().stream().map(PartitionRecord::minor).toList());
    }

    @Test
    void aDrainedPartitionIsCordonedAgainWhenTheCardMakesItAgainAndAnUndrainedOneIsNot() throws Exception
    {
        apply(config("a:4:8", "b:2:4"), false);
        store.save(store.load().with(store.load().find("b").withDrained(true)));
        final FakePartitionControl resetCard = FakePartitionControl.elastic(AIC100);
        daemon = new PartitionDaemon(resetCard, NodeAttributes.NONE, store);

        final ApplyReport report = apply(config("a:4:8", "b:2:4"), false);

        assertTrue(report.ok(), report.render());
        assertEquals(List.of("create a", "attach 1 1", "create b", "drain 2 grace=4294967295", "attach 2 2"),
            resetCard.calls, "cordoned (grace never) before its node is there to use");
        assertTrue(store.load().find("b").drained(), "still recorded");
        assertFalse(store.load().find("a").drained());

        // drain --undo records the cordon lifted: the next card makes it plain.
        store.save(store.load().with(store.load().find("b").withDrained(false)));
        final FakePartitionControl nextCard = FakePartitionControl.elastic(AIC100);
        daemon = new PartitionDaemon(nextCard, NodeAttributes.NONE, store);
        assertTrue(apply(config("a:4:8", "b:2:4"), false).ok());
        assertEquals(List.of("create a", "attach 1 1", "create b", "attach 2 2"), nextCard.calls);
    }

    @Test
    void aCardThatCannotDrainStillGetsThePartitionUncordonedAndTheStateSaysSo() throws Exception
    {
        apply(config("a:4:8", "b:2:4"), false);
        store.save(store.load().with(store.load().find("b").withDrained(true)));
        final FakePartitionControl v1Card = new FakePartitionControl(AIC100);
        daemon = new PartitionDaemon(v1Card, NodeAttributes.NONE, store);

        final ApplyReport report = apply(config("a:4:8", "b:2:4"), false);

        assertTrue(report.ok(), report.render());
        assertEquals(List.of("create a", "attach 1 1", "create b", "drain 2 grace=4294967295", "attach 2 2"),
            v1Card.calls);
        assertFalse(store.load().find("b").drained(), "PART_DRAIN refused (EINVAL): not cordoned, not recorded");
    }

    @Test
    void aStateLeftByAnotherConfigOnAResetCardIsForgottenNotMergedWithTheNewPartitions() throws Exception
    {
        apply(config("a:4:8", "b:2:4"), false);
        final FakePartitionControl resetCard = new FakePartitionControl(AIC100);
        daemon = new PartitionDaemon(resetCard, NodeAttributes.NONE, store);

        final Plan plan = daemon.plan(config("t:4:8"), false);
        assertEquals(List.of("a", "b"), plan.forget(), "saved, not on the card, not in the config");
        final ApplyReport report = daemon.execute(plan, false);

        assertTrue(report.ok());
        assertEquals(List.of("create t", "attach 1 -1"), resetCard.calls);
        assertEquals(new DaemonState(List.of(new PartitionRecord("t", 1, 1, NodeMode.DEFAULT, res(4, 8)))),
            store.load(), "one partition per ID and per minor, as the next start requires");
        assertEquals(List.of(), daemon.plan(config("a:4:8", "t:4:8"), false).forget(),
            "a partition on the card or in the config is never forgotten");
    }

    @Test
    void shouldReconcileAnEditedConfig() throws Exception
    {
        apply(config("a:4:8", "b:2:4", "c:1:1"), false);
        card.calls.clear();

        final ApplyReport report = apply(config("a:4:8", "b:3:4", "d:1:1"), false);

        assertEquals("apply: ok: 3 changes\n", report.render());
        assertEquals(List.of("destroy 3", "detach 3", "destroy 2", "detach 2", "create b", "attach 4 2",
            "create d", "attach 5 -1"), card.calls);
        final DaemonState state = store.load();
        assertEquals(List.of("a", "b", "d"), state.partitions().stream().map(PartitionRecord::name).toList());
        assertEquals(2, state.find("b").minor());
        assertEquals(4, state.find("b").partitionId());
        assertEquals(3, state.find("d").minor());
        assertEquals(AIC100.minusFloored(res(4, 8)).minusFloored(res(3, 4)).minusFloored(res(1, 1)), card.free());
    }

    @Test
    void shouldRefuseBusyPartitionsAndChangeNothing() throws Exception
    {
        apply(config("a:4:8"), false);
        card.add("busy", res(1, 1), 1);
        card.calls.clear();
        final String before = Files.readString(store.file());

        final Plan plan = daemon.plan(config("a:4:8"), false);

        assertFalse(plan.executable());
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> daemon.execute(plan, false));
        assertEquals("apply: plan refused: destroy busy: partition has active workloads " +
            "(--force to destroy anyway): id=2 active=1", ex.getMessage());
        assertEquals(List.of(), card.calls);
        assertEquals(before, Files.readString(store.file()));

        assertTrue(apply(config("a:4:8"), true).ok());
        assertEquals(List.of("destroy 2 force", "detach 2"), card.calls);
    }

    @Test
    void shouldStopAtTheFirstFailureWithAReportAndTheStateSoFar() throws Exception
    {
        apply(config("a:1:1", "b:1:1"), false);
        card.failNext("create", Errno.ENOSPC);

        final ApplyReport report = apply(config("b:2:1", "c:1:1", "d:1:1"), false);

        assertEquals(String.join("\n",
            "apply: failed: recreate b: create: injected: status=ENOSPC",
            "apply: done: destroy a",
            "apply: not done: create c, create d",
            ""), report.render());
        assertEquals("b", report.failed().name());
        assertEquals(List.of(), store.load().partitions());
        assertEquals(report.state(), store.load());
        assertEquals(List.of("b", "c", "d"), daemon.plan(config("b:2:1", "c:1:1", "d:1:1"), false).steps().stream()
            .filter((s) -> s instanceof PlanStep.Create).map(PlanStep::name).toList());
    }

    @Test
    void shouldStopWhenTheNodeOfARecreatedPartitionCannotBeRemoved() throws Exception
    {
        apply(config("a:1:1", "b:1:1", "c:1:1"), false);
        card.failAfter("detach", 1, Errno.EIO);

        final ApplyReport report = apply(config("a:2:1", "b:2:1", "d:1:1"), false);

        assertEquals(String.join("\n",
            "apply: failed: recreate a: detach: injected: status=EIO",
            "apply: done: destroy c",
            "apply: not done: recreate b, create d",
            ""), report.render());
    }

    @Test
    void shouldNameAReCreationLeftHalfDone() throws Exception
    {
        apply(config("a:1:1", "b:1:1"), false);
        card.failAfter("detach", 1, Errno.EIO);

        final ApplyReport report = apply(config("a:2:1", "b:2:1"), false);

        assertEquals(String.join("\n",
            "apply: failed: recreate b: detach: injected: status=EIO",
            "apply: done: nothing",
            "apply: not done: nothing",
            "apply: destroyed but not created again: recreate a",
            ""), report.render());
        assertEquals(List.of(), store.load().partitions().stream().filter((r) -> r.name().equals("a")).toList());
    }

    @Test
    void shouldSetTheModeAgainWhenItFailedLastTime() throws Exception
    {
        daemon = new PartitionDaemon(card, (minor, mode) ->
        {
            throw new IOException("chmod: injected: minor=" + minor);
        }, store);

        assertEquals("apply: failed: create a: chmod: injected: minor=1\n" +
            "apply: done: nothing\napply: not done: nothing\n", apply(config("a:1:1"), false).render());
        assertEquals(null, store.load().find("a").node());
        assertEquals(1, store.load().find("a").minor());

        daemon = new PartitionDaemon(card, (minor, mode) -> chmods.add(minor + " " + mode.octal()), store);
        final Plan plan = daemon.plan(config("a:1:1"), false);
        assertEquals("  chmod    a minor=1 mode=?->0660 uid=?->0 gid=?->0\n",
            plan.render().substring(plan.render().indexOf('\n') + 1));
        assertTrue(daemon.execute(plan, false).ok());
        assertEquals(List.of("1 0660"), chmods);
        assertEquals(NodeMode.DEFAULT, store.load().find("a").node());
    }

    @Test
    void shouldAttachAPartitionWhoseNodeFailedLastTime() throws Exception
    {
        card.failNext("attach", Errno.EIO);

        final ApplyReport failed = apply(config("a:1:1"), false);
        assertEquals("apply: failed: create a: attach: injected: status=EIO\n" +
            "apply: done: nothing\napply: not done: nothing\n", failed.render());
        assertEquals(DaemonState.EMPTY, store.load());

        final ApplyReport retried = apply(config("a:1:1"), false);
        assertTrue(retried.ok());
        assertEquals(PlanStep.Attach.class, retried.done().get(0).getClass());
        assertEquals(1, store.load().find("a").minor());
    }

    @Test
    void shouldCreateANodelessPartitionWithoutAnyNodeCallAndBindItsCgroups() throws Exception
    {
        final ApplyReport report = apply(config("a:1:1:/t/a", "b:2:2:nonode:/t/b,/t/c"), false);

        assertTrue(report.ok(), report.render());
        assertEquals(List.of("create a", "attach 1 -1", "create b", "bind 1 /t/a", "bind 2 /t/b", "bind 2 /t/c"),
            card.calls);
        assertEquals(List.of("1 0660"), chmods);
        assertFalse(card.nodes.containsKey(2));
        assertEquals(new DaemonState(List.of(
            new PartitionRecord("a", 1, 1, NodeMode.DEFAULT, res(1, 1), List.of("/t/a")),
            new PartitionRecord("b", 2, PartitionRecord.NO_MINOR, null, res(2, 2), List.of("/t/b", "/t/c")))),
            store.load());
        assertTrue(Files.readString(store.file()).contains("\"minor\" : null"));
        assertTrue(daemon.plan(config("a:1:1:/t/a", "b:2:2:nonode:/t/b,/t/c"), false).isEmpty());
    }

    @Test
    void shouldMoveAPathBetweenPartitionsInOneApplyUnbindingFirst() throws Exception
    {
        apply(config("a:1:1:/p,/q", "b:1:1"), false);
        card.calls.clear();

        final ApplyReport report = apply(config("a:1:1:/q", "b:1:1:/p"), false);

        assertTrue(report.ok(), report.render());
        assertEquals(List.of("unbind 1 /p", "bind 2 /p"), card.calls);
        assertEquals(java.util.Map.of("/q", 1, "/p", 2), card.bound);
        assertEquals(List.of("/q"), store.load().find("a").cgroups());
        assertEquals(List.of("/p"), store.load().find("b").cgroups());
    }

    @Test
    void shouldBindARecreatedPartitionAgain() throws Exception
    {
        apply(config("a:1:1:nonode:/p"), false);

        final ApplyReport report = apply(config("a:2:1:nonode:/p"), false);

        assertTrue(report.ok(), report.render());
        assertEquals(java.util.Map.of("/p", 2), card.bound);
        assertEquals(new PartitionRecord("a", 2, PartitionRecord.NO_MINOR, null, res(2, 1), List.of("/p")),
            store.load().find("a"));
    }

    @Test
    void shouldDetachAndAttachWhenTheNodeIsSwitchedOffAndOn() throws Exception
    {
        apply(config("a:1:1:/p"), false);

        assertTrue(apply(config("a:1:1:nonode:/p"), false).ok());
        assertEquals(java.util.Map.of(), card.nodes);
        assertEquals(new PartitionRecord("a", 1, PartitionRecord.NO_MINOR, null, res(1, 1), List.of("/p")),
            store.load().find("a"));

        assertTrue(apply(config("a:1:1:/p"), false).ok());
        assertEquals(java.util.Map.of(1, 1), card.nodes);
        assertEquals(new PartitionRecord("a", 1, 1, NodeMode.DEFAULT, res(1, 1), List.of("/p")),
            store.load().find("a"));
        assertEquals(List.of("create a", "attach 1 -1", "bind 1 /p", "detach 1", "attach 1 -1"), card.calls);
    }

    @Test
    void shouldReportAFailedBindAndKeepWhatWasSaved() throws Exception
    {
        card.failAfter("bind", 1, Errno.EEXIST);

        final ApplyReport report = apply(config("a:1:1:/p,/q"), false);

        assertEquals("apply: failed: bind a /q: bind: injected: status=EEXIST\n" +
            "apply: done: create a, bind a /p\napply: not done: nothing\n", report.render());
        assertEquals(List.of("/p"), store.load().find("a").cgroups());
        assertEquals(List.of("  bind     a /q"), List.of(daemon.plan(config("a:1:1:/p,/q"), false).render()
            .split("\n")).subList(1, 2));
    }

    @Test
    void shouldRestoreTheSavedBindingsAfterTheCardLostEverything() throws Exception
    {
        apply(config("a:1:1:/cfg"), false);
        store.save(store.load().with(store.load().find("a").withCgroup("/by-hand")));
        card = new FakePartitionControl(AIC100);
        daemon = new PartitionDaemon(card, (minor, mode) -> chmods.add(minor + " " + mode.octal()), store);

        final Plan rebuild = daemon.plan(config("a:1:1:/cfg"), false, true);
        assertTrue(daemon.execute(rebuild, false).ok());

        assertEquals(java.util.Map.of("/cfg", 1, "/by-hand", 1), card.bound);
        assertEquals(List.of("/cfg", "/by-hand"), store.load().find("a").cgroups());
        final Plan apply = daemon.plan(config("a:1:1:/cfg"), false);
        assertEquals("  unbind   a /by-hand", apply.render().split("\n")[1]);
    }

    private ApplyReport apply(final DevfsConfig config, final boolean force) throws Exception
    {
        return daemon.execute(daemon.plan(config, force), force);
    }
}

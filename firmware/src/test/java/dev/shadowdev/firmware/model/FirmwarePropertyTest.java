package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.image.WorkloadOp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random sequences of partition management (v1 and elastic creates, resizes, drains, destroys), uploads,
 * activations, deactivations, terminations and executions from the base node, live and dead partitions and several
 * handles (owners and non-owners), with the firmware's clock moving so drain grace periods run out. Each step's
 * outcome is predicted from the state observed before it (an oracle built on the public queries,
 * {@link ElasticOracle}); after every step the books of ABI.md section 6 are checked ({@link PropertyInvariants}:
 * sum(min) <= total, used <= max, no core or DMA channel held twice, free + used == total, own use inside the
 * reservation) and so is every preemption notice (a workload inside its own reservation is never preempted for
 * another partition); a refused step must leave the whole observable state as it was and preempt nothing.
 * Volume: {@value #TRIES} sequences x {@value #STEPS} steps.
 */
class FirmwarePropertyTest
{
    static final int TRIES = 400;
    static final int STEPS = 100;
    static final int ELASTIC_TRIES = 200;
    static final int ELASTIC_STEPS = 40;

    private static final int BASE = -1;
    private static final int UNKNOWN_PARTITION = 999;
    private static final int ALL = Integer.MIN_VALUE;
    /** A {@code target} from here on picks a preempted workload its owner has not acknowledged, if any. */
    private static final int PREEMPTED = 100;
    private static final DeviceProfile PROFILE = DeviceProfile.of("prop", 8, 1 << 20, 8, 8, 8);
    private static final int DBCS = 8;
    private static final String[] NAMES = { "a", "b", "c", "d", "", "x/y" };

    /** Outcomes every run must reach at least 10 times, so the generator cannot drift into testing only refusals. */
    private static final String[] MUST_HAPPEN = {
        "Create ok", "Create ENOSPC", "Create EEXIST", "Create EINVAL", "Destroy ok", "Destroy EBUSY", "Destroy ENOENT",
        "LoadActivate ok", "LoadActivate ENOSPC", "LoadActivate EBADMSG", "LoadActivate load ENODEV",
        "BadLoad EINVAL", "Deactivate ok", "Deactivate EACCES", "Deactivate ENOENT", "Deactivate EINVAL",
        "Terminate ok", "Execute ok", "Execute EACCES", "Execute ENOENT", "Execute EOVERFLOW", "Execute EINVAL",
        "CreateElastic ok", "CreateElastic ENOSPC", "CreateElastic EINVAL", "Resize ok", "Resize EBUSY",
        "Resize ENOSPC", "Drain ok", "LoadActivate EDQUOT", "LoadActivate ESHUTDOWN", "Execute ECANCELED",
        "Deactivate ECANCELED", "preempted REVOKED", "preempted LIMIT", "preempted DRAINED" };

    sealed interface Step permits Create, CreateElastic, Resize, Drain, Advance, Destroy, LoadActivate, BadLoad,
        Deactivate, Terminate, Execute, Reset
    {
    }

    record CreateElastic(int name, long[] min, long[] max, boolean lend) implements Step
    {
        @Override
        public String toString()
        {
            return "CreateElastic(" + NAMES[name] + ", min " + ResourceVector.of(min) + ", max " +
                ResourceVector.of(max) + (lend ? ", lend)" : ")");
        }
    }

    record Resize(int partition, int flags, long[] min, long[] max) implements Step
    {
        @Override
        public String toString()
        {
            return "Resize(p" + partition + ", flags " + flags + ", min " + ResourceVector.of(min) + ", max " +
                ResourceVector.of(max) + ")";
        }
    }

    record Drain(int partition, boolean undo, long graceMs) implements Step
    {
    }

    /** The firmware's clock moves on, then {@link Firmware#tick()}. */
    record Advance(long ms) implements Step
    {
    }

    record Create(int name, long[] res) implements Step
    {
        @Override
        public String toString()
        {
            return "Create(" + NAMES[name] + ", " + ResourceVector.of(res) + ")";
        }
    }

    record Destroy(int partition, boolean force) implements Step
    {
    }

    record LoadActivate(int partition, int handle, int slot, long[] needs, int op, int opArg, int chunks)
        implements Step
    {
        @Override
        public String toString()
        {
            return "LoadActivate(p" + partition + ", h" + handle + ", slot " + slot + ", " + ResourceVector.of(needs) +
                ", op " + op + ", chunks " + chunks + ")";
        }
    }

    record BadLoad(int partition, int handle, int slot, int delta) implements Step
    {
    }

    /** {@code target} picks an active workload's dbc_id (as its owner when {@code asOwner}) or, if none, {@code dbc}. */
    record Deactivate(int partition, int handle, int dbc, int target, boolean asOwner) implements Step
    {
    }

    record Terminate(int partition, int handle) implements Step
    {
    }

    /** Targets like {@link Deactivate}; {@code shortOut == 0} gives one byte less output room than the input. */
    record Execute(int partition, int handle, int dbc, int target, boolean asOwner, int len, int shortOut)
        implements Step
    {
    }

    record Reset() implements Step
    {
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void everyStepKeepsTheBooksAndRefusalsChangeNothing(@ForAll("steps") final List<Step> steps) throws Exception
    {
        run(steps, MUST_HAPPEN, 10);
    }

    /**
     * The same checks on sequences made to lend and take back: only elastic partitions (most of them lending),
     * activations beyond and within reservations, deactivations, resizes and the preempted workloads' owners
     * coming back. Volume: {@value #ELASTIC_TRIES} sequences x {@value #ELASTIC_STEPS} steps.
     */
    @Property(tries = ELASTIC_TRIES, shrinking = ShrinkingMode.BOUNDED)
    void revocationTakesOnlyBorrowersNewestFirst(@ForAll("elasticSteps") final List<Step> steps) throws Exception
    {
        run(steps, new String[]{ "preempted REVOKED", "Execute ECANCELED", "Deactivate ECANCELED" }, 15);
    }

    private static void run(final List<Step> steps, final String[] mustHappen, final int times) throws Exception
    {
        Statistics.label("outcome").coverage(coverage ->
        {
            for (final String outcome : mustHappen)
            {
                coverage.check(outcome).count(c -> c >= times);
            }
        });
        final Run run = new Run();
        for (final Step step : steps)
        {
            final Snapshot before = Snapshot.of(run.firmware);
            final String outcome = apply(run, step, before);
            Statistics.label("outcome").collect(step.getClass().getSimpleName() + " " + outcome);
            final Snapshot after = Snapshot.of(run.firmware);
            final List<Preemption> notices = run.notices();
            if (!outcome.equals("ok") && !outcome.equals("reset") && !outcome.startsWith("tick"))
            {
                assertEquals(List.of(), notices, "a refusal preempted");
            }
            PropertyInvariants.checkNotices(
                PROFILE, before, after, notices, allowed(step), run.targets, run.seqByDbc);
            notices.forEach(n -> Statistics.label("outcome").collect("preempted " + n.reason()));
            run.reconcile(before, after);
            PropertyInvariants.check(PROFILE, after);
        }
    }

    /** The firmware with its outbox and clock, and what the test remembers between steps. */
    private static final class Run
    {
        final PreemptionOutbox outbox = new PreemptionOutbox();
        final long[] clock = { 0 };
        final Firmware firmware = new Firmware(PROFILE, true, outbox, () -> clock[0]);
        final LinkedHashSet<Integer> everCreated = new LinkedHashSet<>();
        /** Activation order of the active workloads, by dbc_id. */
        final Map<Integer, Long> seqByDbc = new HashMap<>();
        /** Clock value when each draining partition's grace runs out. */
        final Map<Integer, Long> deadlines = new HashMap<>();
        long nextSeq;
        /** The partition a step acts for: revocation never takes its workloads, LIMIT and DRAINED only its. */
        final Set<Integer> targets = new HashSet<>();

        List<Preemption> notices()
        {
            final List<Preemption> list = new ArrayList<>();
            for (Preemption p = outbox.pollPreemption(); p != null; p = outbox.pollPreemption())
            {
                list.add(p);
            }
            while (outbox.pollDrained() != null)
            {
                continue;
            }
            return list;
        }

        void reconcile(final Snapshot before, final Snapshot after)
        {
            for (final WorkloadInfo w : before.workloads())
            {
                if (!after.workloads().contains(w))
                {
                    seqByDbc.remove(w.dbcId());
                }
            }
            for (final WorkloadInfo w : after.workloads())
            {
                if (!before.workloads().contains(w))
                {
                    seqByDbc.put(w.dbcId(), nextSeq++);
                }
            }
            deadlines.keySet().removeIf(id -> after.elastic().stream()
                .noneMatch(p -> p.id() == id && p.state() == PartitionState.DRAINING));
        }
    }

    private static Set<PreemptionReason> allowed(final Step step)
    {
        if (step instanceof LoadActivate || step instanceof Create || step instanceof CreateElastic)
        {
            return EnumSet.of(PreemptionReason.REVOKED);
        }
        if (step instanceof Resize)
        {
            return EnumSet.of(PreemptionReason.REVOKED, PreemptionReason.LIMIT);
        }
        if (step instanceof Drain || step instanceof Advance)
        {
            return EnumSet.of(PreemptionReason.DRAINED);
        }
        return EnumSet.noneOf(PreemptionReason.class);
    }

    @Provide
    Arbitrary<List<Step>> steps()
    {
        final Arbitrary<Integer> partition = Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just(0)),
            Tuple.of(6, Arbitraries.integers().between(1, 3)),
            Tuple.of(1, Arbitraries.integers().between(4, 5)));
        final Arbitrary<Integer> handle = Arbitraries.integers().between(1, 3);
        final Arbitrary<Integer> name = Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.integers().between(0, 3)),
            Tuple.of(1, Arbitraries.integers().between(4, NAMES.length - 1)));
        final Arbitrary<Step> create = Combinators.combine(
            name,
            units(4),
            Arbitraries.of(0L, 4096L, 65536L, 1L << 18),
            Arbitraries.longs().between(0, 4),
            Arbitraries.longs().between(0, 4),
            units(3))
            .as((n, cores, memory, bus, sems, dma) -> new Create(n, new long[]{ cores, memory, bus, sems, dma }));
        final Arbitrary<Step> destroy = Combinators.combine(
            Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(1, 3)), Tuple.of(1, partition)),
            Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(true)), Tuple.of(2, Arbitraries.just(false))))
            .as(Destroy::new);
        final Arbitrary<long[]> needs = Combinators.combine(
            units(3),
            Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(100L)), Tuple.of(8, Arbitraries.of(128L, 1024L, 4096L))),
            Arbitraries.longs().between(0, 2),
            Arbitraries.longs().between(0, 2),
            units(2))
            .as((cores, memory, bus, sems, dma) -> new long[]{ cores, memory, bus, sems, dma });
        final Arbitrary<Integer> activator = Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(0)),
            Tuple.of(8, Arbitraries.integers().between(1, 3)),
            Tuple.of(1, Arbitraries.integers().between(4, 5)));
        final Arbitrary<Step> loadActivate = Combinators.combine(
            activator, handle, Arbitraries.integers().between(0, 2), needs,
            Arbitraries.integers().between(1, 3), Arbitraries.integers(), Arbitraries.integers().between(1, 3))
            .as(LoadActivate::new);
        final Arbitrary<Step> badLoad = Combinators.combine(
            partition, handle, Arbitraries.integers().between(0, 2), Arbitraries.of(1, 3, 1000)).as(BadLoad::new);
        final Arbitrary<Integer> dbc = Arbitraries.integers().between(-1, DBCS);
        final Arbitrary<Integer> target = Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(0, 3)), Tuple.of(1, Arbitraries.just(DBCS)),
            Tuple.of(2, Arbitraries.integers().between(PREEMPTED, PREEMPTED + 1)));
        final Arbitrary<Boolean> asOwner = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false)));
        final Arbitrary<Step> deactivate = Combinators.combine(partition, handle, dbc, target, asOwner)
            .as(Deactivate::new);
        final Arbitrary<Step> terminate = Combinators.combine(partition, handle).as(Terminate::new);
        final Arbitrary<Step> execute = Combinators.combine(
            partition, handle, dbc, target, asOwner, Arbitraries.integers().between(0, 24),
            Arbitraries.integers().between(0, 3)).as(Execute::new);
        final Arbitrary<Step> reset = Arbitraries.just(new Reset());
        final Arbitrary<long[]> min = Combinators.combine(
            Arbitraries.longs().between(0, 4), Arbitraries.of(0L, 4096L, 65536L),
            Arbitraries.longs().between(0, 2), Arbitraries.longs().between(0, 2), Arbitraries.longs().between(0, 2))
            .as((cores, memory, bus, sems, dma) -> new long[]{ cores, memory, bus, sems, dma });
        final Arbitrary<long[]> extra = Combinators.combine(
            Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(-1L)), Tuple.of(12, Arbitraries.longs().between(0, 6))),
            Arbitraries.of(0L, 65536L, 1L << 18),
            Arbitraries.longs().between(0, 2), Arbitraries.longs().between(0, 2), Arbitraries.longs().between(0, 3))
            .as((cores, memory, bus, sems, dma) -> new long[]{ cores, memory, bus, sems, dma });
        final Arbitrary<Step> createElastic = Combinators.combine(
            name, min, extra, Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))))
            .as((n, lo, plus, lend) -> new CreateElastic(n, lo, limit(lo, plus), lend));
        final Arbitrary<Integer> resizeFlags = Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just(0)),
            Tuple.of(3, Arbitraries.just(Firmware.RESIZE_FORCE)),
            Tuple.of(2, Arbitraries.just(Firmware.RESIZE_SET_LEND)),
            Tuple.of(2, Arbitraries.just(Firmware.RESIZE_CLEAR_LEND)),
            Tuple.of(1, Arbitraries.just(Firmware.RESIZE_FORCE | Firmware.RESIZE_SET_LEND)),
            Tuple.of(1, Arbitraries.of(6, 8)));
        final Arbitrary<Step> resize = Combinators.combine(
            Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(1, 3)), Tuple.of(1, partition)),
            resizeFlags, min, extra)
            .as((p, flags, lo, plus) -> new Resize(p, flags, lo, limit(lo, plus)));
        final Arbitrary<Step> drain = Combinators.combine(
            Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(1, 3)), Tuple.of(1, partition)),
            Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(true)), Tuple.of(3, Arbitraries.just(false))),
            Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0L)), Tuple.of(3, Arbitraries.of(3L, 20L)),
                Tuple.of(1, Arbitraries.just(Firmware.GRACE_NEVER))))
            .as(Drain::new);
        final Arbitrary<Step> advance = Arbitraries.of(1L, 4L, 25L).map(Advance::new);
        return Arbitraries.frequencyOf(
            Tuple.of(2, create),
            Tuple.of(6, createElastic),
            Tuple.of(2, destroy),
            Tuple.of(13, loadActivate),
            Tuple.of(1, badLoad),
            Tuple.of(3, deactivate),
            Tuple.of(1, terminate),
            Tuple.of(6, execute),
            Tuple.of(3, resize),
            Tuple.of(2, drain),
            Tuple.of(2, advance),
            Tuple.of(1, Arbitraries.frequencyOf(Tuple.of(1, reset), Tuple.of(2, terminate))))
            .withoutEdgeCases()
            .list().ofSize(STEPS);
    }

    @Provide
    Arbitrary<List<Step>> elasticSteps()
    {
        final Arbitrary<Integer> partition = Arbitraries.integers().between(1, 3);
        final Arbitrary<Integer> handle = Arbitraries.integers().between(1, 3);
        final Arbitrary<long[]> min = Combinators.combine(
            Arbitraries.longs().between(0, 3), Arbitraries.longs().between(0, 2))
            .as((cores, dma) -> new long[]{ cores, 4096, 0, 0, dma });
        final Arbitrary<long[]> extra = Combinators.combine(
            Arbitraries.longs().between(3, 8), Arbitraries.longs().between(2, 6))
            .as((cores, dma) -> new long[]{ cores, 0, 0, 0, dma });
        final Arbitrary<Step> create = Combinators.combine(
            Arbitraries.integers().between(0, 3), min, extra, Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))))
            .as((n, lo, plus, lend) -> new CreateElastic(n, lo, limit(lo, plus), lend));
        final Arbitrary<Step> activate = Combinators.combine(
            partition, handle, Arbitraries.integers().between(0, 1),
            Arbitraries.longs().between(1, 3).map(cores -> new long[]{ cores, 256, 0, 0, 1 }),
            Arbitraries.just(1), Arbitraries.integers(), Arbitraries.just(1))
            .as(LoadActivate::new);
        final Arbitrary<Integer> target = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, 3)),
            Tuple.of(2, Arbitraries.integers().between(PREEMPTED, PREEMPTED + 1)));
        final Arbitrary<Step> deactivate = Combinators.combine(
            partition, handle, Arbitraries.just(0), target, Arbitraries.just(true)).as(Deactivate::new);
        final Arbitrary<Step> execute = Combinators.combine(
            partition, handle, Arbitraries.just(0), target, Arbitraries.just(true), Arbitraries.just(4),
            Arbitraries.just(1)).as(Execute::new);
        final Arbitrary<Step> resize = Combinators.combine(
            partition, Arbitraries.of(0, Firmware.RESIZE_FORCE, Firmware.RESIZE_CLEAR_LEND), min, extra)
            .as((p, flags, lo, plus) -> new Resize(p, flags, lo, limit(lo, plus)));
        return Arbitraries.frequencyOf(
            Tuple.of(3, create),
            Tuple.of(12, activate),
            Tuple.of(3, deactivate),
            Tuple.of(3, execute),
            Tuple.of(1, resize),
            Tuple.of(1, Combinators.combine(partition, handle).as(Terminate::new)))
            .withoutEdgeCases()
            .list().ofSize(ELASTIC_STEPS);
    }

    /** max = min + plus, where a plus of -1 cores makes max < min (or max 0 cores): refused. */
    private static long[] limit(final long[] min, final long[] plus)
    {
        final long[] max = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            max[i] = Math.max(0, min[i] + plus[i]);
        }
        return max;
    }

    /** Mostly 1..max, sometimes 0 (refused: partitions and images need cores and channels). */
    private static Arbitrary<Long> units(final long max)
    {
        return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(0L)), Tuple.of(10, Arbitraries.longs().between(1, max)));
    }

    private static String apply(final Run run, final Step step, final Snapshot before) throws FirmwareException
    {
        final Firmware firmware = run.firmware;
        final LinkedHashSet<Integer> everCreated = run.everCreated;
        run.targets.clear();
        if (step instanceof Create create)
        {
            final Expected expected = expectCreate(before, NAMES[create.name()], create.res(), create.res(), 0, true);
            return check(firmware, before, expected, () ->
            {
                final int id = firmware.createPartition(BASE, 1, NAMES[create.name()], create.res());
                everCreated.add(id);
                assertTrue(before.partitions().stream().allMatch(p -> p.id() < id), "ids grow: id=" + id);
                return id;
            });
        }
        if (step instanceof CreateElastic create)
        {
            final int flags = create.lend() ? Firmware.PART_LEND : 0;
            final Expected expected = expectCreate(before, NAMES[create.name()], create.min(), create.max(), flags, false);
            return check(firmware, before, expected, () ->
            {
                final int id = firmware.createPartition(BASE, 1, NAMES[create.name()], create.min(), create.max(), flags);
                everCreated.add(id);
                final ElasticPartitionInfo info = firmware.queryPartitionsEx(id, 1).get(0);
                assertEquals(new ElasticPartitionInfo(id, 0, NAMES[create.name()], PartitionState.ACTIVE, flags,
                    ResourceVector.of(create.min()), ResourceVector.of(create.max()), ResourceVector.ZERO,
                    ResourceVector.ZERO, ResourceVector.ZERO), info);
                return id;
            });
        }
        if (step instanceof Resize resize)
        {
            final int id = pick(resize.partition(), before, everCreated);
            run.targets.add(id);
            return check(firmware, before, expectResize(before, id, resize), () ->
            {
                final int preempted = firmware.resizePartition(BASE, 1, id, resize.flags(), resize.min(), resize.max());
                final ElasticPartitionInfo info = firmware.queryPartitionsEx(id, 1).get(0);
                assertEquals(ResourceVector.of(resize.min()), info.min());
                assertEquals(ResourceVector.of(resize.max()), info.max());
                final int before_ = live(before, id).activeWorkloads();
                assertTrue(preempted >= before_ - info.activeWorkloads(), "preempted counts its own");
                return preempted;
            });
        }
        if (step instanceof Drain drain)
        {
            final int id = pick(drain.partition(), before, everCreated);
            run.targets.add(id);
            final PartitionInfo live = live(before, id);
            final Expected expected = live == null ? Expected.refused(Errno.ENOENT) : Expected.ok(live.activeWorkloads());
            final String outcome = check(firmware, before, expected, () ->
                firmware.drainPartition(BASE, 1, id, drain.undo() ? Firmware.DRAIN_UNDO : 0, drain.graceMs()));
            if (live != null)
            {
                final ElasticPartitionInfo info = firmware.queryPartitionsEx(id, 1).get(0);
                final PartitionState was = elastic(before, id).state();
                final PartitionState expectedState = drain.undo() ? PartitionState.ACTIVE :
                    was == PartitionState.DRAINED || live.activeWorkloads() == 0 || drain.graceMs() == 0 ?
                        PartitionState.DRAINED : PartitionState.DRAINING;
                assertEquals(expectedState, info.state(), "state after " + step);
                run.deadlines.remove(id);
                if (expectedState == PartitionState.DRAINING && drain.graceMs() != Firmware.GRACE_NEVER)
                {
                    run.deadlines.put(id, run.clock[0] + drain.graceMs() * 1_000_000L);
                }
            }
            return outcome;
        }
        if (step instanceof Advance advance)
        {
            run.clock[0] += advance.ms() * 1_000_000L;
            int expected = 0;
            for (final Map.Entry<Integer, Long> due : run.deadlines.entrySet())
            {
                if (due.getValue() <= run.clock[0])
                {
                    expected += live(before, due.getKey()).activeWorkloads();
                    run.targets.add(due.getKey());
                }
            }
            assertEquals(expected, firmware.tick(), "preempted when the grace ran out");
            for (final Map.Entry<Integer, Long> due : run.deadlines.entrySet())
            {
                assertEquals(due.getValue() <= run.clock[0] ? PartitionState.DRAINED : PartitionState.DRAINING,
                    firmware.queryPartitionsEx(due.getKey(), 1).get(0).state());
            }
            return expected == 0 ? "tick" : "tick preempted";
        }
        if (step instanceof Destroy destroy)
        {
            final int id = pick(destroy.partition(), before, everCreated);
            final PartitionInfo live = live(before, id);
            final Expected expected = live == null ? Expected.refused(Errno.ENOENT) :
                live.activeWorkloads() != 0 && !destroy.force() ? Expected.refused(Errno.EBUSY) :
                Expected.ok(live.activeWorkloads());
            return check(firmware, before, expected,
                () -> firmware.destroyPartition(BASE, 1, id, destroy.force()));
        }
        if (step instanceof LoadActivate load)
        {
            final int p = pick(load.partition(), before, everCreated);
            run.targets.add(p);
            return loadActivate(run, load, before, p);
        }
        if (step instanceof BadLoad bad)
        {
            final int p = pick(bad.partition(), before, everCreated);
            final int length = firmware.slotLength(p, bad.handle(), bad.slot());
            final long offset = Math.max(length, 0) + bad.delta();
            final Expected expected = Expected.refused(knownPartition(before, p) ? Errno.EINVAL : Errno.ENODEV);
            final String outcome = check(firmware, before, expected, () ->
            {
                firmware.loadImage(p, bad.handle(), bad.slot(), offset, ByteBuffer.allocate(8), 0, 8);
                return 0;
            });
            assertEquals(length, firmware.slotLength(p, bad.handle(), bad.slot()));
            return outcome;
        }
        if (step instanceof Deactivate deactivate)
        {
            final Target t = target(before, deactivate.target(), deactivate.asOwner(),
                pick(deactivate.partition(), before, everCreated), deactivate.handle(), deactivate.dbc());
            final Expected expected = knownPartition(before, t.partition()) ?
                expectLookup(before, t.partition(), t.handle(), t.dbc()) : Expected.refused(Errno.ENODEV);
            if (expected.errno() == Errno.ECANCELED)
            {
                return acknowledge(firmware, before, t);
            }
            return check(firmware, before, expected, () ->
            {
                firmware.deactivate(t.partition(), t.handle(), t.dbc());
                return 0;
            });
        }
        if (step instanceof Terminate terminate)
        {
            final int p = pick(terminate.partition(), before, everCreated);
            final Expected expected = knownPartition(before, p) ?
                Expected.ok((int)before.workloads().stream()
                    .filter(w -> w.partitionId() == p && w.handle() == terminate.handle()).count()) :
                Expected.refused(Errno.ENODEV);
            final String outcome = check(firmware, before, expected, () -> firmware.terminate(p, terminate.handle()));
            assertTrue(firmware.preempted().stream().noneMatch(e -> e[1] == p && e[2] == terminate.handle()),
                "terminate forgets the preempted workloads");
            return outcome;
        }
        if (step instanceof Execute execute)
        {
            return execute(firmware, execute, before, target(before, execute.target(), execute.asOwner(),
                pick(execute.partition(), before, everCreated), execute.handle(), execute.dbc()));
        }
        assertEquals(FirmwareState.RUNNING, firmware.reset());
        run.deadlines.clear();
        return "reset";
    }

    /** DEACTIVATE of a preempted workload: ECANCELED, and the only change is that it is forgotten. */
    private static String acknowledge(final Firmware firmware, final Snapshot before, final Target t)
    {
        final FirmwareException ex = assertThrows(FirmwareException.class,
            () -> firmware.deactivate(t.partition(), t.handle(), t.dbc()));
        assertEquals(Errno.ECANCELED, ex.errno());
        assertEquals("workload preempted: dbc_id=" + t.dbc() + " partition=" + t.partition() + " handle=" + t.handle(),
            ex.getMessage());
        final List<List<Integer>> forgotten = new ArrayList<>(before.preempted());
        forgotten.remove(List.of(t.dbc(), t.partition(), t.handle()));
        final Snapshot after = Snapshot.of(firmware);
        assertEquals(new Snapshot(before.partitions(), before.elastic(), before.global(), before.partitionPools(),
            before.workloads(), forgotten, before.coreExecutions()), after);
        return "ECANCELED";
    }

    private static String loadActivate(final Run run, final LoadActivate step, final Snapshot before, final int p)
        throws FirmwareException
    {
        final Firmware firmware = run.firmware;
        final byte[] image = TestImages.image(step.op(), step.opArg(), step.needs());
        final ByteBuffer host = ByteBuffer.wrap(image);
        final int chunk = (image.length + step.chunks() - 1) / step.chunks();
        for (int offset = 0; offset < image.length; offset += chunk)
        {
            final int at = offset;
            final Expected expected = knownPartition(before, p) ? Expected.ok(0) : Expected.refused(Errno.ENODEV);
            final String outcome = check(firmware, before, expected, () ->
            {
                firmware.loadImage(p, step.handle(), step.slot(), at, host, at, Math.min(chunk, image.length - at));
                return 0;
            });
            if (!outcome.equals("ok"))
            {
                return "load " + outcome;
            }
        }
        assertEquals(image.length, firmware.slotLength(p, step.handle(), step.slot()));

        final long[] needs = step.needs();
        final PoolSnapshot pool = firmware.queryPool(p, step.handle());
        final Expected expected;
        if (needs[0] == 0 || needs[4] == 0 || needs[1] < image.length)
        {
            expected = Expected.refused(Errno.EBADMSG);
        }
        else
        {
            final ElasticOracle.Refusal refusal = new ElasticOracle(PROFILE.capacity(), before).activate(p, needs);
            expected = refusal == null ? Expected.ok(0) : new Expected(refusal.errno(), refusal.mask(), 0);
        }
        return check(firmware, before, expected, () ->
        {
            final WorkloadInfo workload = firmware.activate(p, step.handle(), step.slot());
            final long idleCores = pool.coreMask() & ~usedUnits(before, ALL, true);
            final long idleDma = pool.dmaMask() & ~usedUnits(before, ALL, false);
            if (run.outbox.preemptions() == 0 &&
                Long.bitCount(idleCores) >= needs[0] && Long.bitCount(idleDma) >= needs[4])
            {
                assertEquals(Allocation.lowestUnits(idleCores, needs[0]), workload.coreMask(), "lowest free cores");
                assertEquals(Allocation.lowestUnits(idleDma, needs[4]), workload.dmaMask(), "lowest free channels");
            }
            assertEquals(Long.numberOfTrailingZeros(workload.dmaMask()), workload.dbcId());
            assertEquals(ResourceVector.of(needs), workload.needs());
            assertEquals(p, workload.partitionId());
            return 0;
        });
    }

    private static String execute(final Firmware firmware, final Execute step, final Snapshot before, final Target t)
    {
        final Expected lookup = expectLookup(before, t.partition(), t.handle(), t.dbc());
        final WorkloadInfo workload = lookup.errno() == null ? holder(before, t.dbc()) : null;
        final int outCap = step.shortOut() == 0 ? Math.max(0, step.len() - 1) : step.len() + step.shortOut();
        final byte[] input = new byte[step.len()];
        for (int i = 0; i < input.length; i++)
        {
            input[i] = (byte)(i * 37 + t.dbc());
        }
        final ByteBuffer out = ByteBuffer.allocate(outCap + 2);

        final int result = firmware.execute(
            t.partition(), t.handle(), t.dbc(), ByteBuffer.wrap(input), 0, input.length, out, 1, outCap);

        final Snapshot after = Snapshot.of(firmware);
        if (workload == null)
        {
            assertEquals(lookup.errno().status(), result, "execute status");
            assertEquals(before, after, "refused execute changed state");
            return lookup.errno().name();
        }
        final byte[] expected = reference(workload, input);
        if (expected.length > outCap)
        {
            assertEquals(Errno.EOVERFLOW.status(), result);
            assertEquals(before, after, "refused execute changed state");
            assertArrayEquals(new byte[outCap + 2], out.array());
            return "EOVERFLOW";
        }
        assertEquals(expected.length, result);
        final byte[] written = new byte[expected.length];
        out.get(1, written);
        assertArrayEquals(expected, written);
        for (int core = 0; core < after.coreExecutions().size(); core++)
        {
            final long moved = after.coreExecutions().get(core) - before.coreExecutions().get(core);
            assertEquals((workload.coreMask() >>> core & 1) == 1 ? 1 : 0, moved, "core " + core);
        }
        assertEquals(before.partitions(), after.partitions());
        assertEquals(before.workloads(), after.workloads());
        return "ok";
    }

    private static byte[] reference(final WorkloadInfo workload, final byte[] input)
    {
        switch (workload.op())
        {
            case WorkloadOp.ECHO:
                return input.clone();
            case WorkloadOp.CRC32C:
                final CRC32C crc = new CRC32C();
                crc.update(input);
                final int value = (int)crc.getValue();
                return new byte[]{ (byte)value, (byte)(value >>> 8), (byte)(value >>> 16), (byte)(value >>> 24) };
            default:
                final byte[] out = new byte[input.length];
                for (int i = 0; i < input.length; i++)
                {
                    out[i] = (byte)(input[i] ^ workload.opArg());
                }
                return out;
        }
    }

    private static Expected expectCreate(
        final Snapshot before, final String name, final long[] min, final long[] max, final int flags, final boolean v1)
    {
        if (name.isEmpty() || name.contains("/"))
        {
            return Expected.refused(Errno.EINVAL);
        }
        if (before.partitions().stream().anyMatch(p -> p.name().equals(name)))
        {
            return Expected.refused(Errno.EEXIST);
        }
        if (badLimits(min, max) || (v1 && (min[0] == 0 || min[4] == 0)))
        {
            return Expected.refused(Errno.EINVAL);
        }
        final ElasticOracle books = new ElasticOracle(PROFILE.capacity(), before);
        int shortMask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            shortMask |= min[i] > books.unreserved(i) ? Resource.of(i).bit() : 0;
        }
        return shortMask != 0 ? new Expected(Errno.ENOSPC, shortMask, 0) : Expected.ok(-1);
    }

    private static boolean badLimits(final long[] min, final long[] max)
    {
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (min[i] > max[i])
            {
                return true;
            }
        }
        return max[0] == 0 || max[4] == 0;
    }

    /** PART_RESIZE: ENOENT, bad flags, bad limits, then ENOSPC (sum of min) and EBUSY (used above max, no FORCE). */
    private static Expected expectResize(final Snapshot before, final int id, final Resize resize)
    {
        final ElasticPartitionInfo p = elastic(before, id);
        final int flags = resize.flags();
        if (p == null)
        {
            return Expected.refused(Errno.ENOENT);
        }
        if ((flags & ~7) != 0 || (flags & 6) == 6 || badLimits(resize.min(), resize.max()))
        {
            return Expected.refused(Errno.EINVAL);
        }
        final ElasticOracle books = new ElasticOracle(PROFILE.capacity(), before);
        int shortMask = 0;
        int overMask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            shortMask |= resize.min()[i] > books.unreserved(i) + p.min().get(i) ? Resource.of(i).bit() : 0;
            overMask |= p.used().get(i) > resize.max()[i] ? Resource.of(i).bit() : 0;
        }
        if (shortMask != 0)
        {
            return new Expected(Errno.ENOSPC, shortMask, 0);
        }
        if (overMask != 0 && (flags & Firmware.RESIZE_FORCE) == 0)
        {
            return new Expected(Errno.EBUSY, overMask, 0);
        }
        return Expected.ok(-1);
    }

    /**
     * DEACTIVATE / EXECUTE lookup rules: EINVAL, ECANCELED (the requester's workload there was preempted), ENOENT,
     * EACCES, then ENOENT for a secondary channel.
     */
    private static Expected expectLookup(final Snapshot before, final int p, final int handle, final int dbc)
    {
        if (dbc < 0 || dbc >= DBCS)
        {
            return Expected.refused(Errno.EINVAL);
        }
        if (before.preempted().contains(List.of(dbc, p, handle)))
        {
            return Expected.refused(Errno.ECANCELED);
        }
        final WorkloadInfo holder = holder(before, dbc);
        if (holder == null)
        {
            return Expected.refused(Errno.ENOENT);
        }
        if (holder.partitionId() != p || holder.handle() != handle)
        {
            return Expected.refused(Errno.EACCES);
        }
        return holder.dbcId() == dbc ? Expected.ok(0) : Expected.refused(Errno.ENOENT);
    }

    private static String check(
        final Firmware firmware, final Snapshot before, final Expected expected, final Call call)
    {
        try
        {
            final int result = call.run();
            if (expected.errno() != null)
            {
                throw new AssertionError("expected " + expected.errno() + " but the request was served");
            }
            if (expected.result() >= 0)
            {
                assertEquals(expected.result(), result, "result");
            }
            return "ok";
        }
        catch (final FirmwareException ex)
        {
            assertEquals(expected.errno(), ex.errno(), ex.getMessage());
            assertEquals(expected.shortMask(), ex.shortMask(), "short mask");
            assertEquals(before, Snapshot.of(firmware), "refused request changed state: " + ex.getMessage());
            return ex.errno().name();
        }
    }

    private static long usedUnits(final Snapshot state, final int partitionId, final boolean cores)
    {
        long mask = 0;
        for (final WorkloadInfo workload : state.workloads())
        {
            if (partitionId == ALL || workload.partitionId() == partitionId)
            {
                mask |= cores ? workload.coreMask() : workload.dmaMask();
            }
        }
        return mask;
    }

    private static WorkloadInfo holder(final Snapshot state, final int dbc)
    {
        for (final WorkloadInfo workload : state.workloads())
        {
            if ((workload.dmaMask() >>> dbc & 1) == 1)
            {
                return workload;
            }
        }
        return null;
    }

    private static ElasticPartitionInfo elastic(final Snapshot state, final int id)
    {
        return state.elastic().stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }

    private static PartitionInfo live(final Snapshot state, final int id)
    {
        return state.partitions().stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }

    private static boolean knownPartition(final Snapshot state, final int id)
    {
        return id == BASE || live(state, id) != null;
    }

    /**
     * An active workload's dbc_id, as its owner or as the picked requester; from {@link #PREEMPTED} on, a preempted
     * workload as its owner; the raw pick when there is none.
     */
    private static Target target(
        final Snapshot state, final int target, final boolean asOwner, final int p, final int handle, final int dbc)
    {
        if (target >= PREEMPTED && !state.preempted().isEmpty())
        {
            final List<Integer> entry = state.preempted().get((target - PREEMPTED) % state.preempted().size());
            return new Target(entry.get(1), entry.get(2), entry.get(0));
        }
        if (target >= state.workloads().size())
        {
            return new Target(p, handle, dbc);
        }
        final WorkloadInfo workload = state.workloads().get(target);
        return asOwner ? new Target(workload.partitionId(), workload.handle(), workload.dbcId()) :
            new Target(p, handle, workload.dbcId());
    }

    private record Target(int partition, int handle, int dbc)
    {
    }

    /**
     * 0 is the base node, 1..3 the first, second, third live partition in ID order (modulo how many live), 4 a destroyed one, and any
     * choice without such a partition one that never existed.
     */
    private static int pick(final int choice, final Snapshot state, final LinkedHashSet<Integer> everCreated)
    {
        if (choice == 0)
        {
            return BASE;
        }
        if (choice <= 3)
        {
            final int live = state.partitions().size();
            return live == 0 ? UNKNOWN_PARTITION : state.partitions().get((choice - 1) % live).id();
        }
        if (choice == 4)
        {
            for (final int id : everCreated)
            {
                if (live(state, id) == null)
                {
                    return id;
                }
            }
        }
        return UNKNOWN_PARTITION;
    }

    private record Expected(Errno errno, int shortMask, int result)
    {
        static Expected ok(final int result)
        {
            return new Expected(null, 0, result);
        }

        static Expected refused(final Errno errno)
        {
            return new Expected(errno, 0, 0);
        }
    }

    @FunctionalInterface
    private interface Call
    {
        int run() throws FirmwareException;
    }
}

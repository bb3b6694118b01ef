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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random sequences of partition management, uploads, activations, deactivations, terminations and executions from
 * the base node, live and dead partitions and several handles (owners and non-owners). Each step's outcome is
 * predicted from the state observed before it (an oracle built on the public queries), and after every step the
 * accounting and ownership invariants are checked; a refused step must leave the whole observable state as it was.
 * Volume: {@value #TRIES} sequences x {@value #STEPS} steps.
 */
class FirmwarePropertyTest
{
    static final int TRIES = 400;
    static final int STEPS = 60;

    private static final int BASE = -1;
    private static final int UNKNOWN_PARTITION = 999;
    private static final DeviceProfile PROFILE = DeviceProfile.of("prop", 8, 1 << 20, 8, 8, 8);
    private static final int DBCS = 8;
    private static final String[] NAMES = { "a", "b", "c", "d", "", "x/y" };

    /** Outcomes every run must reach at least 10 times, so the generator cannot drift into testing only refusals. */
    private static final String[] MUST_HAPPEN = {
        "Create ok", "Create ENOSPC", "Create EEXIST", "Create EINVAL", "Destroy ok", "Destroy EBUSY", "Destroy ENOENT",
        "LoadActivate ok", "LoadActivate ENOSPC", "LoadActivate EBADMSG", "LoadActivate load ENODEV",
        "BadLoad EINVAL", "Deactivate ok", "Deactivate EACCES", "Deactivate ENOENT", "Deactivate EINVAL",
        "Terminate ok", "Execute ok", "Execute EACCES", "Execute ENOENT", "Execute EOVERFLOW", "Execute EINVAL" };

    sealed interface Step permits Create, Destroy, LoadActivate, BadLoad, Deactivate, Terminate, Execute, Reset
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
        Statistics.label("outcome").coverage(coverage ->
        {
            for (final String outcome : MUST_HAPPEN)
            {
                coverage.check(outcome).count(c -> c >= 10);
            }
        });
        final Firmware firmware = new Firmware(PROFILE, true);
        final LinkedHashSet<Integer> everCreated = new LinkedHashSet<>();
        for (final Step step : steps)
        {
            final Snapshot before = Snapshot.of(firmware);
            final String outcome = apply(firmware, step, before, everCreated);
            Statistics.label("outcome").collect(step.getClass().getSimpleName() + " " + outcome);
            checkInvariants(Snapshot.of(firmware));
        }
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
        final Arbitrary<Step> loadActivate = Combinators.combine(
            partition, handle, Arbitraries.integers().between(0, 2), needs,
            Arbitraries.integers().between(1, 3), Arbitraries.integers(), Arbitraries.integers().between(1, 3))
            .as(LoadActivate::new);
        final Arbitrary<Step> badLoad = Combinators.combine(
            partition, handle, Arbitraries.integers().between(0, 2), Arbitraries.of(1, 3, 1000)).as(BadLoad::new);
        final Arbitrary<Integer> dbc = Arbitraries.integers().between(-1, DBCS);
        final Arbitrary<Integer> target = Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(0, 3)), Tuple.of(1, Arbitraries.just(DBCS)));
        final Arbitrary<Boolean> asOwner = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false)));
        final Arbitrary<Step> deactivate = Combinators.combine(partition, handle, dbc, target, asOwner)
            .as(Deactivate::new);
        final Arbitrary<Step> terminate = Combinators.combine(partition, handle).as(Terminate::new);
        final Arbitrary<Step> execute = Combinators.combine(
            partition, handle, dbc, target, asOwner, Arbitraries.integers().between(0, 24),
            Arbitraries.integers().between(0, 3)).as(Execute::new);
        final Arbitrary<Step> reset = Arbitraries.just(new Reset());
        return Arbitraries.frequencyOf(
            Tuple.of(4, create),
            Tuple.of(2, destroy),
            Tuple.of(8, loadActivate),
            Tuple.of(1, badLoad),
            Tuple.of(3, deactivate),
            Tuple.of(2, terminate),
            Tuple.of(8, execute),
            Tuple.of(1, Arbitraries.frequencyOf(Tuple.of(1, reset), Tuple.of(2, terminate))))
            .withoutEdgeCases()
            .list().ofSize(STEPS);
    }

    /** Mostly 1..max, sometimes 0 (refused: partitions and images need cores and channels). */
    private static Arbitrary<Long> units(final long max)
    {
        return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(0L)), Tuple.of(10, Arbitraries.longs().between(1, max)));
    }

    private static String apply(
        final Firmware firmware, final Step step, final Snapshot before, final LinkedHashSet<Integer> everCreated)
        throws FirmwareException
    {
        if (step instanceof Create create)
        {
            final Expected expected = expectCreate(before, NAMES[create.name()], create.res());
            return check(firmware, before, expected, () ->
            {
                final int id = firmware.createPartition(BASE, 1, NAMES[create.name()], create.res());
                everCreated.add(id);
                assertTrue(before.partitions().stream().allMatch(p -> p.id() < id), "ids grow: id=" + id);
                return id;
            });
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
            return loadActivate(firmware, load, before, pick(load.partition(), before, everCreated));
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
            return check(firmware, before, expected, () -> firmware.terminate(p, terminate.handle()));
        }
        if (step instanceof Execute execute)
        {
            return execute(firmware, execute, before, target(before, execute.target(), execute.asOwner(),
                pick(execute.partition(), before, everCreated), execute.handle(), execute.dbc()));
        }
        assertEquals(FirmwareState.RUNNING, firmware.reset());
        return "reset";
    }

    private static String loadActivate(final Firmware firmware, final LoadActivate step, final Snapshot before, final int p)
        throws FirmwareException
    {
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
            int shortMask = 0;
            for (int i = 0; i < Resource.COUNT; i++)
            {
                shortMask |= needs[i] > pool.free().get(i) ? Resource.of(i).bit() : 0;
            }
            expected = shortMask != 0 ? new Expected(Errno.ENOSPC, shortMask, 0) : Expected.ok(0);
        }
        return check(firmware, before, expected, () ->
        {
            final WorkloadInfo workload = firmware.activate(p, step.handle(), step.slot());
            final long freeCores = pool.coreMask() & ~usedUnits(before, p, true);
            final long freeDma = pool.dmaMask() & ~usedUnits(before, p, false);
            assertEquals(Allocation.lowestUnits(freeCores, needs[0]), workload.coreMask(), "lowest free cores");
            assertEquals(Allocation.lowestUnits(freeDma, needs[4]), workload.dmaMask(), "lowest free channels");
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

    private static Expected expectCreate(final Snapshot before, final String name, final long[] res)
    {
        if (name.isEmpty() || name.contains("/"))
        {
            return Expected.refused(Errno.EINVAL);
        }
        if (before.partitions().stream().anyMatch(p -> p.name().equals(name)))
        {
            return Expected.refused(Errno.EEXIST);
        }
        if (res[0] == 0 || res[4] == 0)
        {
            return Expected.refused(Errno.EINVAL);
        }
        int shortMask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            shortMask |= res[i] > before.global().free().get(i) ? Resource.of(i).bit() : 0;
        }
        return shortMask != 0 ? new Expected(Errno.ENOSPC, shortMask, 0) : Expected.ok(-1);
    }

    /** DEACTIVATE / EXECUTE lookup rules: EINVAL, ENOENT, EACCES, then ENOENT for a secondary channel. */
    private static Expected expectLookup(final Snapshot before, final int p, final int handle, final int dbc)
    {
        if (dbc < 0 || dbc >= DBCS)
        {
            return Expected.refused(Errno.EINVAL);
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

    private static void checkInvariants(final Snapshot state)
    {
        final long all = Allocation.firstUnits(PROFILE.capacity(Resource.CORES));
        long cores = state.global().coreMask();
        long dma = state.global().dmaMask();
        for (int i = 0; i < Resource.COUNT; i++)
        {
            long sum = state.global().free().get(i) + state.global().used().get(i);
            for (final PartitionInfo partition : state.partitions())
            {
                sum += partition.reserved().get(i);
                assertTrue(partition.used().get(i) <= partition.reserved().get(i), "used <= reserved");
                assertEquals(partition.used().get(i), usedBy(state, partition.id(), i), "partition used = sum");
            }
            assertEquals(PROFILE.capacity().get(i), sum, "free + reserved + used = capacity for " + Resource.of(i));
            assertEquals(state.global().used().get(i), usedBy(state, BASE, i), "global used = sum");
        }
        assertEquals(state.global().free().get(Resource.CORES) + state.global().used().get(Resource.CORES),
            Long.bitCount(cores), "global cores match its mask");
        assertEquals(state.global().free().get(Resource.DMA_CHANNELS) +
            state.global().used().get(Resource.DMA_CHANNELS), Long.bitCount(dma), "global channels match its mask");
        for (final PartitionInfo partition : state.partitions())
        {
            assertEquals(0, cores & partition.coreMask(), "core owned twice");
            assertEquals(0, dma & partition.dmaMask(), "channel owned twice");
            assertEquals(partition.reserved().get(Resource.CORES), Long.bitCount(partition.coreMask()));
            assertEquals(partition.reserved().get(Resource.DMA_CHANNELS), Long.bitCount(partition.dmaMask()));
            cores |= partition.coreMask();
            dma |= partition.dmaMask();
            assertEquals(partition.activeWorkloads(),
                state.workloads().stream().filter(w -> w.partitionId() == partition.id()).count());
        }
        assertEquals(all, cores, "every core has one owner");
        assertEquals(Allocation.firstUnits(PROFILE.capacity(Resource.DMA_CHANNELS)), dma, "every channel has one owner");

        long workloadCores = 0;
        long workloadDma = 0;
        for (final WorkloadInfo workload : state.workloads())
        {
            assertEquals(0, workloadCores & workload.coreMask(), "core placed twice");
            assertEquals(0, workloadDma & workload.dmaMask(), "channel given twice");
            workloadCores |= workload.coreMask();
            workloadDma |= workload.dmaMask();
            final long poolCores = workload.partitionId() == BASE ? state.global().coreMask() :
                live(state, workload.partitionId()).coreMask();
            final long poolDma = workload.partitionId() == BASE ? state.global().dmaMask() :
                live(state, workload.partitionId()).dmaMask();
            assertEquals(workload.coreMask(), workload.coreMask() & poolCores, "workload outside its pool's cores");
            assertEquals(workload.dmaMask(), workload.dmaMask() & poolDma, "workload outside its pool's channels");
            assertEquals(workload.needs().get(Resource.CORES), Long.bitCount(workload.coreMask()));
            assertEquals(workload.needs().get(Resource.DMA_CHANNELS), Long.bitCount(workload.dmaMask()));
        }
    }

    private static long usedBy(final Snapshot state, final int partitionId, final int resource)
    {
        return state.workloads().stream()
            .filter(w -> w.partitionId() == partitionId)
            .mapToLong(w -> w.needs().get(resource))
            .sum();
    }

    private static long usedUnits(final Snapshot state, final int partitionId, final boolean cores)
    {
        long mask = 0;
        for (final WorkloadInfo workload : state.workloads())
        {
            if (workload.partitionId() == partitionId)
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

    private static PartitionInfo live(final Snapshot state, final int id)
    {
        return state.partitions().stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }

    private static boolean knownPartition(final Snapshot state, final int id)
    {
        return id == BASE || live(state, id) != null;
    }

    /** An active workload's dbc_id, as its owner or as the picked requester, or the raw pick when none. */
    private static Target target(
        final Snapshot state, final int target, final boolean asOwner, final int p, final int handle, final int dbc)
    {
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

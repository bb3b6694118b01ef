package dev.shadowdev.driver.notice;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.dbc.DbcBinding;
import dev.shadowdev.driver.dbc.DbcTable;
import dev.shadowdev.driver.minor.MinorAllocator;
import dev.shadowdev.driver.node.NodeRegistry;
import dev.shadowdev.driver.wiretap.WireRecorder;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.testkit.Problems;
import dev.shadowdev.wire.PartitionNoticeFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notice receiver on its own, over a real {@link DbcTable} and {@link NodeRegistry}: a PREEMPTED notice cancels
 * the EXECUTE in flight and every later one and gives the memory back; DRAINED adds its line; every malformed
 * notice is dropped, counted and changes nothing; a DBC the card gave to another workload before the notice came is
 * handled in either order.
 */
class PartitionNoticesTest
{
    private static final int PARTITION = 3;
    private static final int HANDLE = 5;
    private static final int DBC = 2;

    private final SharedRegion region = new SharedRegion(1 << 20);
    private final DmaAllocator allocator = new DmaAllocator(region);
    private final MhiRegisters registers = new MhiRegisters();
    private final DriverCounters counters = new DriverCounters();
    private final DbcTable table =
        new DbcTable(allocator, registers, new WireRecorder(null, null), counters, () -> 0L);
    private final NodeRegistry registry = new NodeRegistry(new MinorAllocator(), 511, "accel", () -> 0L);
    private final Object session = new Object();
    private final List<Integer> completions = new ArrayList<>();
    private final Problems problems = new Problems();
    private PartitionNotices notices;
    private int baseMinor;
    private int shadowMinor;

    @BeforeEach
    void setUp()
    {
        baseMinor = registry.baseOnline().minor();
        shadowMinor = registry.attach(PARTITION, "p", -1);
        notices = new PartitionNotices(table, registry, counters, handle -> handle == HANDLE ? session : null);
        notices.setProblemListener(problems::add);
    }

    @Test
    void aPreemptedNoticeCancelsTheExecuteInFlightAndEveryLaterOne()
    {
        final long free = allocator.freeBytes();
        final DbcBinding binding = bound(session, DBC);
        assertEquals(0, submit(binding));

        notices.onNotice(notice(n -> {}), 64);

        assertEquals(List.of(Errno.ECANCELED.status()), completions);
        assertEquals(Errno.ECANCELED.status(), submit(binding));
        assertSame(binding, table.ownedBy(DBC, session), "its owner still finds it (DEACTIVATE, EXECUTE)");
        assertTrue(binding.preempted());
        assertEquals(free, allocator.freeBytes(), "its memory is back");
        assertEquals(1, counters.get(Counter.NOTICES_PREEMPTED));
        assertEquals(1, counters.get(Counter.DBC_CANCELED));
        assertTrue(registry.events(shadowMinor).endsWith(" preempted session=5 dbc=2 reason=revoked"),
            registry.events(shadowMinor));
        assertTrue(registry.events(baseMinor).endsWith(" preempted session=5 dbc=2 reason=revoked partition=3"));

        table.releaseOwnedBy(session);
        assertEquals(0, table.preemptedCount());
        assertEquals(null, table.ownedBy(DBC, session));
    }

    @Test
    void theCardGivingTheDbcAwayBeforeTheNoticeCancelsTooAndTheNoticeLeavesTheNewOwnerAlone()
    {
        final DbcBinding binding = bound(session, DBC);
        assertEquals(0, submit(binding));
        final Object lender = new Object();
        final DbcBinding taken = bound(lender, DBC);

        assertEquals(List.of(Errno.ECANCELED.status()), completions);
        assertSame(binding, table.ownedBy(DBC, session));
        assertSame(taken, table.ownedBy(DBC, lender));

        notices.onNotice(notice(n -> n.reason(PartitionNoticeFlyweight.REASON_LIMIT)), 64);

        assertFalse(taken.preempted(), "the new owner keeps its DBC");
        assertEquals(0, submit(taken));
        assertEquals(1, counters.get(Counter.DBC_CANCELED));
        assertTrue(registry.events(shadowMinor).endsWith(" preempted session=5 dbc=2 reason=limit"));
    }

    @Test
    void aNoticeForASessionThatIsGoneStillAddsItsLines()
    {
        notices.onNotice(notice(n -> n.handle(77), m -> m.putInt(WireMessageHeaderFlyweight.HANDLE_OFFSET, 77)), 64);
        assertEquals(1, counters.get(Counter.NOTICES_PREEMPTED));
        assertTrue(registry.events(shadowMinor).endsWith(" preempted session=77 dbc=2 reason=revoked"));
    }

    @Test
    void aDrainedNoticeAddsItsLine()
    {
        notices.onNotice(drained(n -> {}), 64);
        assertEquals(1, counters.get(Counter.NOTICES_DRAINED));
        assertTrue(registry.events(shadowMinor).endsWith(" drained"));
        assertTrue(registry.events(baseMinor).endsWith(" drained partition=3"));
    }

    @Test
    void malformedNoticesAreDroppedAndChangeNothing()
    {
        final DbcBinding binding = bound(session, DBC);
        assertEquals(0, submit(binding));
        final String shadowEvents = registry.events(shadowMinor);
        final String baseEvents = registry.events(baseMinor);

        rejected("partition notice not alone in its message: count=2", notice(n -> {}, m -> m.putInt(
            WireMessageHeaderFlyweight.COUNT_OFFSET, 2)));
        rejected("bad partition notice sequence: sequence=7", notice(n -> {}, m -> m.putInt(
            WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET, 7)));
        rejected("partition notice header and body disagree: handle=6 partition=3 body_handle=5 body_partition=3",
            notice(n -> {}, m -> m.putInt(WireMessageHeaderFlyweight.HANDLE_OFFSET, 6)));
        rejected("partition notice header and body disagree: handle=5 partition=4 body_handle=5 body_partition=3",
            notice(n -> {}, m -> m.putInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET, 4)));
        rejected("bad partition notice kind: kind=3", notice(n -> n.kind(3)));
        rejected("bad partition notice reason: reason=3", notice(n -> n.reason(3)));
        rejected("bad partition notice dbc: dbc_id=16", notice(n -> n.dbcId(16)));
        rejected("bad partition notice dbc: dbc_id=4294967295", notice(n -> n.dbcId(-1)));
        rejected("bad partition notice reserved: reserved=1", notice(n -> {}, m -> m.putInt(
            WireMessageHeaderFlyweight.LENGTH + PartitionNoticeFlyweight.RESERVED_OFFSET, 1)));
        rejected("bad drained notice: handle=0 dbc_id=2 reason=0", drained(n -> n.dbcId(2)));
        rejected("bad drained notice: handle=0 dbc_id=0 reason=1", drained(n -> n.reason(1)));

        assertEquals(11, counters.get(Counter.NOTICES_REJECTED));
        assertEquals(0, counters.get(Counter.NOTICES_PREEMPTED) + counters.get(Counter.NOTICES_DRAINED));
        assertEquals(List.of(), completions, "nothing cancelled");
        assertFalse(binding.preempted());
        assertEquals(shadowEvents, registry.events(shadowMinor));
        assertEquals(baseEvents, registry.events(baseMinor));
    }

    private void rejected(final String reason, final WireBuffer message)
    {
        final long before = counters.get(Counter.NOTICES_REJECTED);
        notices.onNotice(message, 64);
        assertEquals(before + 1, counters.get(Counter.NOTICES_REJECTED), reason);
        assertEquals(reason, problems.last());
    }

    private DbcBinding bound(final Object owner, final int dbc)
    {
        final DbcBinding binding = table.allocate(owner, 4, 256);
        assertNotNull(binding);
        assertEquals(0, table.bind(binding, dbc));
        return binding;
    }

    private int submit(final DbcBinding binding)
    {
        final WireBuffer input = new WireBuffer(new byte[8]);
        return binding.submitExecute(input, 0, 8, completions::add, 1_000_000_000L);
    }

    private static WireBuffer notice(final Consumer<PartitionNoticeFlyweight> body)
    {
        return notice(body, m -> {});
    }

    /** A well-formed PREEMPTED notice (partition 3, handle 5, DBC 2, REVOKED), then the two patches. */
    private static WireBuffer notice(final Consumer<PartitionNoticeFlyweight> body, final Consumer<WireBuffer> header)
    {
        final WireBuffer m = message(HANDLE, PARTITION);
        final PartitionNoticeFlyweight n = new PartitionNoticeFlyweight().wrap(m, WireMessageHeaderFlyweight.LENGTH)
            .kind(PartitionNoticeFlyweight.KIND_PREEMPTED).partitionId(PARTITION).handle(HANDLE).dbcId(DBC)
            .reason(PartitionNoticeFlyweight.REASON_REVOKED);
        body.accept(n);
        header.accept(m);
        return m;
    }

    private static WireBuffer drained(final Consumer<PartitionNoticeFlyweight> body)
    {
        final WireBuffer m = message(0, PARTITION);
        final PartitionNoticeFlyweight n = new PartitionNoticeFlyweight().wrap(m, WireMessageHeaderFlyweight.LENGTH)
            .kind(PartitionNoticeFlyweight.KIND_DRAINED).partitionId(PARTITION);
        body.accept(n);
        return m;
    }

    private static WireBuffer message(final int handle, final int partition)
    {
        final WireBuffer m = new WireBuffer(new byte[64]);
        m.putInt(WireMessageHeaderFlyweight.MAGIC_OFFSET, WireMessageHeaderFlyweight.MAGIC);
        m.putInt(WireMessageHeaderFlyweight.LEN_OFFSET, 64);
        m.putInt(WireMessageHeaderFlyweight.COUNT_OFFSET, 1);
        m.putInt(WireMessageHeaderFlyweight.HANDLE_OFFSET, handle);
        m.putInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET, partition);
        m.putInt(WireMessageHeaderFlyweight.LENGTH, WireTypes.PARTITION_NOTICE_FROM_DEV);
        m.putInt(WireMessageHeaderFlyweight.LENGTH + 4, PartitionNoticeFlyweight.LENGTH);
        return m;
    }
}

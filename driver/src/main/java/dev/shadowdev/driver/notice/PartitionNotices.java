package dev.shadowdev.driver.notice;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.control.ControlClient;
import dev.shadowdev.driver.control.ControlNoticeListener;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.dbc.DbcTable;
import dev.shadowdev.driver.node.NodeRegistry;
import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.mhi.ProblemListener;
import dev.shadowdev.wire.PartitionNoticeFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.IntFunction;

/**
 * The driver's receiver of the card's partition notices ({@code *Adapter} role: one switch on the kind).
 * <ul>
 *   <li>PREEMPTED: the workload of session {@code handle} on {@code dbc_id} lost its resources. Its EXECUTE in
 *   flight fails with -ECANCELED at once, its later EXECUTEs answer -ECANCELED without reaching the card
 *   ({@link DbcTable#preempt}); event line {@code preempted session=<handle> dbc=<dbc_id>
 *   reason=revoked|limit|drained} on the partition's shadow node, and on the base node with
 *   {@code partition=<id>} appended. A session that is gone already still gets its event lines.</li>
 *   <li>DRAINED: the partition's drain completed; event line {@code drained} (base node: {@code drained
 *   partition=<id>}).</li>
 * </ul>
 * A notice must be alone in its message with sequence number {@link ControlClient#NOTICE_SEQUENCE}, its header's
 * handle and partition those of its body, its kind and reason known, its reserved word 0, and (DRAINED) handle,
 * DBC and reason 0; anything else is dropped, logged ({@code what: name=value}) and counted
 * ({@link Counter#NOTICES_REJECTED}), told to the {@link #setProblemListener problem listener}, and changes nothing.
 * <p>
 * Runs on the thread that delivers control answers (see the package comment); keeps no state of its own.
 */
public final class PartitionNotices implements ControlNoticeListener
{
    public static final String NOT_ALONE = "partition notice not alone in its message: count=%d";
    public static final String BAD_SEQUENCE = "bad partition notice sequence: sequence=%d";
    public static final String HEADER_MISMATCH =
        "partition notice header and body disagree: handle=%d partition=%d body_handle=%d body_partition=%d";
    public static final String BAD_KIND = "bad partition notice kind: kind=%d";
    public static final String BAD_REASON = "bad partition notice reason: reason=%d";
    public static final String BAD_DBC = "bad partition notice dbc: dbc_id=%d";
    public static final String BAD_RESERVED = "bad partition notice reserved: reserved=%d";
    public static final String BAD_DRAINED = "bad drained notice: handle=%d dbc_id=%d reason=%d";

    private static final Logger LOG = LoggerFactory.getLogger(PartitionNotices.class);
    private static final long U32 = 0xFFFF_FFFFL;

    private final DbcTable dbcTable;
    private final NodeRegistry registry;
    private final DriverCounters counters;
    private final IntFunction<Object> sessionByHandle;
    private final PartitionNoticeFlyweight notice = new PartitionNoticeFlyweight();
    private volatile ProblemListener problems = ProblemListener.NONE;

    /**
     * @param dbcTable        the DMA bridge bindings.
     * @param registry        the nodes whose events get the lines.
     * @param counters        the driver's counters.
     * @param sessionByHandle the open session with a user handle (the owner its DBC bindings were made for), or null.
     */
    public PartitionNotices(
        final DbcTable dbcTable,
        final NodeRegistry registry,
        final DriverCounters counters,
        final IntFunction<Object> sessionByHandle)
    {
        this.dbcTable = dbcTable;
        this.registry = registry;
        this.counters = counters;
        this.sessionByHandle = sessionByHandle;
    }

    /** @param listener told the reason of every notice dropped from now on, {@code what: name=value}. */
    public void setProblemListener(final ProblemListener listener)
    {
        this.problems = listener == null ? ProblemListener.NONE : listener;
    }

    @Override
    public void onNotice(final WireBuffer message, final int length)
    {
        final int count = message.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET);
        if (count != 1)
        {
            reject(String.format(NOT_ALONE, count & U32));
            return;
        }
        final int sequence = message.getInt(WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET);
        if (sequence != ControlClient.NOTICE_SEQUENCE)
        {
            reject(String.format(BAD_SEQUENCE, sequence & U32));
            return;
        }
        notice.wrap(message, WireMessageHeaderFlyweight.LENGTH);
        final int handle = message.getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET);
        final int partitionId = message.getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET);
        if (notice.handle() != handle || notice.partitionId() != partitionId)
        {
            reject(String.format(HEADER_MISMATCH, handle & U32, partitionId, notice.handle() & U32,
                notice.partitionId()));
            return;
        }
        final int reserved = message.getInt(WireMessageHeaderFlyweight.LENGTH + PartitionNoticeFlyweight.RESERVED_OFFSET);
        if (reserved != 0)
        {
            reject(String.format(BAD_RESERVED, reserved & U32));
            return;
        }
        switch (notice.kind())
        {
            case PartitionNoticeFlyweight.KIND_PREEMPTED:
                onPreempted(partitionId, handle, notice.dbcId(), notice.reason());
                break;
            case PartitionNoticeFlyweight.KIND_DRAINED:
                onDrained(partitionId, handle, notice.dbcId(), notice.reason());
                break;
            default:
                reject(String.format(BAD_KIND, notice.kind() & U32));
                break;
        }
    }

    private void onPreempted(final int partitionId, final int handle, final int dbc, final int reason)
    {
        final String reasonName = reasonName(reason);
        if (reasonName == null)
        {
            reject(String.format(BAD_REASON, reason & U32));
            return;
        }
        if (dbc < 0 || dbc >= DbcRegs.DBC_COUNT)
        {
            reject(String.format(BAD_DBC, dbc & U32));
            return;
        }
        final Object session = sessionByHandle.apply(handle);
        final int cancelled = session == null ? Errno.ENOENT.status() : dbcTable.preempt(dbc, session);
        counters.increment(Counter.NOTICES_PREEMPTED);
        LOG.info("workload preempted: partition={} handle={} dbc_id={} reason={} execute_cancelled={} binding={}",
            partitionId, handle & U32, dbc, reasonName, cancelled > 0, cancelled < 0 ? "none" : "preempted");
        registry.preempted(partitionId, "preempted session=" + (handle & U32) + " dbc=" + dbc +
            " reason=" + reasonName);
    }

    private void onDrained(final int partitionId, final int handle, final int dbc, final int reason)
    {
        if (handle != 0 || dbc != 0 || reason != 0)
        {
            reject(String.format(BAD_DRAINED, handle & U32, dbc & U32, reason & U32));
            return;
        }
        counters.increment(Counter.NOTICES_DRAINED);
        LOG.info("partition drained: partition={}", partitionId);
        registry.partitionEvent(partitionId, "drained");
    }

    private void reject(final String reason)
    {
        counters.increment(Counter.NOTICES_REJECTED);
        LOG.warn("partition notice dropped: {}", reason);
        problems.onProblem(reason);
    }

    /** @return the event word of a reason, or null for one the ABI does not define. */
    public static String reasonName(final int reason)
    {
        switch (reason)
        {
            case PartitionNoticeFlyweight.REASON_REVOKED:
                return "revoked";
            case PartitionNoticeFlyweight.REASON_LIMIT:
                return "limit";
            case PartitionNoticeFlyweight.REASON_DRAINED:
                return "drained";
            default:
                return null;
        }
    }
}

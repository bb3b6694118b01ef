package dev.shadowdev.firmware.card;

import dev.shadowdev.firmware.dbc.DbcEngine;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.Preemption;
import dev.shadowdev.firmware.model.PreemptionListener;
import dev.shadowdev.firmware.model.PreemptionOutbox;
import dev.shadowdev.firmware.qsm.QsmResponseProxy;
import dev.shadowdev.wire.PartitionNoticeFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What the card tells the host unasked (ABI.md 6): the firmware's preemptions and completed drains, each sent as
 * one {@link WireTypes#PARTITION_NOTICE_FROM_DEV} alone in a control message on the from-device CONTROL channel,
 * through the same {@link QsmResponseProxy} (and so the same order and the same FIFO) as the answers.
 * <p>
 * The message header: sequence number {@link #NOTICE_SEQUENCE} (0, which the driver never issues, so a notice can
 * never be taken for an answer), handle = the preempted workload's session (0 for DRAINED), partition = the
 * workload's partition; body as {@link PartitionNoticeFlyweight} (DRAINED: handle, dbc_id and reason 0).
 * <p>
 * Two sides. The firmware's side, {@link PreemptionListener}: called under the firmware's lock on whatever thread
 * ran the request (or {@link Firmware#tick()}), it only queues ({@link PreemptionOutbox}) and raises a volatile
 * flag. The device side, {@link #doWork()}: the card's duty cycle (device thread, or a host thread lent to the card,
 * always under the runner's gate, never two at once) lets the firmware's drain clock run ({@link Firmware#tick()}
 * at most every {@link #TICK_NANOS}; the device thread parks at most 10 ms, so a grace period ends within about
 * that even with no traffic, and nothing spins), then for each preemption unbinds the workload's DBC from its
 * queues if it still serves them ({@link DbcEngine#unbindPreempted}: the engine never touches that host memory
 * again, so the driver may free it once the notice arrives), and sends the notice. A preemption caused by a call
 * into the model from another thread (a test, a tool) is sent by the next duty cycle, within the device thread's
 * park time.
 * <p>
 * Not thread-safe beyond that split: {@link #doWork()} and {@link #reset()} belong to the card's duty.
 */
final class CardNotices implements PreemptionListener
{
    /** The sequence number of every notice message. */
    static final int NOTICE_SEQUENCE = 0;
    /** Least time between two {@link Firmware#tick()} calls from the duty cycle. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final Logger LOG = LoggerFactory.getLogger(CardNotices.class);

    private final PreemptionOutbox outbox = new PreemptionOutbox();
    private final LongSupplier nanoClock;
    private final WireBuffer header =
        new WireBuffer(ByteBuffer.allocate(WireMessageHeaderFlyweight.LENGTH).order(ByteOrder.LITTLE_ENDIAN));
    private final PartitionNoticeFlyweight notice = new PartitionNoticeFlyweight();
    private Firmware firmware;
    private DbcEngine engine;
    private QsmResponseProxy proxy;
    private volatile boolean queued;
    private long lastTick;
    private volatile long sent;
    private volatile long dropped;

    /**
     * @param nanoClock the firmware's clock (the same one its drain grace periods run on).
     */
    CardNotices(final LongSupplier nanoClock)
    {
        this.nanoClock = nanoClock;
        this.lastTick = nanoClock.getAsLong();
    }

    /** Wire the device side (the card builds the firmware with this listener first). */
    void attach(final Firmware firmware, final DbcEngine engine, final QsmResponseProxy proxy)
    {
        this.firmware = firmware;
        this.engine = engine;
        this.proxy = proxy;
    }

    @Override
    public void preempted(final Preemption preemption)
    {
        outbox.preempted(preemption);
        queued = true;
    }

    @Override
    public void drained(final int partitionId)
    {
        outbox.drained(partitionId);
        queued = true;
    }

    /**
     * One duty cycle's share (transport in M0, firmware not hung): tick the firmware when due, then send every
     * queued notice.
     *
     * @return notices sent (work done).
     */
    int doWork()
    {
        final long now = nanoClock.getAsLong();
        if (now - lastTick >= TICK_NANOS)
        {
            lastTick = now;
            firmware.tick();
        }
        if (!queued)
        {
            return 0;
        }
        queued = false;
        int count = 0;
        for (Preemption p = outbox.pollPreemption(); p != null; p = outbox.pollPreemption())
        {
            final boolean unbound = engine.unbindPreempted(p.dbcId(), p.partitionId(), p.handle());
            LOG.debug("workload preempted: partition={} handle={} dbc_id={} image={} reason={} unbound={}",
                p.partitionId(), p.handle() & 0xFFFF_FFFFL, p.dbcId(), p.name(), p.reason(), unbound);
            count += send(PartitionNoticeFlyweight.KIND_PREEMPTED, p.partitionId(), p.handle(), p.dbcId(),
                reason(p));
        }
        for (Integer id = outbox.pollDrained(); id != null; id = outbox.pollDrained())
        {
            LOG.debug("partition drained: partition={}", id);
            count += send(PartitionNoticeFlyweight.KIND_DRAINED, id, 0, 0, 0);
        }
        return count;
    }

    /** The card rebooted: the notices not sent yet are about partitions and sessions that no longer exist. */
    void reset()
    {
        int count = 0;
        while (outbox.pollPreemption() != null)
        {
            count++;
        }
        while (outbox.pollDrained() != null)
        {
            count++;
        }
        queued = false;
        lastTick = nanoClock.getAsLong();
        if (count > 0)
        {
            dropped += count;
            LOG.info("notices dropped by reset: count={}", count);
        }
    }

    /** @return notice messages handed to the proxy (sent or queued behind answers). */
    long sent()
    {
        return sent;
    }

    /** @return notices dropped (reset before they were sent, or the device down). */
    long dropped()
    {
        return dropped;
    }

    private int send(final int kind, final int partitionId, final int handle, final int dbcId, final int reason)
    {
        header.putInt(WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET, NOTICE_SEQUENCE);
        header.putInt(WireMessageHeaderFlyweight.HANDLE_OFFSET, handle);
        header.putInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET, partitionId);
        proxy.beginReplyTo(header, 0);
        final int offset = proxy.writer().reserve(WireTypes.PARTITION_NOTICE_FROM_DEV, PartitionNoticeFlyweight.LENGTH);
        if (offset < 0)
        {
            dropped++;
            LOG.error("notice not built: kind={} partition={} status={}", kind, partitionId, offset);
            return 0;
        }
        notice.wrap(proxy.writer().buffer(), offset)
            .kind(kind)
            .partitionId(partitionId)
            .handle(handle)
            .dbcId(dbcId)
            .reason(reason);
        proxy.writer().buffer().putInt(offset + PartitionNoticeFlyweight.RESERVED_OFFSET, 0);
        final int length = proxy.send(firmware.crcRequired());
        if (length < 0)
        {
            dropped++;
            LOG.warn("notice dropped: kind={} partition={} handle={} dbc_id={} errno={}",
                kind, partitionId, handle & 0xFFFF_FFFFL, dbcId, -length);
            return 0;
        }
        sent++;
        return 1;
    }

    private static int reason(final Preemption preemption)
    {
        switch (preemption.reason())
        {
            case REVOKED:
                return PartitionNoticeFlyweight.REASON_REVOKED;
            case LIMIT:
                return PartitionNoticeFlyweight.REASON_LIMIT;
            case DRAINED:
                return PartitionNoticeFlyweight.REASON_DRAINED;
            default:
                throw new IllegalStateException("unknown preemption reason: reason=" + preemption.reason());
        }
    }
}

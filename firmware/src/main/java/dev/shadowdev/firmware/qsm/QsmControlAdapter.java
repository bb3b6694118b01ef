package dev.shadowdev.firmware.qsm;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.firmware.dbc.DbcEngine;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.StatusReport;
import dev.shadowdev.mhi.ProblemListener;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.device.DeviceChannelHandler;
import dev.shadowdev.mhi.device.MessageSegments;
import dev.shadowdev.wire.PartCreateExFlyweight;
import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.wire.ResultFromDevFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.TransactionFraming;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireLayouts;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireMessageValidator;
import dev.shadowdev.wire.WireResponseWriter;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The QSM control service: receives wire messages on the to-device control channel (10), checks them, dispatches
 * every transaction in one switch (STATUS and PASSTHROUGH here; DMA_XFER to {@link DmaXferService}; ACTIVATE,
 * DEACTIVATE, TERMINATE to {@link WorkloadRequests}; the partition requests to {@link PartitionRequests}, the
 * elastic ones of ABI.md 6.1, PART_CREATE with the v1.1 body included, to {@link ElasticRequests}), all
 * through the {@link Firmware} model and, for the DBC queues, the {@link DbcEngine}, and answers through the
 * {@link QsmResponseProxy} on channel 11. See the {@link dev.shadowdev.firmware.qsm package} comment for what
 * answers what.
 * <p>
 * Every transaction is served for the partition ID and handle of the message header; no body field can name
 * another owner (TERMINATE's {@code handle} must equal the header's).
 * <p>
 * Runs on the device thread. Receiving, checking and dispatching allocate nothing; a single-segment message is
 * read in place in host memory, a chained one is gathered into one 64 KiB buffer first. Management requests go
 * through the model, which allocates its answers.
 */
public final class QsmControlAdapter implements DeviceChannelHandler
{
    public static final String ANSWER_TOO_LONG = "answer does not fit: index=%d type=0x%x length=%d";
    public static final String REFUSED = "request refused: type=0x%x errno=%d";

    private static final Logger LOG = LoggerFactory.getLogger(QsmControlAdapter.class);
    private static final int HEADER_LENGTH = WireMessageHeaderFlyweight.LENGTH;
    private static final int SERVED = DmaXferService.SERVED;
    private static final int CHUNK_STARTED = DmaXferService.CHUNK_STARTED;

    private final Firmware firmware;
    private final QsmResponseProxy proxy;
    private final WireResponseWriter writer;
    private final WireBuffer regionView;
    private final WireBuffer reassembly =
        new WireBuffer(ByteBuffer.allocate(WireDirection.TO_DEV.maxLength()).order(ByteOrder.LITTLE_ENDIAN));
    private final WireBuffer headerScratch = new WireBuffer(new byte[HEADER_LENGTH]);
    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();
    private final TransactionCursor cursor = new TransactionCursor();
    private final TransactionCursor budgetCursor = new TransactionCursor();
    private final QsmErrors errors = new QsmErrors();
    private final DmaXferService dmaXfer;
    private final WorkloadRequests workloads;
    private final PartitionRequests partitions;
    private final ElasticRequests elastic;
    private final PassthroughFlyweight passthrough = new PassthroughFlyweight();
    private int partitionId;
    private int handle;
    private DmaContinuation startedChunk;
    private volatile boolean muted;
    private volatile long messages;
    private volatile long refusedMessages;
    private volatile long swallowed;
    private volatile long internalErrors;

    /**
     * @param firmware the model.
     * @param engine   the DBC engine ACTIVATE binds queues in.
     * @param proxy    where answers go.
     * @param region   host memory: messages, DMA transfer sources and DBC queues.
     */
    public QsmControlAdapter(
        final Firmware firmware, final DbcEngine engine, final QsmResponseProxy proxy, final SharedRegion region)
    {
        this.firmware = firmware;
        this.proxy = proxy;
        this.writer = proxy.writer();
        this.regionView = new WireBuffer(region.buffer());
        this.dmaXfer = new DmaXferService(
            firmware, region, region.buffer().duplicate().order(ByteOrder.LITTLE_ENDIAN), writer, errors);
        this.workloads = new WorkloadRequests(firmware, engine, dmaXfer, writer, errors);
        this.partitions = new PartitionRequests(firmware, engine, dmaXfer, proxy, errors, workloads);
        this.elastic = new ElasticRequests(firmware, proxy, errors, workloads);
    }

    @Override
    public void onMessage(final int channel, final SharedRegion ignored, final MessageSegments message)
    {
        if (muted)
        {
            swallowed++;
            return;
        }
        messages++;
        final long answers = proxy.answers();
        WireBuffer buffer = regionView;
        int offset = message.offset(0);
        int length = message.totalLength();
        try
        {
            if (message.count() != 1 || length < HEADER_LENGTH)
            {
                buffer = reassembly;
                offset = 0;
                length = gather(message, Math.min(length, reassembly.capacity()));
            }
            onWireMessage(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            internalErrors++;
            LOG.error("control service failed: messages={}", messages, ex);
            if (proxy.answers() == answers)
            {
                error.set(Errno.EIO, REFUSED, WireTypes.UNDEFINED, Errno.EIO.value());
                refuseMessage(buffer, offset, length, Errno.EIO.status());
            }
        }
    }

    @Override
    public void onCanSend(final int channel)
    {
        proxy.onCanSend();
    }

    /**
     * Fault injection: while muted every control message is consumed and never answered (see the card's hang).
     *
     * @param muted true to stop answering.
     */
    public void mute(final boolean muted)
    {
        this.muted = muted;
    }

    /** Transport reset: drop split transfers in progress and answers not yet sent. */
    public void reset()
    {
        dmaXfer.clear();
        startedChunk = null;
        proxy.reset();
    }

    /** @return control messages received (not counting those swallowed while muted). */
    public long messages()
    {
        return messages;
    }

    /** @return messages answered as a whole with RESULT_FROM_DEV(UNDEFINED): framing, magic, CRC. */
    public long refusedMessages()
    {
        return refusedMessages;
    }

    /** @return transactions answered with an error. */
    public long refusedTransactions()
    {
        return errors.refusedTransactions();
    }

    /** @return messages consumed without an answer while muted. */
    public long swallowed()
    {
        return swallowed;
    }

    /** @return messages that hit a bug in the service (logged). */
    public long internalErrors()
    {
        return internalErrors;
    }

    /** @return DMA transfers split over several messages that wait for their next piece. */
    public int continuationsInProgress()
    {
        return dmaXfer.inProgress();
    }

    /**
     * @param listener told why each refused message or transaction was refused from now on (on the device thread),
     *                 {@code what: name=value}; the host gets the errno in the answer.
     */
    public void setProblemListener(final ProblemListener listener)
    {
        errors.listener(listener);
    }

    private void onWireMessage(final WireBuffer buffer, final int offset, final int length)
    {
        int status = validator.verifyFraming(buffer, offset, length, WireDirection.TO_DEV, false, error);
        if (status == 0 && firmware.crcRequired() && !isLoneStatus(buffer, offset))
        {
            status = validator.verifyCrc(
                buffer, offset, buffer.getInt(offset + WireMessageHeaderFlyweight.LEN_OFFSET), error);
        }
        if (status != 0)
        {
            refuseMessage(buffer, offset, length, status);
            return;
        }
        final int end = offset + buffer.getInt(offset + WireMessageHeaderFlyweight.LEN_OFFSET);
        final int count = buffer.getInt(offset + WireMessageHeaderFlyweight.COUNT_OFFSET);
        final int first = offset + HEADER_LENGTH;
        partitionId = buffer.getInt(offset + WireMessageHeaderFlyweight.PARTITION_ID_OFFSET);
        handle = buffer.getInt(offset + WireMessageHeaderFlyweight.HANDLE_OFFSET);
        if (count == 1)
        {
            final DmaContinuation chunk = dmaXfer.continuationOf(partitionId, handle, buffer, first);
            if (chunk != null)
            {
                onContinuation(chunk, buffer, offset, first);
                return;
            }
        }
        proxy.beginReplyTo(buffer, offset);
        if (serve(buffer, first, end, count, true) == CHUNK_STARTED)
        {
            final DmaContinuation chunk = startedChunk;
            startedChunk = null;
            proxy.beginReplyTo(buffer, offset);
            writer.appendDmaXferCont(chunk.chunkId(), chunk.xferredSize());
        }
        proxy.send(firmware.crcRequired());
    }

    /**
     * Serve {@code count} framed transactions from {@code start}, appending one answer each. Before each answer
     * the room the error answers of the remaining transactions need is kept free, so all of them get one.
     *
     * @param mayStartChunk whether a DMA piece flagged MORE may start a split transfer here.
     * @return SERVED, or CHUNK_STARTED when a DMA piece started a split transfer (in {@link #startedChunk}): the
     * answers so far and the transactions after it are saved in it and the message is answered by DMA_XFER_CONT.
     */
    private int serve(
        final WireBuffer buffer, final int start, final int end, final int count, final boolean mayStartChunk)
    {
        int budget = errorBudget(buffer, start, end, count);
        cursor.wrap(buffer, start, end, count);
        while (cursor.next())
        {
            final int type = cursor.type();
            budget -= errorAnswerLength(type);
            final int checked =
                validator.verifyTransaction(buffer, cursor.offset(), cursor.index(), WireDirection.TO_DEV, error);
            if (checked != 0)
            {
                refuse(type, checked, error.message());
                continue;
            }
            if (onTransaction(type, buffer, cursor.offset(), cursor.length(), cursor.index(), budget, mayStartChunk) ==
                CHUNK_STARTED)
            {
                startedChunk = dmaXfer.takeStarted();
                startedChunk.saveMessage(
                    proxy, buffer, cursor.offset() + cursor.length(), end, count - cursor.index() - 1);
                return CHUNK_STARTED;
            }
        }
        return SERVED;
    }

    private int onTransaction(
        final int type,
        final WireBuffer buffer,
        final int offset,
        final int length,
        final int index,
        final int budget,
        final boolean mayStartChunk)
    {
        switch (type)
        {
            case WireTypes.STATUS_TO_DEV:
                onStatus();
                break;
            case WireTypes.PASSTHROUGH_TO_DEV:
                onPassthrough(buffer, offset, length, index, budget);
                break;
            case WireTypes.DMA_XFER_TO_DEV:
                return dmaXfer.onDmaXfer(partitionId, handle, buffer, offset, mayStartChunk);
            case WireTypes.ACTIVATE_TO_DEV:
                workloads.onActivate(partitionId, handle, buffer, offset);
                break;
            case WireTypes.DEACTIVATE_TO_DEV:
                workloads.onDeactivate(partitionId, handle, buffer, offset);
                break;
            case WireTypes.TERMINATE_TO_DEV:
                workloads.onTerminate(partitionId, handle, buffer, offset);
                break;
            case WireTypes.VALIDATE_PARTITION_TO_DEV:
                partitions.onValidatePartition(partitionId, handle, buffer, offset);
                break;
            case WireTypes.PART_CREATE_TO_DEV:
                if (length == PartCreateExFlyweight.LENGTH)
                {
                    elastic.onPartCreateEx(partitionId, handle, buffer, offset);
                }
                else
                {
                    partitions.onPartCreate(partitionId, handle, buffer, offset);
                }
                break;
            case WireTypes.PART_RESIZE_TO_DEV:
                elastic.onPartResize(partitionId, handle, buffer, offset);
                break;
            case WireTypes.PART_DRAIN_TO_DEV:
                elastic.onPartDrain(partitionId, handle, buffer, offset);
                break;
            case WireTypes.PART_QUERY_EX_TO_DEV:
                elastic.onPartQueryEx(partitionId, handle, index, budget);
                break;
            case WireTypes.PART_DESTROY_TO_DEV:
                partitions.onPartDestroy(partitionId, handle, buffer, offset);
                break;
            case WireTypes.PART_QUERY_TO_DEV:
                partitions.onPartQuery(partitionId, handle, index, budget);
                break;
            case WireTypes.POOL_QUERY_TO_DEV:
                partitions.onPoolQuery(partitionId, handle);
                break;
            default:
                refuse(type, error.set(Errno.EINVAL, TransactionFraming.UNKNOWN_TYPE, index, type & 0xFFFF_FFFFL),
                    error.message());
                break;
        }
        return SERVED;
    }

    /** Through the model's allocation-free gate: STATUS is the probe and the cheapest round trip. */
    private void onStatus()
    {
        final int admitted = firmware.admit(partitionId, handle);
        if (admitted != 0)
        {
            refuse(WireTypes.STATUS_TO_DEV, admitted);
            return;
        }
        writer.appendStatus(StatusReport.VERSION_MAJOR, StatusReport.VERSION_MINOR, 0,
            firmware.crcRequired() ? StatusReport.FLAG_CRC_REQUIRED : 0);
    }

    private void onPassthrough(
        final WireBuffer buffer, final int offset, final int length, final int index, final int budget)
    {
        final int admitted = firmware.admit(partitionId, handle);
        if (admitted != 0)
        {
            refuse(WireTypes.PASSTHROUGH_TO_DEV, admitted);
            return;
        }
        if (!proxy.fits(length, budget))
        {
            refuse(WireTypes.PASSTHROUGH_TO_DEV,
                error.set(Errno.EMSGSIZE, ANSWER_TOO_LONG, index, WireTypes.PASSTHROUGH_FROM_DEV, length),
                error.message());
            return;
        }
        passthrough.wrap(buffer, offset);
        writer.appendPassthrough(buffer, passthrough.dataIndex(), passthrough.dataLength());
    }

    /** The next piece of a split transfer arrived, alone in its message. */
    private void onContinuation(
        final DmaContinuation chunk, final WireBuffer buffer, final int messageOffset, final int offset)
    {
        final int verified = validator.verifyTransaction(buffer, offset, 0, WireDirection.TO_DEV, error);
        if (verified != 0)
        {
            errors.reason(error.message());
        }
        final int status = dmaXfer.onPiece(chunk, buffer, offset, verified);
        proxy.beginReplyTo(buffer, messageOffset);
        if (status == 0 && dmaXfer.more())
        {
            writer.appendDmaXferCont(chunk.chunkId(), chunk.xferredSize());
            proxy.send(firmware.crcRequired());
            return;
        }
        chunk.restoreAnswers(proxy);
        writer.appendResult(WireTypes.DMA_XFER_TO_DEV, status);
        serve(chunk.trailing(), 0, chunk.trailingLength(), chunk.trailingCount(), false);
        dmaXfer.release(chunk);
        proxy.send(firmware.crcRequired());
    }

    /** A refusal by the model's gate: EIO (not running) or ENODEV (unknown partition). */
    private void refuse(final int type, final int status)
    {
        refuse(type, status, status == Errno.ENODEV.status() ?
            "unknown partition: partition=" + partitionId :
            error.set(errno(status), REFUSED, type, -status) == status ? error.message() : "");
    }

    private void refuse(final int type, final int status, final String reason)
    {
        errors.refuse(writer, type, status, reason);
    }

    /** The whole message cannot be served: one RESULT_FROM_DEV for UNDEFINED, with the header it has. */
    private void refuseMessage(final WireBuffer buffer, final int offset, final int length, final int status)
    {
        refusedMessages++;
        final String reason = error.message();
        errors.reason(reason);
        LOG.debug("control message refused: errno={} reason={}", -status, reason);
        if (length >= HEADER_LENGTH)
        {
            proxy.beginReplyTo(buffer, offset);
        }
        else
        {
            headerScratch.setMemory(0, HEADER_LENGTH, (byte)0);
            if (length > 0)
            {
                headerScratch.putBytes(0, buffer, offset, length);
            }
            proxy.beginReplyTo(headerScratch, 0);
        }
        writer.appendResult(WireTypes.UNDEFINED, status);
        proxy.send(firmware.crcRequired());
    }

    private static Errno errno(final int status)
    {
        final Errno errno = Errno.fromStatus(status);
        return errno == null ? Errno.EIO : errno;
    }

    private static boolean isLoneStatus(final WireBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + WireMessageHeaderFlyweight.COUNT_OFFSET) == 1 &&
            buffer.getInt(offset + HEADER_LENGTH + WireTransactionHeaderFlyweight.TYPE_OFFSET) ==
            WireTypes.STATUS_TO_DEV;
    }

    /** Gather the segments of a chained message into {@link #reassembly}. @return bytes gathered. */
    private int gather(final MessageSegments message, final int max)
    {
        int at = 0;
        for (int i = 0; i < message.count() && at < max; i++)
        {
            final int n = Math.min(message.length(i), max - at);
            reassembly.putBytes(at, regionView, message.offset(i), n);
            at += n;
        }
        return at;
    }

    private int errorBudget(final WireBuffer buffer, final int start, final int end, final int count)
    {
        int budget = 0;
        budgetCursor.wrap(buffer, start, end, count);
        while (budgetCursor.next())
        {
            budget += errorAnswerLength(budgetCursor.type());
        }
        return budget;
    }

    /** @return the length of the answer {@link WireResponseWriter#appendError} writes for a request type. */
    static int errorAnswerLength(final int requestType)
    {
        final int responseType = WireTypes.responseTypeOf(requestType);
        if (responseType == WireTypes.RESULT_FROM_DEV || WireLayouts.statusOffset(responseType) < 0)
        {
            return ResultFromDevFlyweight.LENGTH;
        }
        return WireLayouts.minLength(responseType);
    }
}

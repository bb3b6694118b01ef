package dev.shadowdev.driver.session;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.control.ControlCompletion;
import dev.shadowdev.wire.DmaXferContFlyweight;
import dev.shadowdev.wire.DmaXferSplitter;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import dev.shadowdev.wire.WireTypes;
import dev.shadowdev.wire.node.DmaXferRequestFlyweight;
import dev.shadowdev.wire.node.NodeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of a DMA_XFER too long for any wire message, sent in pieces under one chunk id the way qaic does
 * ({@link DmaXferSplitter}, ABI.md section 3): every piece travels alone in its message; the firmware answers a
 * piece flagged MORE with a lone DMA_XFER_CONT (checked against the chunk id and the bytes sent so far) and the
 * last piece with the answer to the whole transfer. A continuation that does not check out is aborted
 * (DMA_XFER_TO_DEV without pairs, answer discarded) and the transfer fails with EIO.
 * <p>
 * States, with their transition table and one gate ({@link #setState}), like {@link SessionState}:
 * <pre>
 *   IDLE       no split transfer                       -> MORE_SENT, LAST_SENT
 *   MORE_SENT  a piece flagged MORE is out             -> MORE_SENT, LAST_SENT (next piece), IDLE (answer, failure)
 *   LAST_SENT  the last piece is out                   -> IDLE (its answer, failure)
 * </pre>
 * Owned by the session's processing; allocation-free.
 */
final class DmaXferContinuation
{
    /** {@link #onAnswer}: the message answers the transfer; translate it. */
    static final int FINAL = 0;
    /** {@link #onAnswer}: the next piece is in the scratch's writer; submit it. */
    static final int NEXT = 1;
    /** {@link #onAnswer}: the transfer is given up; fail the batch with EIO (its outcome is unknown). */
    static final int FAILED = 2;

    static final int IDLE = 0;
    static final int MORE_SENT = 1;
    static final int LAST_SENT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(DmaXferContinuation.class);
    private static final String[] NAMES = { "IDLE", "MORE_SENT", "LAST_SENT" };
    private static final int[] ALLOWED = {
        bits(MORE_SENT, LAST_SENT),
        bits(MORE_SENT, LAST_SENT, IDLE),
        bits(IDLE),
    };

    private final HandlerSupport support;
    private final DmaStaging staging;
    private final DmaXferSplitter splitter = new DmaXferSplitter();
    private final TransactionCursor cursor = new TransactionCursor();
    private final WireError error = new WireError();
    private final ControlCompletion discard;
    private int state = IDLE;
    private int nextChunkId = 1;

    DmaXferContinuation(final HandlerSupport support, final DmaStaging staging)
    {
        this.support = support;
        this.staging = staging;
        this.discard = (status, message) -> support.services.client().release(message);
    }

    /** @return true while a split transfer is out. */
    boolean active()
    {
        return state != IDLE;
    }

    /**
     * The request's next transaction is a DMA_XFER too long for one message: stage it and append its first piece,
     * under a fresh chunk id, to the batch's empty message, which takes nothing else.
     *
     * @return {@link TransactionHandler#ADDED}, or a negative errno to answer it with (nothing held).
     */
    int start(final RequestContext ctx, final WireBatch batch)
    {
        final int slot = ctx.intField(DmaXferRequestFlyweight.SLOT_OFFSET);
        final int dataLen = ctx.intField(DmaXferRequestFlyweight.DATA_LEN_OFFSET);
        final long offset = ctx.longField(DmaXferRequestFlyweight.SLOT_OFFSET_FIELD_OFFSET);
        final long address = staging.stage(ctx, ctx.index(DmaXferRequestFlyweight.DATA_OFFSET), dataLen);
        if (address < 0)
        {
            return (int)address;
        }
        final int chunkId = nextChunkId;
        nextChunkId = nextChunkId == Integer.MAX_VALUE ? 1 : nextChunkId + 1;
        splitter.reset(slot, chunkId, offset == 0, staging.pairAddress(), staging.pairSize(), staging.pairCount());
        if (splitter.appendNext(batch.writer(), 0) < 0)
        {
            staging.free(address);
            LOG.warn("transaction refused: reason=transfer does not fit type=DMA_XFER slot={} pairs={}",
                slot & 0xFFFF_FFFFL, staging.pairCount());
            return Errno.EMSGSIZE.status();
        }
        batch.dmaXfer(batch.add(NodeTypes.DMA_XFER), slot, offset + dataLen, address);
        batch.closeToMore();
        setState(splitter.isDone() ? LAST_SENT : MORE_SENT);
        return TransactionHandler.ADDED;
    }

    /**
     * The firmware answered the piece that is out.
     *
     * @return {@link #FINAL} (back to IDLE), {@link #NEXT} (the next piece is in {@code scratch}) or
     *     {@link #FAILED} (back to IDLE; an abort went out when the continuation did not check out).
     */
    int onAnswer(final WireBuffer m, final MessageScratch scratch)
    {
        if (state != MORE_SENT || !isLoneContinuation(m))
        {
            setState(IDLE);
            return FINAL;
        }
        final int checked = splitter.checkContinue(m, cursor.offset(), error);
        final int chunkId = m.getInt(cursor.offset() + DmaXferContFlyweight.DMA_CHUNK_ID_OFFSET);
        final WireRequestWriter writer = scratch.writer;
        writer.wrap(scratch.message, 0, support.services.options().maxWireMessageBytes());
        writer.begin(0, 0, WireMessageHeaderFlyweight.NO_PARTITION);
        if (checked != 0)
        {
            support.services.counters().increment(Counter.CONTROL_PROTOCOL_ERRORS);
            LOG.warn("dma continuation refused: {} handle={}", error.message(), support.session.handle());
            splitter.appendAbort(writer);
            support.services.client().submit(writer, support.session.handle(), support.session.partitionId(),
                discard, support.services.options().controlTimeoutNanos());
            setState(IDLE);
            return FAILED;
        }
        if (splitter.appendNext(writer, 0) < 0)
        {
            LOG.warn("dma continuation not built: dma_chunk_id={} handle={}", chunkId, support.session.handle());
            setState(IDLE);
            return FAILED;
        }
        setState(splitter.isDone() ? LAST_SENT : MORE_SENT);
        return NEXT;
    }

    /** The piece out got no answer, or the batch failed: the transfer is over. */
    void end()
    {
        if (state != IDLE)
        {
            setState(IDLE);
        }
    }

    int state()
    {
        return state;
    }

    static String name(final int state)
    {
        return state >= 0 && state < NAMES.length ? NAMES[state] : "UNKNOWN";
    }

    private boolean isLoneContinuation(final WireBuffer m)
    {
        cursor.wrapWireMessage(m, 0);
        return m.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET) == 1 && cursor.next() &&
            cursor.type() == WireTypes.DMA_XFER_CONT;
    }

    private void setState(final int next)
    {
        if ((ALLOWED[state] & (1 << next)) == 0)
        {
            LOG.error("dma continuation state refused: from={} to={} handle={}", name(state), name(next),
                support.session.handle());
            return;
        }
        state = next;
    }

    private static int bits(final int... states)
    {
        int bits = 0;
        for (final int s : states)
        {
            bits |= 1 << s;
        }
        return bits;
    }
}

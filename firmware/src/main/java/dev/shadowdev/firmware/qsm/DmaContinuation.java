package dev.shadowdev.firmware.qsm;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card side of one DMA transfer split over several messages (qaic's DMA continuation, ABI.md section 3): who
 * it belongs to, where it goes, how far it got, and the rest of the message its first piece came in. That message
 * is answered only when the last piece arrives: the answers to the transactions before the first piece are kept
 * here ({@link #saveMessage}), and the transactions after it are kept to be served then (they usually ACTIVATE the
 * image being loaded). Every later piece arrives alone in its message.
 * <p>
 * States, with their transition table and one gate ({@link #setState}; a refused change is a bug and throws):
 * <pre>
 *   FREE       not in use                                      -> RECEIVING (a piece flagged MORE started it)
 *   RECEIVING  waiting for the next piece under its chunk id   -> RECEIVING (a piece flagged MORE), FREE (the
 *                                                                 last piece, a failed piece, an abort, TERMINATE,
 *                                                                 the partition destroyed, a transport reset)
 * </pre>
 * Mutable, reused; the saved buffers grow when a message needs more than ever before. Not thread-safe: owned by
 * {@link DmaContinuations} on the device thread.
 */
final class DmaContinuation
{
    static final int FREE = 0;
    static final int RECEIVING = 1;

    private static final Logger LOG = LoggerFactory.getLogger(DmaContinuation.class);
    private static final int INITIAL_CAPACITY = 1024;
    private static final String[] NAMES = { "FREE", "RECEIVING" };
    private static final int[] ALLOWED = { 1 << RECEIVING, 1 << RECEIVING | 1 << FREE };

    private int state = FREE;
    private int partitionId;
    private int handle;
    private int chunkId;
    private int slot;
    private int startLength;
    private long xferredSize;
    private WireBuffer answers = new WireBuffer(new byte[INITIAL_CAPACITY]);
    private int answersLength;
    private WireBuffer trailing = new WireBuffer(new byte[INITIAL_CAPACITY]);
    private int trailingLength;
    private int trailingCount;

    /** FREE -> RECEIVING for the key, nothing received or saved yet. */
    void claim(final int partitionId, final int handle, final int chunkId)
    {
        setState(FREE, RECEIVING);
        this.partitionId = partitionId;
        this.handle = handle;
        this.chunkId = chunkId;
        this.xferredSize = 0;
        this.answersLength = 0;
        this.trailingLength = 0;
        this.trailingCount = 0;
    }

    /**
     * The first piece was loaded.
     *
     * @param startLength the slot's length before the chunk: where an abort or a failed piece cuts it back to.
     * @param bytes       what the first piece carried.
     */
    void started(final int slot, final int startLength, final long bytes)
    {
        this.slot = slot;
        this.startLength = startLength;
        this.xferredSize = bytes;
    }

    /** A later piece of {@code bytes} was loaded (RECEIVING -> RECEIVING). */
    void received(final long bytes)
    {
        setState(RECEIVING, RECEIVING);
        xferredSize += bytes;
    }

    /** The transfer is over, whichever way (-> FREE). */
    void release()
    {
        if (state != FREE)
        {
            setState(state, FREE);
        }
    }

    boolean inUse()
    {
        return state == RECEIVING;
    }

    boolean is(final int partitionId, final int handle, final int chunkId)
    {
        return inUse() && this.chunkId == chunkId && ownedBy(partitionId, handle);
    }

    boolean ownedBy(final int partitionId, final int handle)
    {
        return this.partitionId == partitionId && this.handle == handle;
    }

    boolean inPartition(final int partitionId)
    {
        return this.partitionId == partitionId;
    }

    /**
     * Keep the first message's answers so far (the answer being built by {@code proxy}) and its transactions after
     * the first piece, {@code count} of them from {@code from} to {@code end} in {@code buffer}.
     */
    void saveMessage(
        final QsmResponseProxy proxy, final WireBuffer buffer, final int from, final int end, final int count)
    {
        final int answerBytes = proxy.writer().length() - WireMessageHeaderFlyweight.LENGTH;
        final int trailingBytes = end - from;
        if (answers.capacity() < answerBytes)
        {
            answers = new WireBuffer(new byte[answerBytes]);
        }
        if (trailing.capacity() < trailingBytes)
        {
            trailing = new WireBuffer(new byte[trailingBytes]);
        }
        answersLength = proxy.saveAnswers(answers);
        trailing.putBytes(0, buffer, from, trailingBytes);
        trailingLength = trailingBytes;
        trailingCount = count;
        LOG.debug("dma chunk started: partition={} handle={} dma_chunk_id={} slot={} bytes={} deferred={}",
            partitionId, handle, chunkId, slot, xferredSize, count);
    }

    /** Put the saved answers back at the start of the answer {@code proxy} builds to the last piece. */
    void restoreAnswers(final QsmResponseProxy proxy)
    {
        proxy.restoreAnswers(answers, answersLength);
    }

    /** @return the first message's transactions after the first piece (serve {@link #trailingCount()}). */
    WireBuffer trailing()
    {
        return trailing;
    }

    int trailingLength()
    {
        return trailingLength;
    }

    int trailingCount()
    {
        return trailingCount;
    }

    int state()
    {
        return state;
    }

    int partitionId()
    {
        return partitionId;
    }

    int handle()
    {
        return handle;
    }

    int chunkId()
    {
        return chunkId;
    }

    int slot()
    {
        return slot;
    }

    int startLength()
    {
        return startLength;
    }

    /** @return bytes of the chunk received so far: what DMA_XFER_CONT reports. */
    long xferredSize()
    {
        return xferredSize;
    }

    static String name(final int state)
    {
        return state >= 0 && state < NAMES.length ? NAMES[state] : "UNKNOWN";
    }

    /** The one gate: from {@code expected} (the state the event needs) to {@code next}, when the table allows it. */
    private void setState(final int expected, final int next)
    {
        if (state != expected || (ALLOWED[state] & (1 << next)) == 0)
        {
            throw new IllegalStateException(
                "dma continuation state refused: from=" + name(state) + " to=" + name(next) + " dma_chunk_id=" +
                (chunkId & 0xFFFF_FFFFL));
        }
        state = next;
    }
}

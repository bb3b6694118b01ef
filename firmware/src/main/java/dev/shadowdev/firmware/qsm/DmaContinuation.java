package dev.shadowdev.firmware.qsm;

import dev.shadowdev.wire.WireBuffer;

/**
 * One DMA transfer split over several messages (qaic's DMA continuation) while its pieces arrive: who it belongs
 * to, where it goes, how far it got, and the rest of the message its first piece came in. That message is
 * answered only when the last piece arrives: the answers to the transactions before the first piece are kept
 * here, and the transactions after it are kept to be served then (they usually ACTIVATE the image being loaded).
 * Mutable, reused. Not thread-safe: owned by {@link DmaContinuations}.
 */
final class DmaContinuation
{
    private static final int INITIAL_CAPACITY = 1024;

    boolean inUse;
    int partitionId;
    int handle;
    int chunkId;
    int slot;
    /** The slot's length before the chunk: where an abort or a failed piece cuts it back to. */
    int startLength;
    /** Bytes of the chunk received so far: what DMA_XFER_CONT reports. */
    long xferredSize;
    /** Answers to the first message's transactions before the first piece. */
    WireBuffer answers = new WireBuffer(new byte[INITIAL_CAPACITY]);
    int answersLength;
    /** The first message's transactions after the first piece, to serve with the last piece. */
    WireBuffer trailing = new WireBuffer(new byte[INITIAL_CAPACITY]);
    int trailingLength;
    int trailingCount;

    boolean ownedBy(final int partitionId, final int handle)
    {
        return this.partitionId == partitionId && this.handle == handle;
    }

    /** Make room for {@code answerBytes} of saved answers and {@code trailingBytes} of saved transactions. */
    void ensureCapacity(final int answerBytes, final int trailingBytes)
    {
        if (answers.capacity() < answerBytes)
        {
            answers = new WireBuffer(new byte[answerBytes]);
        }
        if (trailing.capacity() < trailingBytes)
        {
            trailing = new WireBuffer(new byte[trailingBytes]);
        }
    }
}

package dev.shadowdev.driver.session;

import dev.shadowdev.wire.WireBuffer;

/**
 * What the host does for one node transaction type that travels on CONTROL, in three steps, each given the request
 * and the batch explicitly:
 * <ul>
 *   <li><b>encode</b>: {@link #refuse} checks the rules the driver enforces itself (nothing is sent for a refused
 *   transaction); {@link #encode} stages what travels by reference and appends the wire transaction to the batch's
 *   message, or says it has no room so the batch is sent first.</li>
 *   <li><b>decode</b>: {@link #decode} turns the firmware's answer into the node response transaction and applies
 *   what it means to the driver's state.</li>
 *   <li><b>settle</b>: what an entry the firmware never answered gives back: {@link #settleRefused} when it
 *   certainly did not act on it, {@link #settleUnknown} when the outcome is unknown (timeout, reset).</li>
 * </ul>
 * One instance per type and session, found in {@link TransactionHandlers} (the one dispatch place). EXECUTE is not
 * one of them: it goes on its DBC ({@link ExecuteStep}). Implementations allocate nothing.
 */
interface TransactionHandler
{
    /** {@link #encode}: the transaction was appended. */
    int ADDED = 1;
    /** {@link #encode}: the message has no room for it: send the batch first (or split, when the batch is empty). */
    int NO_ROOM = 0;
    /** {@link #encode}: the handler answered the transaction itself, nothing was sent (it needs an empty batch). */
    int ANSWERED = 2;

    /** @return the node transaction type handled. */
    int nodeType();

    /** @return the wire type the firmware answers this transaction with. */
    int answerType();

    /**
     * The driver's own rules for the request's next transaction.
     *
     * @return 0, or the negative errno to answer it with (nothing is sent).
     */
    default int refuse(final RequestContext ctx)
    {
        return 0;
    }

    /** @return true when the next transaction may not join the (non-empty) batch: send the batch first. */
    default boolean conflicts(final RequestContext ctx, final WireBatch batch)
    {
        return false;
    }

    /**
     * Append the request's next transaction to the batch's message (which is not {@link WireBatch#full full}).
     *
     * @return {@link #ADDED} (an entry was added), {@link #NO_ROOM}, {@link #ANSWERED}, or a negative errno to answer
     *     it with (nothing held).
     */
    int encode(RequestContext ctx, WireBatch batch);

    /**
     * The firmware's answer of type {@link #answerType()} to batch entry {@code entry}: append the node response.
     *
     * @param offset where the wire answer transaction starts in {@code answer}.
     */
    void decode(RequestContext ctx, WireBatch batch, int entry, WireBuffer answer, int offset);

    /** @return the status to answer with when the firmware refused the entry with {@code status}. */
    default int refusalStatus(final int status)
    {
        return status;
    }

    /** The firmware certainly did not act on the entry: give back what it held, nothing else changes. */
    default void settleRefused(final WireBatch batch, final int entry)
    {
    }

    /** The entry's outcome is unknown (no answer came). */
    default void settleUnknown(final WireBatch batch, final int entry)
    {
    }
}

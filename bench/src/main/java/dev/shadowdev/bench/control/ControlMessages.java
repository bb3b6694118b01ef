package dev.shadowdev.bench.control;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;

/**
 * The two requests the control round trip benchmark sends, built the same way for both sides so the baseline moves
 * the same bytes: a header-only STATUS (40 bytes) and a PASSTHROUGH of 64 data bytes (104 bytes), CRC stamped.
 */
final class ControlMessages
{
    /** STATUS_TO_DEV. */
    static final int STATUS = 0;
    /** PASSTHROUGH_TO_DEV of {@link #PASSTHROUGH_BYTES}. */
    static final int PASSTHROUGH = 1;
    /** Data bytes of the PASSTHROUGH request. */
    static final int PASSTHROUGH_BYTES = 64;
    /** Length of the STATUS answer: header + STATUS_FROM_DEV. */
    static final int STATUS_ANSWER_LENGTH = WireMessageHeaderFlyweight.LENGTH + 24;

    /** Busy-spins before a waiting thread yields. */
    private static final int SPINS = 100;

    private static final WireBuffer DATA = new WireBuffer(new byte[PASSTHROUGH_BYTES]);

    private ControlMessages()
    {
    }

    /**
     * Build request {@code kind} with sequence number {@code sequence} where the writer is wrapped.
     *
     * @return the message length.
     */
    static int build(final WireRequestWriter writer, final int kind, final int sequence)
    {
        writer.begin(sequence, 0, WireMessageHeaderFlyweight.NO_PARTITION);
        if (kind == STATUS)
        {
            writer.appendStatus();
        }
        else
        {
            writer.appendPassthrough(DATA, 0, PASSTHROUGH_BYTES);
        }
        return writer.finish(true);
    }

    /**
     * How every waiting thread of the benchmark idles: spin a little, then yield, so a two-core machine can still
     * run the JIT and the other side when a third thread wants a core.
     *
     * @param idlePolls polls in a row that found nothing.
     */
    static void idle(final int idlePolls)
    {
        if (idlePolls < SPINS)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }

    /** @return the length of the answer to request {@code kind}: the same as the request for PASSTHROUGH. */
    static int answerLength(final int kind)
    {
        return kind == STATUS ? STATUS_ANSWER_LENGTH :
            WireMessageHeaderFlyweight.LENGTH + 8 + PASSTHROUGH_BYTES;
    }
}

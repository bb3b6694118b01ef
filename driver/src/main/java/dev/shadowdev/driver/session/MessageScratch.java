package dev.shadowdev.driver.session;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireRequestWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where the thread running a session builds a wire message: a 64 KiB buffer and a writer, one per thread that ever
 * runs a session (FUSE threads, the thread running the card, the driver's timer), made on its first run. A message
 * is built and submitted within one run (the control client copies it into host memory), so a run never leaves
 * anything in it; a run nested on the same thread (a completion inside the card's interrupt) starts after the outer
 * run submitted, so the two never overlap.
 */
final class MessageScratch
{
    private static final ThreadLocal<MessageScratch> CURRENT = ThreadLocal.withInitial(MessageScratch::new);

    final WireBuffer message = new WireBuffer(
        ByteBuffer.allocate(WireDirection.TO_DEV.maxLength()).order(ByteOrder.LITTLE_ENDIAN));
    final WireRequestWriter writer = new WireRequestWriter();

    private MessageScratch()
    {
    }

    /** @return this thread's scratch. */
    static MessageScratch current()
    {
        return CURRENT.get();
    }
}

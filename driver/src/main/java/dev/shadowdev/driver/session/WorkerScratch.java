package dev.shadowdev.driver.session;

import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireRequestWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the thread running a session lends it (a worker its own, a caller one of the scheduler's spares): a 64 KiB
 * buffer and a writer to build a wire message in. A message is built and submitted within one run (the control
 * client copies it into host memory), so the scratch never outlives the run.
 */
public final class WorkerScratch
{
    final WireBuffer message = new WireBuffer(
        ByteBuffer.allocate(WireDirection.TO_DEV.maxLength()).order(ByteOrder.LITTLE_ENDIAN));
    final WireRequestWriter writer = new WireRequestWriter();
}

package dev.shadowdev.wire;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import dev.shadowdev.wire.node.ManageMessageValidator;
import dev.shadowdev.wire.node.ManageMessageWriter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fast paths allocate nothing: encode with CRC, verify with CRC, walk, reject (reason recorded, not formatted),
 * node validation. Measured with the thread allocation counter of HotSpot.
 */
class NoAllocationTest
{
    private static final int ROUNDS = 20_000;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final WireBuffer buffer = new WireBuffer(ByteBuffer.allocateDirect(8192));
    private final WireBuffer nodeBuffer = new WireBuffer(new byte[4096]);
    private final WireRequestWriter request = new WireRequestWriter();
    private final WireResponseWriter response = new WireResponseWriter();
    private final WireMessageValidator validator = new WireMessageValidator();
    private final ManageMessageValidator nodeValidator = new ManageMessageValidator();
    private final ManageMessageWriter nodeWriter = new ManageMessageWriter();
    private final TransactionCursor cursor = new TransactionCursor();
    private final DmaXferSplitter splitter = new DmaXferSplitter();
    private final WireError error = new WireError();
    private final long[] addrs = {0x1000, 0x2000, 0x3000};
    private final long[] sizes = {0x100, 0x100, 0x100};
    private long sink;

    @Test
    void encodeVerifyWalkAndRejectAllocateNothing()
    {
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < ROUNDS; i++)
        {
            round(i);
        }
        sink += threads.getCurrentThreadAllocatedBytes();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < ROUNDS; i++)
        {
            round(i);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // One allocation per round would be at least 16 x ROUNDS bytes; the harness may allocate a few bytes once.
        assertTrue(allocated < 1024, allocated + " bytes allocated over " + ROUNDS + " rounds");
        assertNotEquals(0, sink);
    }

    private void round(final int i)
    {
        request.wrap(buffer, 0, 4096).begin(i, 2, 3);
        request.appendStatus();
        request.appendTerminate(i);
        splitter.reset(1, 9, true, addrs, sizes, 3).appendNext(request, 0);
        final int length = request.finish(true);
        sink += validator.verify(buffer, 0, length, WireDirection.TO_DEV, true, error);
        cursor.wrapWireMessage(buffer, 0);
        while (cursor.next())
        {
            sink += cursor.type();
        }

        response.wrap(buffer, 4096, 4096).beginReplyTo(buffer, 0);
        response.appendError(WireTypes.PASSTHROUGH_TO_DEV, -5);
        response.appendStatus(5, 0, 0, 1);
        final int answer = response.finish(true);
        sink += validator.verify(buffer, 4096, answer, WireDirection.FROM_DEV, true, error);

        buffer.putInt(4096 + WireMessageHeaderFlyweight.CRC32_OFFSET, i);
        sink += validator.verify(buffer, 4096, answer, WireDirection.FROM_DEV, true, error);
        sink += error.arg(0);

        nodeWriter.wrap(nodeBuffer, 0, 4096).begin(i);
        nodeWriter.appendStatus();
        nodeWriter.appendExecute(1, buffer, 0, 13);
        final int nodeLength = nodeWriter.finish();
        sink += nodeValidator.validate(nodeBuffer, 0, nodeLength, error);
        sink += nodeValidator.validate(nodeBuffer, 0, nodeLength - 8, error);
    }
}

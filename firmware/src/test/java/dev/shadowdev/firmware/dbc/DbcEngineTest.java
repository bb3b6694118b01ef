package dev.shadowdev.firmware.dbc;

import dev.shadowdev.dbc.DbcRequestDescriptor;
import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.DbcQueue;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The DBC register protocol, element checks and unbinding, against the real transport driven by hand. */
class DbcEngineTest
{
    private static final int BASE = -1;
    private static final int H = 4;

    private final TestHost test = TestHost.manual(CardOptions.defaults());
    private final DbcEngine engine = test.card.dbcEngine();
    private final ByteBuffer memory = test.memory.byteBuffer();

    @AfterEach
    void close()
    {
        test.close();
    }

    @Test
    void activateZeroesTheRegistersAndOneDoorbellServesABatchWithOneInterrupt()
    {
        for (int register = 0; register < 16; register += 4)
        {
            test.registers.dbcStore(0, register, 3);
        }
        final DbcQueue queue = activate(8, 256);
        for (int register = 0; register < 16; register += 4)
        {
            assertEquals(0, test.registers.dbcRead(0, register));
        }

        for (int i = 0; i < 5; i++)
        {
            queue.put(100 + i, new byte[]{ (byte)i, 1, 2 }, 256);
        }
        queue.ring();
        test.card.doWork();

        assertEquals(5, test.registers.dbcRead(0, DbcRegs.REQ_HEAD));
        assertEquals(5, test.registers.dbcRead(0, DbcRegs.RSP_TAIL));
        assertEquals(1, test.dbcInterrupts.get(1));
        assertEquals(List.of("100:0", "101:0", "102:0", "103:0", "104:0"), queue.takeResponses());
        assertArrayEquals(new byte[]{ 4, 1, 2 }, queue.output(4));
        assertEquals(3, queue.lengthWord(4));
        assertEquals(5, engine.served());
    }

    @Test
    void malformedElementsAreAnsweredWithEinvalAndNothingIsWritten()
    {
        final DbcQueue queue = activate(8, 64);
        final int src = queue.put(1, new byte[8], 64);
        memory.putLong(queue.elementOffset(src) + DbcRequestDescriptor.SRC_ADDR_OFFSET, test.region.end() - 4);
        final int dest = queue.put(2, new byte[8], 64);
        memory.putLong(queue.elementOffset(dest) + DbcRequestDescriptor.DEST_ADDR_OFFSET, 0L);
        queue.put(3, new byte[65], 64);
        final int cmd = queue.put(4, new byte[8], 64);
        memory.put(queue.elementOffset(cmd) + DbcRequestDescriptor.CMD_OFFSET, (byte)DbcRequestDescriptor.CMD_INBOUND);
        final int db = queue.put(5, new byte[8], 64);
        memory.put(queue.elementOffset(db) + DbcRequestDescriptor.DB_LEN_OFFSET, (byte)16);
        queue.put(6, new byte[8], 4);
        queue.ring();

        assertEquals(List.of("1:22", "2:22", "3:22", "4:22", "5:22", "6:75"), queue.awaitResponses(6));
        for (int i = 0; i < 6; i++)
        {
            assertEquals(-1, queue.lengthWord(i));
        }
        assertEquals(6, engine.refused());
        assertEquals("dbc request refused: dbc=0 req_id=6 errno=75", test.dbcProblems.last());
    }

    @Test
    void theExactReasonOfASourceOutsideHostMemory()
    {
        final DbcQueue queue = activate(4, 64);
        final int src = queue.put(7, new byte[8], 64);
        memory.putLong(queue.elementOffset(src) + DbcRequestDescriptor.SRC_ADDR_OFFSET, 0x10L);
        queue.ring();

        assertEquals(List.of("7:22"), queue.awaitResponses(1));
        assertEquals("dbc request src outside host memory: dbc=0 req_id=7 src_addr=0x10 len=8", test.dbcProblems.last());
    }

    @Test
    void aFullResponseQueueStopsTheDeviceUntilTheHostAdvancesRspHead()
    {
        final DbcQueue queue = activate(4, 64);
        for (int i = 0; i < 3; i++)
        {
            queue.put(i, new byte[]{ 9 }, 64);
        }
        queue.ring();
        test.card.doWork();
        for (int i = 3; i < 6; i++)
        {
            queue.put(i, new byte[]{ 9 }, 64);
        }
        queue.ring();
        test.card.doWork();
        test.card.doWork();

        assertEquals(3, test.registers.dbcRead(0, DbcRegs.RSP_TAIL));
        assertEquals(3, test.registers.dbcRead(0, DbcRegs.REQ_HEAD));
        assertEquals(List.of("0:0", "1:0", "2:0"), queue.takeResponses());
        test.card.doWork();

        assertEquals(List.of("3:0", "4:0", "5:0"), queue.takeResponses());
        assertEquals(2, test.registers.dbcRead(0, DbcRegs.REQ_HEAD));
    }

    @Test
    void aDoorbellOutsideTheQueueIsIgnoredAndCounted()
    {
        activate(4, 64);
        test.registers.dbcWrite(0, DbcRegs.REQ_TAIL, 4);
        test.card.doWork();

        assertEquals(1, engine.badDoorbells());
        assertEquals("bad dbc doorbell: dbc=0 req_tail=4 req_q_size=4", test.dbcProblems.last());
        assertEquals(0, test.registers.dbcRead(0, DbcRegs.RSP_TAIL));
    }

    @Test
    void anUnboundDbcIgnoresDoorbellsAfterDeactivate()
    {
        final DbcQueue queue = activate(4, 64);
        test.begin(H, BASE).appendDeactivate(0);
        assertEquals(List.of("DEACTIVATE_FROM_DEV 0"), test.call().describe());

        queue.put(1, new byte[4], 64);
        queue.ring();
        test.registers.dbcWrite(5, DbcRegs.REQ_TAIL, 1);
        test.card.doWork();

        assertEquals(List.of(), queue.takeResponses());
        assertEquals(2, engine.ignoredDoorbells());
        assertEquals(0, test.registers.dbcRead(0, DbcRegs.REQ_HEAD));
    }

    @Test
    void aWorkloadTheModelNoLongerServesIsAnsweredWithTheModelsErrno()
    {
        final DbcQueue queue = activate(4, 64);
        test.card.firmware().crash();
        queue.put(1, new byte[4], 64);
        queue.ring();

        assertEquals(List.of("1:5"), queue.awaitResponses(1));
        assertEquals(-1, queue.lengthWord(0));
    }

    @Test
    void servingRequestsAllocatesNothing()
    {
        final DbcQueue queue = activate(128, 256);
        final byte[] input = new byte[200];
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 30 && best != 0; round++)
        {
            for (int i = 0; i < 100; i++)
            {
                queue.put(i, input, 256);
            }
            queue.ring();
            final long before = threads.getThreadAllocatedBytes(thread);
            final int served = engine.doWork() + engine.doWork();
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertEquals(100, served);
            queue.takeResponses();
            if (round >= 10)
            {
                best = Math.min(best, allocated);
            }
        }
        assertEquals(0, best);
    }

    /** ACTIVATE an echo workload on queues of {@code size} elements; @return the host side of its DBC. */
    private DbcQueue activate(final int size, final int bufLen)
    {
        final byte[] image = new WorkloadImageWriter().name("echo").needs(1, 4096, 0, 0, 1)
            .op(WorkloadOp.ECHO).toBytes();
        final long at = test.put(image);
        final DbcQueue queue = new DbcQueue(test, size, 256);
        final WireRequestWriter writer = test.begin(H, BASE);
        writer.appendDmaXfer(0, 0, 0, new long[]{ at }, new long[]{ image.length }, 0, 1);
        queue.appendActivate(writer, 0, bufLen);
        final Answer answer = test.call();
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), answer.describe());
        return queue.dbc(answer.getInt(1, ActivateFromDevFlyweight.DBC_ID_OFFSET));
    }
}

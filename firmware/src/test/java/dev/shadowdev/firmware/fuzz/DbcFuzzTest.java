package dev.shadowdev.firmware.fuzz;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.dbc.DbcRequestDescriptor;
import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.firmware.dbc.DbcEngine;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.DbcQueue;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.testkit.FuzzRun;
import dev.shadowdev.wire.ActivateFromDevFlyweight;
import dev.shadowdev.wire.DmaXferFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The DMA bridge rings under corrupt elements and doorbells beyond the queues, driven by hand. An ECHO workload is
 * bound to a queue of 8 elements; each case either corrupts one request element (cmd, len, src/dest/db addresses
 * inside, outside or straddling host memory, capacity, db_len) or rings a doorbell the engine cannot answer
 * (REQ_TAIL or RSP_HEAD outside the queue, a DBC nobody bound). The expected response status of a corrupt element
 * is computed here from the rules of the {@code firmware.dbc} package comment, independently of the engine: exactly
 * one response per element, the status named, output and length word written only on success. A bad doorbell is
 * ignored and counted. After every case a good element is served with the right output.
 */
class DbcFuzzTest
{
    private static final Logger LOG = FuzzRun.logger(DbcFuzzTest.class);
    private static final int CI_CASES = 2000;
    private static final int QUEUE = 8;
    private static final int AREA = 256;
    private static final int SANDBOX = 8192;
    private static final int REQUIRED = DbcEngine.REQUIRED_CMD;
    private static final int EINVAL = Errno.EINVAL.value();
    private static final int EOVERFLOW = Errno.EOVERFLOW.value();

    private TestHost test;
    private SharedRegion region;
    private ByteBuffer memory;
    private DbcQueue queue;
    private long sandbox;
    private int reqId;

    @Test
    void corruptElementsGetExactlyTheirStatusAndBadDoorbellsAreIgnored()
    {
        final FuzzRun run = FuzzRun.of("dbc", CI_CASES);
        final Map<String, Integer> outcomes = new TreeMap<>();
        try (TestHost host = TestHost.manual(CardOptions.defaults()))
        {
            test = host;
            region = host.region;
            memory = region.buffer();
            queue = activateEcho();
            sandbox = host.alloc(SANDBOX);
            for (int i = 0; i < run.cases(); i++)
            {
                final SplittableRandom random = run.random(i);
                try
                {
                    outcomes.merge(fuzz(random), 1, Integer::sum);
                    final byte[] input = bytes(random, 1 + random.nextInt(AREA));
                    final int index = queue.put(next(), input, AREA);
                    queue.ring();
                    assertEquals(List.of(reqId + ":0"), queue.awaitResponses(1), "a good element after the case");
                    assertArrayEquals(input, queue.output(index));
                }
                catch (final AssertionError ex)
                {
                    throw new AssertionError(run.describe(i) + ": " + ex.getMessage(), ex);
                }
            }
            LOG.info("{} outcomes={} served={} refused={} bad_doorbells={} ignored_doorbells={}", run, outcomes,
                host.card.dbcEngine().served(), host.card.dbcEngine().refused(),
                host.card.dbcEngine().badDoorbells(), host.card.dbcEngine().ignoredDoorbells());
        }
    }

    private String fuzz(final SplittableRandom random)
    {
        final DbcEngine engine = test.card.dbcEngine();
        switch (random.nextInt(5))
        {
            case 0:
            {
                final long bad = engine.badDoorbells();
                test.registers.dbcWrite(queue.dbc(), DbcRegs.REQ_TAIL, outsideQueue(random));
                test.settle();
                assertEquals(bad + 1, engine.badDoorbells(), "REQ_TAIL outside the queue is counted");
                assertEquals(List.of(), queue.takeResponses());
                return "bad REQ_TAIL ignored";
            }
            case 1:
            {
                final long bad = engine.badDoorbells();
                final int good = test.registers.dbcRead(queue.dbc(), DbcRegs.RSP_TAIL);
                test.registers.dbcWrite(queue.dbc(), DbcRegs.RSP_HEAD, outsideQueue(random));
                final int index = queue.put(next(), new byte[]{1, 2, 3}, AREA);
                queue.ring();
                test.settle();
                assertEquals(bad + 1, engine.badDoorbells(), "RSP_HEAD outside the queue is counted");
                assertEquals(List.of(), queue.takeResponses(), "nothing served past a bad RSP_HEAD");
                test.registers.dbcWrite(queue.dbc(), DbcRegs.RSP_HEAD, good);
                assertEquals(List.of(reqId + ":0"), queue.awaitResponses(1), "served once RSP_HEAD is good again");
                assertArrayEquals(new byte[]{1, 2, 3}, queue.output(index));
                return "bad RSP_HEAD ignored";
            }
            case 2:
            {
                final long ignored = engine.ignoredDoorbells();
                int dbc = random.nextInt(DbcRegs.DBC_COUNT);
                dbc = dbc == queue.dbc() ? (dbc + 1) % DbcRegs.DBC_COUNT : dbc;
                test.registers.dbcWrite(dbc, DbcRegs.REQ_TAIL, random.nextInt(QUEUE));
                test.settle();
                assertEquals(ignored + 1, engine.ignoredDoorbells(), "doorbell on unbound dbc=" + dbc);
                return "unbound dbc ignored";
            }
            default:
                return corruptElement(random);
        }
    }

    private String corruptElement(final SplittableRandom random)
    {
        final byte[] input = bytes(random, 1 + random.nextInt(AREA));
        final int index = queue.put(next(), input, AREA);
        final int at = queue.elementOffset(index);
        if (random.nextInt(3) == 0)
        {
            memory.put(at + DbcRequestDescriptor.CMD_OFFSET, (byte)random.nextInt(256));
        }
        if (random.nextInt(3) == 0)
        {
            final int[] lens = {0, -1, AREA, AREA + 1, Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt()};
            memory.putInt(at + DbcRequestDescriptor.LEN_OFFSET, lens[random.nextInt(lens.length)]);
        }
        if (random.nextInt(4) == 0)
        {
            memory.putLong(at + DbcRequestDescriptor.SRC_ADDR_OFFSET, address(random, 0));
        }
        if (random.nextInt(4) == 0)
        {
            memory.putLong(at + DbcRequestDescriptor.DEST_ADDR_OFFSET, address(random, SANDBOX / 2));
        }
        if (random.nextInt(4) == 0)
        {
            final int[] capacities = {0, 1, -1, AREA / 2, AREA, Integer.MAX_VALUE, random.nextInt()};
            memory.putInt(at + DbcRequestDescriptor.DEST_CAPACITY_OFFSET,
                capacities[random.nextInt(capacities.length)]);
        }
        if (random.nextInt(4) == 0)
        {
            memory.put(at + DbcRequestDescriptor.DB_LEN_OFFSET, (byte)(random.nextBoolean() ? 0 : random.nextInt(256)));
        }
        if (random.nextInt(4) == 0)
        {
            memory.putLong(at + DbcRequestDescriptor.DB_ADDR_OFFSET, address(random, SANDBOX - 64));
        }
        final long src = DbcRequestDescriptor.srcAddr(memory, at);
        final int len = DbcRequestDescriptor.len(memory, at);
        final byte[] source = len >= 0 && len <= AREA && region.contains(src, len) ? read(src, len) : null;
        final int expected = expectedStatus(at);
        queue.ring();
        assertEquals(List.of(reqId + ":" + expected), queue.awaitResponses(1), "exactly one response, its status");
        final long db = DbcRequestDescriptor.dbAddr(memory, at);
        final boolean dbWritten = DbcRequestDescriptor.dbLen(memory, at) == DbcRequestDescriptor.DB_LEN_32;
        if (expected == 0)
        {
            assertArrayEquals(source, read(DbcRequestDescriptor.destAddr(memory, at), len), "ECHO output");
            if (dbWritten)
            {
                assertEquals(len, memory.getInt(region.offset(db, Integer.BYTES)), "length word");
            }
        }
        else if (db == queue.lengthAddress(index))
        {
            assertEquals(-1, queue.lengthWord(index), "no length word on failure");
        }
        return "element status " + (expected == 0 ? "0" : Errno.fromStatus(-expected).name());
    }

    /** The rules of the {@code firmware.dbc} package comment, in their order. @return 0 or a positive errno. */
    private int expectedStatus(final int at)
    {
        if ((DbcRequestDescriptor.cmd(memory, at) & REQUIRED) != REQUIRED)
        {
            return EINVAL;
        }
        final int len = DbcRequestDescriptor.len(memory, at);
        if (len < 0 || len > AREA)
        {
            return EINVAL;
        }
        final int capacity = DbcRequestDescriptor.destCapacity(memory, at);
        if (!inside(DbcRequestDescriptor.srcAddr(memory, at), len) ||
            !inside(DbcRequestDescriptor.destAddr(memory, at), capacity))
        {
            return EINVAL;
        }
        final int dbLen = DbcRequestDescriptor.dbLen(memory, at);
        if (dbLen != 0 && dbLen != DbcRequestDescriptor.DB_LEN_32 ||
            dbLen == DbcRequestDescriptor.DB_LEN_32 && !inside(DbcRequestDescriptor.dbAddr(memory, at), Integer.BYTES))
        {
            return EINVAL;
        }
        return len > capacity ? EOVERFLOW : 0;
    }

    /** Whole range in host memory, computed without the region's own check. */
    private boolean inside(final long address, final int length)
    {
        return length >= 0 && address >= region.base() && address - region.base() <= (long)region.size() - length;
    }

    /** An address for a corrupted field: in the sandbox (at {@code sandboxOffset}), outside, or straddling the end. */
    private long address(final SplittableRandom random, final int sandboxOffset)
    {
        switch (random.nextInt(5))
        {
            case 0:
                return sandbox + sandboxOffset;
            case 1:
                return region.end() - 1 - random.nextInt(64);
            case 2:
                return region.base() - 1 - random.nextInt(1 << 20);
            case 3:
                return 0;
            default:
                return random.nextLong();
        }
    }

    private static int outsideQueue(final SplittableRandom random)
    {
        final int[] values = {QUEUE, QUEUE + 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, QUEUE + random.nextInt(1 << 20)};
        return values[random.nextInt(values.length)];
    }

    private DbcQueue activateEcho()
    {
        final byte[] image = new WorkloadImageWriter().name("dbc-fuzz").needs(1, 1 << 20, 0, 0, 1).op(WorkloadOp.ECHO)
            .payload(new byte[64]).toBytes();
        final long at = test.put(image);
        final DbcQueue q = new DbcQueue(test, QUEUE, AREA);
        final WireRequestWriter writer = test.begin(3, -1);
        writer.appendDmaXfer(0, 0, DmaXferFlyweight.FLAG_RESTART, new long[]{at}, new long[]{image.length}, 0, 1);
        q.appendActivate(writer, 0, AREA);
        final Answer answer = test.call();
        assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0", "ACTIVATE_FROM_DEV 0"), answer.describe());
        return q.dbc(answer.getInt(1, ActivateFromDevFlyweight.DBC_ID_OFFSET));
    }

    private int next()
    {
        reqId = (reqId + 1) & 0xFFFF;
        return reqId;
    }

    private byte[] read(final long address, final int length)
    {
        final byte[] out = new byte[length];
        region.read(address, out, 0, length);
        return out;
    }

    private static byte[] bytes(final SplittableRandom random, final int length)
    {
        final byte[] b = new byte[length];
        for (int i = 0; i < length; i++)
        {
            b[i] = (byte)random.nextInt(256);
        }
        return b;
    }
}

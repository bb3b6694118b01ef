package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.image.WorkloadOp;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static dev.shadowdev.firmware.model.DeviceProfile.GIB;
import static dev.shadowdev.firmware.model.HexBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecutionTest
{
    private static final int BASE = -1;
    private static final int H = 1;

    private final Firmware firmware = new Firmware(DeviceProfile.aic100(), true);

    @Test
    void echoCopiesTheInput() throws FirmwareException
    {
        final int dbc = activate(BASE, H, WorkloadOp.ECHO, 0, 1, 1);
        final ByteBuffer in = ByteBuffer.wrap(bytes("00 11 22 33 44 55 66 77 88 99"));
        final ByteBuffer out = ByteBuffer.allocateDirect(16);

        assertEquals(6, firmware.execute(BASE, H, dbc, in, 2, 6, out, 5, 11));

        assertArrayEquals(bytes("00 00 00 00 00 22 33 44 55 66 77 00 00 00 00 00"), contents(out));
        assertEquals(0, in.position());
        assertEquals(0, out.position());
    }

    @Test
    void crc32cWritesFourLittleEndianBytes() throws FirmwareException
    {
        final int dbc = activate(BASE, H, WorkloadOp.CRC32C, 0, 1, 1);
        final byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer out = ByteBuffer.allocate(6).order(ByteOrder.BIG_ENDIAN);

        assertEquals(4, firmware.execute(BASE, H, dbc, ByteBuffer.wrap(check), 0, 9, out, 1, 5));
        assertArrayEquals(bytes("00 83 92 06 e3 00"), out.array());

        final ByteBuffer direct = ByteBuffer.allocateDirect(20);
        direct.put(5, check).position(3).limit(17);
        assertEquals(4, firmware.execute(BASE, H, dbc, direct, 5, 9, out, 0, 4));
        assertArrayEquals(bytes("83 92 06 e3 e3 00"), out.array());
        assertEquals(3, direct.position());
        assertEquals(17, direct.limit());

        assertEquals(4, firmware.execute(BASE, H, dbc, direct, 0, 0, out, 2, 4));
        assertArrayEquals(bytes("83 92 00 00 00 00"), out.array());
    }

    @Test
    void xor8XorsEveryByteWithTheLowByteOfOpArg() throws FirmwareException
    {
        final int dbc = activate(BASE, H, WorkloadOp.XOR8, 0x1a5, 1, 1);
        final byte[] input = bytes("00 ff 5a a5 01 02 03 04 10 20 30 40 50 60 70 80 f0");
        final byte[] expected = bytes("a5 5a ff 00 a4 a7 a6 a1 b5 85 95 e5 f5 c5 d5 25 55");

        final ByteBuffer sameOrder = ByteBuffer.allocate(17);
        assertEquals(17, firmware.execute(BASE, H, dbc, ByteBuffer.wrap(input), 0, 17, sameOrder, 0, 17));
        assertArrayEquals(expected, sameOrder.array());

        final ByteBuffer otherOrder = ByteBuffer.allocateDirect(17).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(17, firmware.execute(BASE, H, dbc, ByteBuffer.wrap(input), 0, 17, otherOrder, 0, 17));
        assertArrayEquals(expected, contents(otherOrder));

        final ByteBuffer inPlace = ByteBuffer.wrap(input.clone());
        assertEquals(17, firmware.execute(BASE, H, dbc, inPlace, 0, 17, inPlace, 0, 17));
        assertArrayEquals(expected, inPlace.array());
    }

    @Test
    void outputThatDoesNotFitIsEoverflowAndNothingIsWrittenOrCounted() throws FirmwareException
    {
        final int echo = activate(BASE, H, WorkloadOp.ECHO, 0, 1, 1);
        final int crc = activate(BASE, H, WorkloadOp.CRC32C, 0, 1, 1);
        final ByteBuffer in = ByteBuffer.wrap(bytes("01 02 03 04 05"));
        final ByteBuffer out = ByteBuffer.allocate(8);

        assertEquals(-75, firmware.execute(BASE, H, echo, in, 0, 5, out, 0, 4));
        assertEquals(-75, firmware.execute(BASE, H, crc, in, 0, 5, out, 0, 3));

        assertArrayEquals(new byte[8], out.array());
        assertEquals(0, firmware.coreExecutions(0));
        assertEquals(0, firmware.coreExecutions(1));
        assertEquals(5, firmware.execute(BASE, H, echo, in, 0, 5, out, 3, 5));
    }

    @Test
    void badRangesAndBuffersAreEinval() throws FirmwareException
    {
        final int dbc = activate(BASE, H, WorkloadOp.ECHO, 0, 1, 1);
        final ByteBuffer in = ByteBuffer.allocate(10).limit(8);
        final ByteBuffer out = ByteBuffer.allocate(10);
        final int einval = Errno.EINVAL.status();

        assertEquals(einval, firmware.execute(BASE, H, dbc, in, -1, 2, out, 0, 10));
        assertEquals(einval, firmware.execute(BASE, H, dbc, in, 0, -1, out, 0, 10));
        assertEquals(einval, firmware.execute(BASE, H, dbc, in, 4, 5, out, 0, 10));
        assertEquals(einval, firmware.execute(BASE, H, dbc, in, 0, 2, out, -1, 10));
        assertEquals(einval, firmware.execute(BASE, H, dbc, in, 0, 2, out, 1, 10));
        assertEquals(einval, firmware.execute(BASE, H, dbc, in, 0, 2, out, 0, -1));
        assertEquals(einval, firmware.execute(BASE, H, dbc, in, 0, 2, out.asReadOnlyBuffer(), 0, 10));
        assertEquals(einval, firmware.execute(BASE, H, dbc, null, 0, 2, out, 0, 10));
        assertEquals(einval, firmware.execute(BASE, H, dbc, in, 0, 2, null, 0, 10));
        assertEquals(einval, firmware.execute(BASE, H, 16, in, 0, 2, out, 0, 10));
        assertEquals(einval, firmware.execute(BASE, H, -1, in, 0, 2, out, 0, 10));
        assertEquals(0, firmware.coreExecutions(0));
        assertEquals(8, firmware.execute(BASE, H, dbc, in, 0, 8, out, 2, 8));
    }

    @Test
    void onlyTheOwnerCanExecute() throws FirmwareException
    {
        final int a = firmware.createPartition(BASE, H, "a", new long[]{ 2, GIB, 0, 0, 4 });
        final int dbc = activate(a, H, WorkloadOp.ECHO, 0, 1, 2);
        final ByteBuffer in = ByteBuffer.allocate(4);
        final ByteBuffer out = ByteBuffer.allocate(4);

        assertEquals(-13, firmware.execute(a, 2, dbc, in, 0, 4, out, 0, 4));
        assertEquals(-13, firmware.execute(BASE, H, dbc, in, 0, 4, out, 0, 4));
        assertEquals(-13, firmware.execute(7, H, dbc, in, 0, 4, out, 0, 4));
        assertEquals(-2, firmware.execute(a, H, dbc + 1, in, 0, 4, out, 0, 4));
        assertEquals(-2, firmware.execute(a, H, dbc + 2, in, 0, 4, out, 0, 4));
        assertEquals(0, firmware.coreExecutions(0));
        assertEquals(4, firmware.execute(a, H, dbc, in, 0, 4, out, 0, 4));
    }

    @Test
    void executionsCountOnlyOnTheWorkloadsCores() throws FirmwareException
    {
        firmware.createPartition(BASE, H, "a", new long[]{ 2, GIB, 0, 0, 1 });
        final int b = firmware.createPartition(BASE, H, "b", new long[]{ 3, GIB, 0, 0, 1 });
        final int inB = activate(b, H, WorkloadOp.ECHO, 0, 2, 1);
        final int global = activate(BASE, H, WorkloadOp.XOR8, 0, 1, 1);
        final ByteBuffer buffer = ByteBuffer.allocate(8);

        for (int i = 0; i < 3; i++)
        {
            assertEquals(8, firmware.execute(b, H, inB, buffer, 0, 8, buffer, 0, 8));
        }
        assertEquals(8, firmware.execute(BASE, H, global, buffer, 0, 8, buffer, 0, 8));

        final long[] expected = new long[16];
        expected[2] = 3;
        expected[3] = 3;
        expected[5] = 1;
        for (int core = 0; core < 16; core++)
        {
            assertEquals(expected[core], firmware.coreExecutions(core), "core " + core);
        }
        assertEquals(-1, firmware.coreExecutions(16));
        assertEquals(-1, firmware.coreExecutions(-1));
    }

    @Test
    void aCrashedFirmwareAnswersEio() throws FirmwareException
    {
        final int dbc = activate(BASE, H, WorkloadOp.ECHO, 0, 1, 1);
        firmware.crash();

        assertEquals(-5, firmware.execute(BASE, H, dbc, ByteBuffer.allocate(1), 0, 1, ByteBuffer.allocate(1), 0, 1));
    }

    @Test
    void theHotPathAllocatesNothing() throws FirmwareException
    {
        final int echo = activate(BASE, H, WorkloadOp.ECHO, 0, 1, 1);
        final int crc = activate(BASE, H, WorkloadOp.CRC32C, 0, 1, 1);
        final int xor = activate(BASE, H, WorkloadOp.XOR8, 0x33, 1, 1);
        final ByteBuffer heap = ByteBuffer.allocate(256);
        final ByteBuffer direct = ByteBuffer.allocateDirect(256);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long sink = 0;
        for (int i = 0; i < 2_000; i++)
        {
            sink += runAll(echo, crc, xor, heap, direct);
        }

        // A real per-call allocation shows in every round; a one-off (JIT deoptimisation, lock inflation on a busy
        // 2-core machine) does not: take the best of a few rounds.
        long allocated = Long.MAX_VALUE;
        int rounds = 0;
        for (; rounds < 5 && allocated != 0; rounds++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 2_000; i++)
            {
                sink += runAll(echo, crc, xor, heap, direct);
            }
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
        }

        assertEquals(0, allocated);
        assertEquals((2_000L + 2_000L * rounds) * (200 + 4 + 200 + 200 + 4 + 200 - 75 * 2), sink);
    }

    private int runAll(final int echo, final int crc, final int xor, final ByteBuffer heap, final ByteBuffer direct)
    {
        return firmware.execute(BASE, H, echo, heap, 0, 200, direct, 0, 256) +
            firmware.execute(BASE, H, crc, heap, 0, 200, direct, 0, 256) +
            firmware.execute(BASE, H, xor, heap, 0, 200, direct, 0, 256) +
            firmware.execute(BASE, H, echo, direct, 0, 200, heap, 0, 256) +
            firmware.execute(BASE, H, crc, direct, 0, 200, heap, 0, 256) +
            firmware.execute(BASE, H, xor, direct, 0, 200, heap, 0, 256) +
            firmware.execute(BASE, H, echo, direct, 0, 200, heap, 0, 100) +
            firmware.execute(BASE, H, xor, direct, 0, 200, heap, 0, 100);
    }

    private int activate(final int partition, final int handle, final int op, final int opArg, final long cores,
        final long dma) throws FirmwareException
    {
        final int slot = firmware.queryWorkloads(partition, handle).size();
        return TestImages.activate(firmware, partition, handle, slot,
            TestImages.image(op, opArg, cores, 128, 0, 0, dma)).dbcId();
    }

    private static byte[] contents(final ByteBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.capacity()];
        buffer.get(0, bytes);
        return bytes;
    }
}

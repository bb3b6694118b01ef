package dev.shadowdev.driver.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PcapTraceWriterTest
{
    /** 2023-11-14T22:13:20.123456789Z */
    private static final long FIXED_EPOCH_NANOS = 1_700_000_000_123_456_789L;

    private static final byte[] GLOBAL_HEADER = bytes(
        0xd4, 0xc3, 0xb2, 0xa1,     // magic 0xa1b2c3d4
        0x02, 0x00, 0x04, 0x00,     // version 2.4
        0x00, 0x00, 0x00, 0x00,     // thiszone
        0x00, 0x00, 0x00, 0x00,     // sigfigs
        0x00, 0x00, 0x04, 0x00,     // snaplen 262144
        0x93, 0x00, 0x00, 0x00);    // link type 147 USER0

    @TempDir
    Path dir;

    @Test
    void layoutConstantsMatchTheAbi()
    {
        assertEquals(24, PcapHeaderDescriptor.GLOBAL_HEADER_LENGTH);
        assertEquals(20, PcapHeaderDescriptor.LINK_TYPE_OFFSET);
        assertEquals(16, PcapHeaderDescriptor.RECORD_HEADER_LENGTH);
        assertEquals(12, PcapHeaderDescriptor.ORIG_LEN_OFFSET);
        assertEquals(8, TracePseudoHeaderDescriptor.LENGTH);
        assertEquals(2, TracePseudoHeaderDescriptor.CHANNEL_OFFSET);
        assertEquals(4, TracePseudoHeaderDescriptor.RESERVED_OFFSET);
    }

    @Test
    void writesTheGlobalHeaderOnOpen() throws IOException
    {
        final Path file = dir.resolve("open.pcap");

        final PcapTraceWriter writer = PcapTraceWriter.open(file, () -> FIXED_EPOCH_NANOS);
        assertArrayEquals(GLOBAL_HEADER, Files.readAllBytes(file));

        writer.close();
        assertArrayEquals(GLOBAL_HEADER, Files.readAllBytes(file));
    }

    @Test
    void writesARecordByteForByte() throws IOException
    {
        final Path file = dir.resolve("record.pcap");
        final ByteBuffer src = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        src.put(bytes(0xee, 0xee, 0xee, 0x51, 0x41, 0x49, 0x43, 0x2a, 0xee));
        src.position(9).limit(12);

        try (PcapTraceWriter writer = PcapTraceWriter.open(file, () -> FIXED_EPOCH_NANOS))
        {
            assertEquals(0, writer.record(
                TracePseudoHeaderDescriptor.DEVICE_TO_HOST, TracePseudoHeaderDescriptor.KIND_DBC_RESPONSE, 0x0102,
                src, 3, 5));
            assertEquals(1, writer.recordCount());
        }

        final byte[] expectedRecord = bytes(
            0x00, 0xf1, 0x53, 0x65,     // ts_sec 1700000000
            0x40, 0xe2, 0x01, 0x00,     // ts_usec 123456
            0x0d, 0x00, 0x00, 0x00,     // incl_len 13
            0x0d, 0x00, 0x00, 0x00,     // orig_len 13
            0x01,                       // direction device -> host
            0x02,                       // kind DBC response
            0x02, 0x01,                 // channel 0x0102
            0x00, 0x00, 0x00, 0x00,     // reserved
            0x51, 0x41, 0x49, 0x43, 0x2a);
        assertArrayEquals(concat(GLOBAL_HEADER, expectedRecord), Files.readAllBytes(file));
        assertEquals(9, src.position());
        assertEquals(12, src.limit());
        assertEquals(ByteOrder.BIG_ENDIAN, src.order());
    }

    @Test
    void buffersRecordsUntilFlushed() throws IOException
    {
        final Path file = dir.resolve("flush.pcap");
        final ByteBuffer src = ByteBuffer.allocateDirect(32);

        try (PcapTraceWriter writer = PcapTraceWriter.open(file, () -> FIXED_EPOCH_NANOS))
        {
            writer.record(TracePseudoHeaderDescriptor.HOST_TO_DEVICE, TracePseudoHeaderDescriptor.KIND_CONTROL, 10,
                src, 0, 32);
            assertEquals(24, Files.size(file));

            assertEquals(0, writer.flush());

            assertEquals(24 + 16 + 8 + 32, Files.size(file));
        }
    }

    @Test
    void truncatesMessagesLongerThanTheSnapLength() throws IOException
    {
        final Path file = dir.resolve("snap.pcap");
        final ByteBuffer src = ByteBuffer.allocate(PcapHeaderDescriptor.SNAPLEN + 100);
        for (int i = 0; i < src.capacity(); i++)
        {
            src.put(i, (byte)i);
        }

        try (PcapTraceWriter writer = PcapTraceWriter.open(file, () -> FIXED_EPOCH_NANOS))
        {
            assertEquals(0, writer.record(TracePseudoHeaderDescriptor.HOST_TO_DEVICE,
                TracePseudoHeaderDescriptor.KIND_CONTROL, 10, src, 0, PcapHeaderDescriptor.SNAPLEN));
        }

        final ByteBuffer trace = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24 + 16 + 262_144, trace.capacity());
        assertEquals(262_144, trace.getInt(24 + PcapHeaderDescriptor.INCL_LEN_OFFSET));
        assertEquals(262_152, trace.getInt(24 + PcapHeaderDescriptor.ORIG_LEN_OFFSET));
        final byte[] stored = Arrays.copyOfRange(trace.array(), 24 + 16 + 8, trace.capacity());
        final byte[] expected = Arrays.copyOfRange(src.array(), 0, 262_144 - 8);
        assertArrayEquals(expected, stored);
    }

    @Test
    void rejectsBadArgumentsAndWritesNothing() throws IOException
    {
        final Path file = dir.resolve("bad.pcap");
        final ByteBuffer src = ByteBuffer.allocate(16);
        final int h2d = TracePseudoHeaderDescriptor.HOST_TO_DEVICE;
        final int control = TracePseudoHeaderDescriptor.KIND_CONTROL;

        try (PcapTraceWriter writer = PcapTraceWriter.open(file, () -> FIXED_EPOCH_NANOS))
        {
            assertEquals(PcapTraceWriter.BAD_ARGUMENT, writer.record(2, control, 10, src, 0, 4));
            assertEquals(PcapTraceWriter.BAD_ARGUMENT, writer.record(-1, control, 10, src, 0, 4));
            assertEquals(PcapTraceWriter.BAD_ARGUMENT, writer.record(h2d, 3, 10, src, 0, 4));
            assertEquals(PcapTraceWriter.BAD_ARGUMENT, writer.record(h2d, control, 65_536, src, 0, 4));
            assertEquals(PcapTraceWriter.BAD_ARGUMENT, writer.record(h2d, control, -1, src, 0, 4));
            assertEquals(PcapTraceWriter.BAD_ARGUMENT, writer.record(h2d, control, 10, src, -1, 4));
            assertEquals(PcapTraceWriter.BAD_ARGUMENT, writer.record(h2d, control, 10, src, 0, -1));
            assertEquals(PcapTraceWriter.BAD_ARGUMENT, writer.record(h2d, control, 10, src, 13, 4));
            assertEquals(PcapTraceWriter.BAD_ARGUMENT, writer.record(h2d, control, 10, src, 1, Integer.MAX_VALUE));
            assertEquals(0, writer.recordCount());
        }

        assertArrayEquals(GLOBAL_HEADER, Files.readAllBytes(file));
    }

    @Test
    void dropsRecordsAfterClose() throws IOException
    {
        final Path file = dir.resolve("closed.pcap");
        final ByteBuffer src = ByteBuffer.allocate(8);
        final PcapTraceWriter writer = PcapTraceWriter.open(file, () -> FIXED_EPOCH_NANOS);
        writer.close();

        assertEquals(PcapTraceWriter.TRACE_FAILED, writer.record(TracePseudoHeaderDescriptor.HOST_TO_DEVICE,
            TracePseudoHeaderDescriptor.KIND_CONTROL, 10, src, 0, 8));
        assertEquals(PcapTraceWriter.TRACE_FAILED, writer.flush());
        assertEquals(1, writer.droppedCount());
        assertEquals(0, writer.recordCount());
        writer.close();
        assertArrayEquals(GLOBAL_HEADER, Files.readAllBytes(file));
    }

    static byte[] bytes(final int... values)
    {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            bytes[i] = (byte)values[i];
        }
        return bytes;
    }

    private static byte[] concat(final byte[] first, final byte[] second)
    {
        final byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}

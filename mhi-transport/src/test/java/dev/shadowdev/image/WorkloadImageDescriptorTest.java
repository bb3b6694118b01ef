package dev.shadowdev.image;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkloadImageDescriptorTest
{
    /** The image of {@link #writer()}, byte by byte from ABI.md section 2; header CRC computed with Python zlib. */
    static final byte[] EXPECTED = hex(
        "53 44 57 4c", // 0   magic "SDWL"
        "01 00",       // 4   version 1
        "80 00",       // 6   header_len 128
        "61 62 00 00 00 00 00 00 00 00 00 00 00 00 00 00", // 8   name "ab"
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
        "01 00 00 00 00 00 00 00", // 40  needs[0] cores 1
        "00 10 00 00 00 00 00 00", // 48  needs[1] memory 4096
        "02 00 00 00 00 00 00 00", // 56  needs[2] bus replicators 2
        "03 00 00 00 00 00 00 00", // 64  needs[3] semaphores 3
        "01 00 00 00 00 00 00 00", // 72  needs[4] dma channels 1
        "03 00 00 00", // 80  op XOR8
        "5a 00 00 00", // 84  op_arg 0x5a
        "04 00 00 00 00 00 00 00", // 88  payload_len 4
        "a8 8e 50 4d", // 96  header_crc 0x4d508ea8
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", // 100 reserved
        "de ad be ef"); // 128 payload

    static WorkloadImageWriter writer()
    {
        return new WorkloadImageWriter()
            .name("ab")
            .needs(1, 4096, 2, 3, 1)
            .op(WorkloadOp.XOR8)
            .opArg(0x5a)
            .payload(new byte[]{ (byte)0xde, (byte)0xad, (byte)0xbe, (byte)0xef });
    }

    @Test
    void offsetsAreTheAbiOffsets()
    {
        assertEquals(0, WorkloadImageDescriptor.MAGIC_OFFSET);
        assertEquals(4, WorkloadImageDescriptor.VERSION_OFFSET);
        assertEquals(6, WorkloadImageDescriptor.HEADER_LENGTH_OFFSET);
        assertEquals(8, WorkloadImageDescriptor.NAME_OFFSET);
        assertEquals(40, WorkloadImageDescriptor.NEEDS_OFFSET);
        assertEquals(80, WorkloadImageDescriptor.OP_OFFSET);
        assertEquals(84, WorkloadImageDescriptor.OP_ARG_OFFSET);
        assertEquals(88, WorkloadImageDescriptor.PAYLOAD_LENGTH_OFFSET);
        assertEquals(96, WorkloadImageDescriptor.HEADER_CRC_OFFSET);
        assertEquals(96, WorkloadImageDescriptor.CRC_COVERED_LENGTH);
        assertEquals(100, WorkloadImageDescriptor.RESERVED_OFFSET);
        assertEquals(128, WorkloadImageDescriptor.HEADER_LENGTH);
        assertEquals(128, WorkloadImageDescriptor.PAYLOAD_OFFSET);
        assertEquals(0x4C574453, WorkloadImageDescriptor.MAGIC);
    }

    @Test
    void opIdsAreTheAbiIds()
    {
        assertEquals(1, WorkloadOp.ECHO);
        assertEquals(2, WorkloadOp.CRC32C);
        assertEquals(3, WorkloadOp.XOR8);
        assertEquals("xor8", WorkloadOp.name(3));
        assertEquals("unknown", WorkloadOp.name(9));
        assertEquals(4, WorkloadOp.outputLength(WorkloadOp.CRC32C, 100));
        assertEquals(100, WorkloadOp.outputLength(WorkloadOp.ECHO, 100));
        assertEquals(-1, WorkloadOp.outputLength(0, 100));
    }

    @Test
    void writerProducesTheExactAbiBytes()
    {
        assertEquals(132, writer().length());
        assertArrayEquals(EXPECTED, writer().toBytes());
    }

    @Test
    void writerWritesLittleEndianIntoABigEndianBufferAtAnOffset()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(EXPECTED.length + 10).order(ByteOrder.BIG_ENDIAN);
        buffer.position(3).limit(EXPECTED.length + 7);

        assertEquals(EXPECTED.length, writer().writeTo(buffer, 7));

        final byte[] written = new byte[EXPECTED.length];
        buffer.get(7, written);
        assertArrayEquals(EXPECTED, written);
        assertEquals(3, buffer.position());
        assertEquals(EXPECTED.length + 7, buffer.limit());
        assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
    }

    @Test
    void readsEveryFieldFromHandWrittenBytes()
    {
        final byte[] bytes = new byte[EXPECTED.length + 5];
        System.arraycopy(EXPECTED, 0, bytes, 5, EXPECTED.length);
        final WorkloadImageDescriptor image = new WorkloadImageDescriptor()
            .wrap(ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN), 5, EXPECTED.length);

        assertEquals(0x4C574453, image.magic());
        assertEquals(1, image.version());
        assertEquals(128, image.headerLength());
        assertEquals(2, image.nameLength());
        assertEquals("ab", image.name());
        assertEquals(1, image.need(0));
        assertEquals(4096, image.need(1));
        assertEquals(2, image.need(2));
        assertEquals(3, image.need(3));
        assertEquals(1, image.need(4));
        assertEquals(3, image.op());
        assertEquals(0x5a, image.opArg());
        assertEquals(4, image.payloadLength());
        assertEquals(0x4d508ea8, image.headerCrc());
        assertEquals(0x4d508ea8, image.computeHeaderCrc());
        assertEquals(0, image.reservedByte(27));
        assertEquals(0x61, image.nameByte(0));
        assertEquals(EXPECTED.length, image.length());
        assertEquals(5, image.offset());
    }

    @Test
    void headerCrcIsTheSameOverADirectBuffer()
    {
        final ByteBuffer direct = ByteBuffer.allocateDirect(EXPECTED.length + 2);
        direct.put(2, EXPECTED);
        final WorkloadImageDescriptor image = new WorkloadImageDescriptor().wrap(direct, 2, EXPECTED.length);

        assertEquals(0x4d508ea8, image.computeHeaderCrc());
        assertEquals(0, direct.position());
    }

    @Test
    void unsignedFieldsReadAsUnsigned()
    {
        final WorkloadImageDescriptor image = new WorkloadImageDescriptor()
            .wrap(ByteBuffer.allocate(128), 0, 128)
            .version(0xFFFF)
            .headerLength(0x8001);

        assertEquals(0xFFFF, image.version());
        assertEquals(0x8001, image.headerLength());
    }

    @Test
    void writerRefusesWhatCannotBeEncoded()
    {
        final IllegalArgumentException longName = assertThrows(
            IllegalArgumentException.class, () -> new WorkloadImageWriter().name("x".repeat(32)));
        assertEquals("image name too long: bytes=32 max=31", longName.getMessage());

        final IllegalArgumentException needs = assertThrows(
            IllegalArgumentException.class, () -> new WorkloadImageWriter().needs(1, 2, 3));
        assertEquals("bad needs vector: length=3", needs.getMessage());

        final IndexOutOfBoundsException room = assertThrows(
            IndexOutOfBoundsException.class, () -> writer().writeTo(ByteBuffer.allocate(140), 10));
        assertEquals("image does not fit: offset=10 length=132 limit=140", room.getMessage());
    }

    @Test
    void nameWithoutTerminatorHasLengthThirtyTwo()
    {
        final byte[] bytes = EXPECTED.clone();
        for (int i = 8; i < 40; i++)
        {
            bytes[i] = 'x';
        }
        final WorkloadImageDescriptor image = new WorkloadImageDescriptor().wrap(ByteBuffer.wrap(bytes), 0, 132);

        assertEquals(32, image.nameLength());
        assertEquals("x".repeat(32), image.name());
    }

    static byte[] hex(final String... parts)
    {
        final String[] tokens = String.join(" ", parts).trim().split("\\s+");
        final byte[] bytes = new byte[tokens.length];
        for (int i = 0; i < tokens.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(tokens[i], 16);
        }
        return bytes;
    }
}

package dev.shadowdev.wire;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class WireCrcTest
{
    private final WireCrc crc = new WireCrc();

    @Test
    void matchesZlibOverTheMessageWithTheFieldZeroed()
    {
        final byte[] bytes = Hex.bytes(
            "ff ff ff ff  51 41 49 43  04 03 02 01  28 00 00 00" +
            "01 00 00 00  07 00 00 00  ff ff ff ff  00 00 00 00" +
            "0f 00 00 00  08 00 00 00");

        assertEquals(0x6F193F43, crc.compute(new WireBuffer(bytes), 0, 40));
    }

    @Test
    void readsInPlaceAtAnOffsetOfADirectBuffer()
    {
        final ByteBuffer direct = ByteBuffer.allocateDirect(256);
        final WireBuffer buffer = new WireBuffer(direct);
        final WireRequestWriter writer = new WireRequestWriter().wrap(buffer, 100, 156);
        writer.begin(1, 2, 3);
        writer.appendTerminate(4);
        final int length = writer.finish(false);
        buffer.putInt(100, 0x12345678);

        final byte[] copy = new byte[length];
        buffer.getBytes(100, copy, 0, length);
        copy[0] = copy[1] = copy[2] = copy[3] = 0;
        final CRC32 reference = new CRC32();
        reference.update(copy);

        assertEquals((int)reference.getValue(), crc.compute(buffer, 100, length));
        assertEquals(0x12345678, buffer.getInt(100));
        assertEquals(0, direct.position());
        assertEquals(256, direct.limit());
    }

    @Test
    void stampThenVerify()
    {
        final WireBuffer buffer = new WireBuffer(new byte[128]);
        final WireResponseWriter writer = new WireResponseWriter().wrap(buffer, 8, 120);
        writer.begin(1, 2, 3);
        writer.appendTerminate(0);
        final int length = writer.finish(false);
        final int stamped = crc.stamp(buffer, 8, length);
        final WireError error = new WireError();
        final WireMessageValidator validator = new WireMessageValidator();

        assertEquals(stamped, buffer.getInt(8));
        assertEquals(0, validator.verifyCrc(buffer, 8, length, error));
        buffer.putByte(8 + length - 1, (byte)1);
        assertEquals(-74, validator.verifyCrc(buffer, 8, length, error));
        assertEquals(String.format("bad crc: crc=0x%08x expected=0x%08x", stamped, crc.compute(buffer, 8, length)),
            error.message());
    }
}

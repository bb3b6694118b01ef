package dev.shadowdev.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class WireBufferTest
{
    @Test
    void writesLittleEndianWhateverTheCallersOrder()
    {
        final ByteBuffer big = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        final WireBuffer buffer = new WireBuffer(big);
        buffer.putInt(0, 0x43494151);
        buffer.putShort(4, 0xBEEF);
        buffer.putLong(8, 0x0102030405060708L);

        assertEquals(Hex.normalize("51 41 49 43 ef be 00 00 08 07 06 05 04 03 02 01"), Hex.of(buffer, 0, 16));
        assertEquals(ByteOrder.BIG_ENDIAN, big.order());
    }

    @Test
    void indexesFromZeroAndLeavesPositionAndLimitAlone()
    {
        final ByteBuffer bytes = ByteBuffer.allocateDirect(32);
        bytes.position(5).limit(9);
        final WireBuffer buffer = new WireBuffer(bytes);
        buffer.putInt(20, -1);

        assertEquals(32, buffer.capacity());
        assertEquals(5, bytes.position());
        assertEquals(9, bytes.limit());
        assertEquals(-1, bytes.duplicate().clear().getInt(20));
    }

    @Test
    void readsUnsigned()
    {
        final WireBuffer buffer = new WireBuffer(Hex.bytes("fe ff ff ff ff 80"));

        assertEquals(0xFFFF_FFFEL, buffer.getUnsignedInt(0));
        assertEquals(-2, buffer.getInt(0));
        assertEquals(0x80FF, buffer.getUnsignedShort(4));
    }

    @Test
    void setsMemoryOverAnyRange()
    {
        final WireBuffer buffer = new WireBuffer(new byte[21]);
        buffer.setMemory(1, 19, (byte)0xAB);

        assertEquals(Hex.normalize("00" + " ab".repeat(19) + " 00"), Hex.of(buffer, 0, 21));
    }

    @Test
    void zeroesDirectMemoryOverAnyRangeAndChecksBoundsFirst()
    {
        final WireBuffer buffer = new WireBuffer(ByteBuffer.allocateDirect(10_000));
        buffer.setMemory(0, 10_000, (byte)0x5A);
        buffer.setMemory(3, 9_000, (byte)0);

        for (int i = 0; i < 10_000; i++)
        {
            assertEquals(i >= 3 && i < 9_003 ? 0 : 0x5A, buffer.getByte(i), "byte " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.setMemory(9_000, 1_001, (byte)0));
        assertEquals(0x5A, buffer.getByte(9_003), "nothing written by a range out of bounds");
    }

    @Test
    void copiesBetweenBuffers()
    {
        final WireBuffer src = new WireBuffer(Hex.bytes("01 02 03 04 05"));
        final WireBuffer dst = new WireBuffer(new byte[6]);
        dst.putBytes(2, src, 1, 3);

        assertEquals(Hex.normalize("00 00 02 03 04 00"), Hex.of(dst, 0, 6));
    }

    @Test
    void boundsCheckNeverOverflows()
    {
        final WireBuffer buffer = new WireBuffer(new byte[64]);

        assertTrue(buffer.inBounds(0, 64));
        assertTrue(buffer.inBounds(64, 0));
        assertFalse(buffer.inBounds(1, 64));
        assertFalse(buffer.inBounds(-1, 4));
        assertFalse(buffer.inBounds(8, -1));
        assertFalse(buffer.inBounds(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }
}

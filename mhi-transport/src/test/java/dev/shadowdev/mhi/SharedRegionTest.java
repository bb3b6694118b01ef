package dev.shadowdev.mhi;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedRegionTest
{
    private final SharedRegion region = new SharedRegion(8192);

    @Test
    void addressesMapToOffsets()
    {
        assertEquals(0x1_0000_0000L, region.base());
        assertEquals(0x1_0000_2000L, region.end());
        assertEquals(0, region.offset(0x1_0000_0000L, 16));
        assertEquals(8176, region.offset(0x1_0000_1FF0L, 16));
        assertEquals(0x1_0000_0100L, region.address(0x100));
        assertEquals(ByteOrder.LITTLE_ENDIAN, region.buffer().order());
        assertTrue(region.buffer().isDirect());
    }

    @Test
    void outOfBoundsRangesAreRejectedWithoutException()
    {
        assertEquals(SharedRegion.OUT_OF_BOUNDS, region.offset(0, 1));
        assertEquals(SharedRegion.OUT_OF_BOUNDS, region.offset(0x0_FFFF_FFFFL, 1));
        assertEquals(SharedRegion.OUT_OF_BOUNDS, region.offset(0x1_0000_1FF1L, 16));
        assertEquals(SharedRegion.OUT_OF_BOUNDS, region.offset(0x1_0000_2000L, 1));
        assertEquals(SharedRegion.OUT_OF_BOUNDS, region.offset(Long.MAX_VALUE, 16));
        assertEquals(SharedRegion.OUT_OF_BOUNDS, region.offset(0x1_0000_0000L, -1));
        assertFalse(region.contains(0x1_0000_0000L, 8193));
        assertTrue(region.contains(0x1_0000_0000L, 8192));
    }

    @Test
    void copiesInAndOut()
    {
        final byte[] data = Hex.bytes("de ad be ef 01 02");
        assertEquals(4, region.write(0x1_0000_0010L, data, 0, 4));
        assertEquals("de ad be ef", Hex.of(region.buffer(), 0x10, 4));

        final byte[] back = new byte[6];
        assertEquals(4, region.read(0x1_0000_0010L, back, 2, 4));
        assertArrayEquals(Hex.bytes("00 00 de ad be ef"), back);

        final ByteBuffer src = ByteBuffer.wrap(data);
        assertEquals(2, region.write(0x1_0000_0020L, src, 4, 2));
        assertEquals("01 02", Hex.of(region.buffer(), 0x20, 2));
        final ByteBuffer dst = ByteBuffer.allocate(4);
        assertEquals(2, region.read(0x1_0000_0020L, dst, 1, 2));
        assertEquals(0, dst.position());
        assertArrayEquals(Hex.bytes("00 01 02 00"), dst.array());
    }

    @Test
    void badCopiesReturnEinvalAndChangeNothing()
    {
        final byte[] data = Hex.bytes("11 22 33 44");
        assertEquals(-22, region.write(0x1_0000_1FFEL, data, 0, 4));
        assertEquals(-22, region.write(0x1_0000_0000L, data, 2, 4));
        assertEquals(-22, region.read(0x1_0000_0000L, new byte[2], 0, 4));
        assertEquals(-22, region.read(0x1_0000_0000L, ByteBuffer.allocate(4).asReadOnlyBuffer(), 0, 4));
        assertEquals("00 00", Hex.of(region.buffer(), 0x1FFE, 2));
    }

    @Test
    void badGeometryIsRefusedWithTheField()
    {
        assertEquals("bad region base: base=0x0",
            assertThrows(IllegalArgumentException.class, () -> new SharedRegion(0, 4096)).getMessage());
        assertEquals("bad region base: base=0x100000010",
            assertThrows(IllegalArgumentException.class, () -> new SharedRegion(0x1_0000_0010L, 4096)).getMessage());
        assertEquals("bad region size: size=100",
            assertThrows(IllegalArgumentException.class, () -> new SharedRegion(100)).getMessage());
        assertEquals("region crosses a 4 GiB boundary: base=0xfffff000, size=8192",
            assertThrows(IllegalArgumentException.class, () -> new SharedRegion(0xFFFF_F000L, 8192)).getMessage());
    }
}

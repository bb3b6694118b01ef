package dev.shadowdev.devfs.client;

import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManageRequestTest
{
    @Test
    void shouldEncodeEveryTransactionAsTheAbiSays()
    {
        final byte[] data = { 1, 2, 3, 4, 5, 6, 7, 8 };
        final ManageRequest request = new ManageRequest().tag(0xCAFE)
            .passthrough(data)
            .dmaXfer(2, 128, new byte[] { 9, 9, 9, 9, 9 }, 1, 3)
            .activate(2)
            .deactivate(5)
            .status()
            .execute(5, new byte[] { 10, 11 }, 0, 2)
            .partCreate("infer-a", Resources.of(4, 8L << 30, 8, 16, 4))
            .partDestroy(-7, true)
            .partQuery()
            .poolQuery();

        final byte[] body = new Le()
            .u32(0x0001, 16).bytes(data)
            .u32(0x0005, 32, 2, 3).u64(128).bytes(new byte[] { 9, 9, 9, 0, 0, 0, 0, 0 })
            .u32(0x0007, 16, 2, 0)
            .u32(0x000A, 16, 5, 0)
            .u32(0x000C, 8)
            .u32(0x0101, 24, 5, 2).bytes(new byte[] { 10, 11, 0, 0, 0, 0, 0, 0 })
            .u32(0x0102, 80).name("infer-a").u64(4, 8L << 30, 8, 16, 4)
            .u32(0x0103, 16, -7, 1)
            .u32(0x0104, 8)
            .u32(0x0105, 8)
            .toBytes();
        final byte[] expected = new Le().u32(16 + body.length, 10, 0xCAFE, 0).bytes(body).toBytes();

        assertArrayEquals(expected, request.toBytes());
        assertEquals(expected.length, request.length());
        assertEquals(10, request.count());
        assertEquals(0x0101, request.type(5));
        final ByteBuffer buffer = request.buffer();
        assertEquals(0, buffer.position());
        assertEquals(expected.length, buffer.remaining());
        assertTrue(buffer.isReadOnly());
    }

    @Test
    void shouldEncodeTheElasticTransactionsAsAbiSection6Says()
    {
        final ManageRequest request = new ManageRequest().tag(9)
            .partCreate("batch", Resources.of(1, 1L << 30, 0, 0, 1), Resources.of(6, 8L << 30, 4, 8, 4), true)
            .partResize(3, 5, Resources.of(2, 2, 2, 2, 2), Resources.of(6, 6, 6, 6, 6))
            .partDrain(3, true, -1)
            .partQueryEx();

        final byte[] expected = new Le().u32(16 + 128 + 96 + 24 + 8, 4, 9, 0)
            .u32(0x0102, 128).name("batch").u64(1, 1L << 30, 0, 0, 1).u64(6, 8L << 30, 4, 8, 4).u32(1, 0)
            .u32(0x0106, 96, 3, 5).u64(2, 2, 2, 2, 2).u64(6, 6, 6, 6, 6)
            .u32(0x0107, 24, 3, 1, -1, 0)
            .u32(0x0108, 8)
            .toBytes();
        assertArrayEquals(expected, request.toBytes());
    }

    @Test
    void shouldEncodePartBindWithItsPathPaddedToEight()
    {
        final ManageRequest request = new ManageRequest().tag(3)
            .partBind(7, "/shadowdev.slice/tenant-a", false)
            .partBind(-2, "/a/bc", true)
            .partBind(1, new byte[] { '/', (byte)0xFF }, 6);

        final byte[] expected = new Le().u32(16 + 56 + 32 + 32, 3, 3, 0)
            .u32(0x0109, 56, 7, 0, 25, 0).bytes("/shadowdev.slice/tenant-a\0\0\0\0\0\0\0".getBytes())
            .u32(0x0109, 32, -2, 1, 5, 0).bytes(new byte[] { '/', 'a', '/', 'b', 'c', 0, 0, 0 })
            .u32(0x0109, 32, 1, 6, 2, 0).bytes(new byte[] { '/', (byte)0xFF, 0, 0, 0, 0, 0, 0 })
            .toBytes();
        assertArrayEquals(expected, request.toBytes());
        assertEquals(0x0109, request.type(1));
    }

    @Test
    void shouldRejectAPartBindPathLongerThanAMessage()
    {
        final ManageRequest request = new ManageRequest().status();
        final byte[] before = request.toBytes();

        assertRejected(() -> request.partBind(1, "/" + "x".repeat(65536), false),
            "part_bind: path longer than a message: path_len=65537");
        assertRejected(() -> request.partBind(1, "/" + "x".repeat(65500), false),
            "manage message too long: len=65552 max=65536");

        assertArrayEquals(before, request.toBytes());
    }

    @Test
    void shouldFillAMessageToExactly64KiBWithOneChunk()
    {
        final byte[] chunk = new byte[ManageRequest.MAX_DMA_XFER_DATA];

        final ManageRequest request = new ManageRequest().dmaXfer(0, 0, chunk, 0, chunk.length);

        assertEquals(65536, request.length());
        assertEquals(65496, ManageRequest.MAX_DMA_XFER_DATA);
        assertEquals(65504, ManageRequest.MAX_EXECUTE_DATA);
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> request.status());
        assertEquals("manage message too long: len=65544 max=65536", ex.getMessage());
        assertEquals(1, request.count());
        assertEquals(65536, request.length());
    }

    @Test
    void shouldRejectBadArgumentsAndChangeNothing()
    {
        final ManageRequest request = new ManageRequest().status();
        final byte[] before = request.toBytes();

        assertRejected(() -> request.passthrough(new byte[5]), "passthrough: data not a multiple of 8: length=5");
        assertRejected(() -> request.dmaXfer(0, 0, new byte[4], 2, 3),
            "dma_xfer: range outside the data: from=2 length=3 size=4");
        assertRejected(() -> request.dmaXfer(0, -1, new byte[4], 0, 4), "dma_xfer: negative offset: offset=-1");
        assertRejected(() -> request.execute(0, new byte[4], -1, 1),
            "execute: range outside the data: from=-1 length=1 size=4");
        assertRejected(() -> request.partCreate("abcdefghijklmnopqrstuvwxyz0123456", Resources.ZERO),
            "part_create: bad name, want 1 to 31 bytes without NUL: bytes=33");
        assertRejected(() -> request.partCreate("", Resources.ZERO),
            "part_create: bad name, want 1 to 31 bytes without NUL: bytes=0");
        assertRejected(() -> request.dmaXfer(0, 0, new byte[70000], 0, 70000),
            "manage message too long: len=70048 max=65536");

        assertArrayEquals(before, request.toBytes());
    }

    @Test
    void shouldStopAt512Transactions()
    {
        final ManageRequest request = new ManageRequest();
        for (int i = 0; i < 512; i++)
        {
            request.status();
        }

        assertRejected(request::status, "manage message full: count=512 max=512");
        assertEquals(16 + 512 * 8, request.length());
    }

    @Test
    void shouldPadRawBodies()
    {
        final ManageRequest request = new ManageRequest().raw(0x7777, new byte[] { 1 });

        assertArrayEquals(new Le().u32(32, 1, 0, 0).u32(0x7777, 16).bytes(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 })
            .toBytes(), request.toBytes());
    }

    private static void assertRejected(final Runnable action, final String message)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(message, ex.getMessage());
    }
}

package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.shadowdev.devfs.client.ManageResponseTest.assertFailure;
import static dev.shadowdev.devfs.client.ScriptedChannel.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadRunnerTest
{
    private final ScriptedChannel channel = new ScriptedChannel();
    private final ByteArrayOutputStream slot = new ByteArrayOutputStream();
    private final List<String> log = new ArrayList<>();
    private int executeStatus;

    WorkloadRunnerTest()
    {
        channel.responder = this::answer;
    }

    @Test
    void shouldLoadInChunksThatFit64KiBThenActivateExecuteDeactivate() throws Exception
    {
        final byte[] image = new byte[150_000];
        Arrays.fill(image, (byte)7);
        image[149_999] = 1;

        final WorkloadRunner.Result result = new WorkloadRunner(new NodeClient(channel))
            .run(image, "hello".getBytes());

        assertEquals(3, result.loadMessages());
        assertArrayEquals(image, slot.toByteArray());
        assertEquals(List.of("DMA_XFER offset=0 len=65496", "DMA_XFER offset=65496 len=65496",
            "DMA_XFER offset=130992 len=19008", "ACTIVATE slot=0", "EXECUTE dbc=3 len=5", "DEACTIVATE dbc=3"), log);
        assertTrue(channel.writes.stream().allMatch((w) -> w.length <= 65536));
        assertEquals(65536, channel.writes.get(0).length);
        assertEquals(new ActivateResult(3, 0, 0b11), result.activation());
        assertArrayEquals("HELLO".getBytes(), result.output());
    }

    @Test
    void shouldDeactivateWhenExecuteFails()
    {
        executeStatus = Errno.EIO.status();

        assertFailure(() -> new WorkloadRunner(new NodeClient(channel), 1024).run(new byte[2048], new byte[8]),
            Errno.EIO, "EXECUTE: status=EIO index=0");
        assertEquals(List.of("DMA_XFER offset=0 len=1024", "DMA_XFER offset=1024 len=1024", "ACTIVATE slot=0",
            "EXECUTE dbc=3 len=8", "DEACTIVATE dbc=3"), log);
    }

    @Test
    void shouldRefuseBadSizesBeforeSendingAnything()
    {
        final IllegalArgumentException chunk = assertThrows(IllegalArgumentException.class,
            () -> new WorkloadRunner(new NodeClient(channel), 65497));
        assertEquals("bad chunk size: chunk_size=65497 max=65496", chunk.getMessage());

        final WorkloadRunner runner = new WorkloadRunner(new NodeClient(channel));
        assertFailure(() -> runner.execute(3, new byte[65505]), Errno.EMSGSIZE,
            "execute: input too long: length=65505 max=65504");
        assertFailure(() -> runner.load(0, new byte[0]), Errno.EINVAL, "load: empty image: slot=0");
        assertEquals(List.of(), channel.writes);
    }

    /** A node that keeps one slot, activates on DBC 3 and upper-cases EXECUTE input. */
    private byte[] answer(final byte[] request)
    {
        final ByteBuffer b = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN);
        final int type = b.getInt(16);
        final ResponseBytes response = new ResponseBytes(u32(request, 8), 0);
        switch (type)
        {
            case 0x0005:
                final int len = b.getInt(28);
                final long offset = b.getLong(32);
                assertEquals(slot.size(), offset);
                slot.write(request, 40, len);
                log.add("DMA_XFER offset=" + offset + " len=" + len);
                return response.add(type, 0, new byte[0]).toBytes();
            case 0x0007:
                log.add("ACTIVATE slot=" + b.getInt(24));
                return response.add(type, 0, new Le().u32(3, 0).u64(0b11).toBytes()).toBytes();
            case 0x0101:
                final int n = b.getInt(28);
                log.add("EXECUTE dbc=" + b.getInt(24) + " len=" + n);
                final byte[] out = new String(request, 32, n).toUpperCase().getBytes();
                return response.add(type, executeStatus, new Le().u32(3, n).bytes(out).toBytes()).toBytes();
            case 0x000A:
                log.add("DEACTIVATE dbc=" + b.getInt(24));
                return response.add(type, 0, new byte[0]).toBytes();
            default:
                throw new AssertionError("unexpected type: " + type);
        }
    }
}

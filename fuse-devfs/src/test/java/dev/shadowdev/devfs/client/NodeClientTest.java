package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.wire.node.NodeIoctls;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.shadowdev.devfs.client.ManageResponseTest.assertFailure;
import static dev.shadowdev.devfs.client.ScriptedChannel.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeClientTest
{
    private final ScriptedChannel channel = new ScriptedChannel();
    private final NodeClient client = new NodeClient(channel);

    @Test
    void shouldGiveEachRequestTheNextTagAndMatchTheResponse() throws Exception
    {
        channel.responder = (request) -> new ResponseBytes(u32(request, 8), 0)
            .add(0x0104, 0, new Le().u32(0, 0).toBytes()).toBytes();

        assertEquals(List.of(), client.partQuery());
        assertEquals(List.of(), client.partQuery());
        assertEquals(List.of(1, 2), channel.writes.stream().map((w) -> u32(w, 8)).toList());

        final ManageResponse tagged = client.transact(new ManageRequest().tag(99).partQuery());
        assertEquals(99, tagged.tag());
    }

    @Test
    void shouldReportWriteReadAndTagFailures()
    {
        channel.writeResult = Errno.EMSGSIZE.status();
        assertFailure(() -> client.transact(new ManageRequest().status()), Errno.EMSGSIZE,
            "write: status=EMSGSIZE len=24 tag=1");

        channel.writeResult = Integer.MIN_VALUE;
        assertFailure(() -> client.transact(new ManageRequest().status()), Errno.EIO, "read: no response: tag=2");

        channel.responder = (request) -> new ResponseBytes(12345, 0).add(0x000C, 0, new byte[16]).toBytes();
        assertFailure(() -> client.transact(new ManageRequest().status()), Errno.EBADMSG,
            "bad response: tag mismatch: tag=12345 expected=3");
    }

    @Test
    void shouldSendPartBindAndNameTheErrnoOfARefusal() throws Exception
    {
        channel.responder = (request) -> new ResponseBytes(u32(request, 8), 0)
            .add(0x0109, u32(request, 16 + 12) == 1 ? Errno.ENOENT.status() : 0, new byte[0]).toBytes();

        client.partBind(4, "/machine.slice/tenant-a", false);
        assertArrayEquals(new ManageRequest().tag(1).partBind(4, "/machine.slice/tenant-a", false).toBytes(),
            channel.writes.get(0));

        assertFailure(() -> client.partBind(4, "/machine.slice/tenant-b", true), Errno.ENOENT,
            "PART_BIND: status=ENOENT index=0");
    }

    @Test
    void shouldPollAndRetryOnEagain() throws Exception
    {
        channel.eagainBeforeEachResponse = 2;
        channel.responder = (request) -> new ResponseBytes(u32(request, 8), 0)
            .add(0x000C, 0, new Le().u16(5, 0).u32(0).u64(1).toBytes()).toBytes();

        assertEquals(new FirmwareStatus(5, 0, 0, 1), client.status());
        assertEquals(2, channel.polls);
    }

    @Test
    void shouldDecodeSdIocInfo() throws Exception
    {
        channel.ioctlHandler = (cmd, arg) ->
        {
            final byte[] info = new Le().u32(7, 3, 261, 0b110).name("infer-a")
                .u64(4, 8L << 30, 8, 16, 4).u64(3, 4L << 30, 8, 16, 3).toBytes();
            assertEquals(128, arg.remaining());
            arg.put(arg.position(), info);
            return 0;
        };

        final NodeInfo info = client.info();

        assertEquals(new NodeInfo(7, 3, 261, 0b110, "infer-a", Resources.of(4, 8L << 30, 8, 16, 4),
            Resources.of(3, 4L << 30, 8, 16, 3)), info);
        assertTrue(info.isShadow() && info.isOnline() && !info.isBase());
        assertEquals(List.of(0x80805301), channel.ioctls);
    }

    @Test
    void shouldAskForAWantedMinorWithFlagBit1() throws Exception
    {
        final byte[][] seen = new byte[4][];
        channel.ioctlHandler = (cmd, arg) ->
        {
            final byte[] in = new byte[16];
            arg.get(arg.position(), in);
            seen[channel.ioctls.size() - 1] = in;
            arg.putInt(arg.position() + 8, 42);
            return in[0] == 99 ? Errno.ENOENT.status() : 0;
        };

        assertEquals(42, client.partDev(7, 5));
        assertEquals(42, client.partDev(7, -1));
        client.partDevRemove(7);

        assertArrayEquals(new Le().u32(7, 2, 5, 0).toBytes(), seen[0]);
        assertArrayEquals(new Le().u32(7, 0, 0, 0).toBytes(), seen[1]);
        assertArrayEquals(new Le().u32(7, 1, 0, 0).toBytes(), seen[2]);
        assertEquals(List.of(0xC0105303, 0xC0105303, 0xC0105303), channel.ioctls);
        assertFailure(() -> client.partDev(99, -1), Errno.ENOENT, "SD_IOC_PART_DEV: status=ENOENT id=99");
    }

    @Test
    void shouldExchangeThroughSdIocManage() throws Exception
    {
        channel.ioctlHandler = (cmd, arg) ->
        {
            assertEquals(NodeIoctls.SD_IOC_MANAGE, cmd);
            assertEquals(4096, arg.remaining());
            final int tag = arg.getInt(arg.position() + 8);
            arg.put(arg.position(), new ResponseBytes(tag, 0).add(0x0105, 0, new byte[80]).toBytes());
            return 0;
        };

        final ManageResponse r = client.transactSync(new ManageRequest().poolQuery());

        assertEquals(new PoolInfo(Resources.ZERO, Resources.ZERO), r.poolQuery(0));
        assertFailure(() -> client.transactSync(new ManageRequest().passthrough(new byte[4096])), Errno.EMSGSIZE,
            "SD_IOC_MANAGE: request too long: len=4120 max=4096");
    }

    @Test
    void shouldCloseItsChannel()
    {
        client.close();
        assertTrue(channel.closed);
    }

    @Test
    void shouldReadTheLargestResponseTheAbiAllows() throws Exception
    {
        channel.responder = (request) -> new ResponseBytes(u32(request, 8), 0)
            .add(0x0001, 0, new byte[131072 - 32]).toBytes();

        final ManageResponse r = client.transact(new ManageRequest().passthrough(new byte[8]));

        assertEquals(131072, r.length());
        assertEquals(131072 - 32, r.passthrough(0).length);
    }
}

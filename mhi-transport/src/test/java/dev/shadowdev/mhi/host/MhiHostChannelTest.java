package dev.shadowdev.mhi.host;

import dev.shadowdev.mhi.ChannelConfig;
import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.EventRingConfig;
import dev.shadowdev.mhi.Hex;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.PacketType;
import dev.shadowdev.mhi.QaicChannels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_CHAIN;
import static dev.shadowdev.mhi.TransferTreFlyweight.FLAG_IEOT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MhiHostChannelTest
{
    private final Link link = new Link().up();
    private final MhiHost host = link.host;
    private final Link.Transfers control = new Link.Transfers();

    @Test
    void startStopResetThroughTheCommandRing()
    {
        assertEquals(HostResult.OK, host.startChannel(QaicChannels.CONTROL, control, Link.TIMEOUT));
        assertEquals(ChannelState.RUNNING, host.channelState(10));
        assertEquals(ChannelState.RUNNING, link.device.channelState(10));

        assertEquals(0, host.stopChannel(10, Link.TIMEOUT));
        assertEquals(ChannelState.STOP, host.channelState(10));
        assertEquals(ChannelState.STOP, link.device.channelState(10));

        assertEquals(HostResult.OK, host.startChannel(10, control, Link.TIMEOUT));
        assertEquals(ChannelState.RUNNING, link.device.channelState(10));

        assertEquals(0, host.resetChannel(10, Link.TIMEOUT));
        assertEquals(ChannelState.DISABLED, host.channelState(10));
        assertEquals(ChannelState.DISABLED, link.device.channelState(10));

        assertEquals(HostResult.OK, host.startChannel(10, control, Link.TIMEOUT));
        assertEquals(0, host.badEvents());
    }

    @Test
    void refusedChannelOperations()
    {
        assertEquals(new HostResult(-22, "bad channel: channel=40"),
            host.startChannel(40, control, Link.TIMEOUT));
        assertEquals(new HostResult(-22, "missing listener: channel=10"),
            host.startChannel(10, null, Link.TIMEOUT));
        assertEquals(-22, host.stopChannel(10, Link.TIMEOUT));
        assertEquals("channel not running: channel=10, state=DISABLED", host.lastError());
        assertEquals(HostResult.OK, host.startChannel(10, control, Link.TIMEOUT));
        assertEquals(new HostResult(-16, "channel already running: channel=10"),
            host.startChannel(10, control, Link.TIMEOUT));
        assertEquals(-22, host.command(PacketType.TRANSFER, 10, Link.TIMEOUT));
        assertEquals("bad command type: type=0x2", host.lastError());
        assertEquals(-22, host.command(PacketType.START_CHAN, 256, Link.TIMEOUT));
        assertEquals("bad command channel: channel=256", host.lastError());
    }

    @Test
    void deviceRefusalComesBackAsItsCompletionCode()
    {
        assertEquals(CompletionCode.UNDEFINED_ERR, host.command(PacketType.START_CHAN, 99, Link.TIMEOUT));
        assertEquals("bad command channel: channel=99", link.deviceProblems.last());
    }

    @Test
    void channelTheDeviceDoesNotKnowIsRefused()
    {
        final MhiConfig hostConfig = new MhiConfig(
            List.of(new ChannelConfig(30, "EXTRA", 4, 0)), List.of(new EventRingConfig(32, 0)));
        final Link mismatched = new Link(hostConfig, MhiConfig.qaic(), 1 << 20).up();

        assertEquals(new HostResult(-5, "channel start refused: channel=30, code=UNDEFINED_ERR"),
            mismatched.host.startChannel(30, control, Link.TIMEOUT));
        assertEquals(ChannelState.ENABLED, mismatched.host.channelState(30));
    }

    @Test
    void queueArgumentsAreChecked()
    {
        final long buffer = link.alloc(256);
        assertEquals(-19, host.queue(10, buffer, 16, FLAG_IEOT));
        assertEquals(HostResult.OK, host.startChannel(10, control, Link.TIMEOUT));

        assertEquals(-22, host.queue(10, buffer, 0, FLAG_IEOT));
        assertEquals("bad buffer length: channel=10, length=0", host.lastError());
        assertEquals(-22, host.queue(10, buffer, 65536, FLAG_IEOT));
        assertEquals("bad buffer length: channel=10, length=65536", host.lastError());
        assertEquals(-22, host.queue(10, 0x10, 16, FLAG_IEOT));
        assertEquals("bad buffer address: channel=10, address=0x10", host.lastError());
        assertEquals(-22, host.queue(10, link.region.end() - 8, 16, FLAG_IEOT));
        assertEquals("bad buffer address: channel=10, address=0x1003ffff8", host.lastError());
        assertEquals(-22, host.queue(10, buffer, 16, 1 << 4));
        assertEquals("bad flags: channel=10, flags=0x10", host.lastError());
        assertEquals(-22, host.queue(77, buffer, 16, 0));
        assertEquals("bad channel: channel=77", host.lastError());
        assertEquals(-22, host.doorbell(77));
        assertEquals(127, host.freeSlots(10));
    }

    @Test
    void queuedElementsAreByteExactInTheRing()
    {
        final long buffer = link.alloc(256);
        assertEquals(HostResult.OK, host.startChannel(10, control, Link.TIMEOUT));
        final long tre = host.ring(10).writePointer();

        assertEquals(0, host.queue(10, buffer, 0x30, FLAG_CHAIN));
        assertEquals(0, host.queue(10, buffer + 0x40, 0x10, FLAG_IEOT));

        final String address = hex(buffer);
        final String next = hex(buffer + 0x40);
        assertEquals(address + " 30 00 00 00 01 00 02 00", Hex.of(link.region.buffer(), offset(tre), 16));
        assertEquals(next + " 10 00 00 00 00 02 02 00", Hex.of(link.region.buffer(), offset(tre + 16), 16));
    }

    @Test
    void fullRingReturnsEagainAndCompletionsFreeIt()
    {
        final List<Integer> lengths = new ArrayList<>();
        link.device.setHandler(0, (channel, region, message) -> lengths.add(message.totalLength()));
        final long buffer = link.alloc(64);
        assertEquals(HostResult.OK, host.startChannel(QaicChannels.LOOPBACK, control, Link.TIMEOUT));

        for (int i = 0; i < 31; i++)
        {
            assertEquals(0, host.queue(0, buffer, 1 + i, FLAG_IEOT));
        }
        assertEquals(-11, host.queue(0, buffer, 1, FLAG_IEOT));
        assertEquals(0, host.freeSlots(0));

        assertEquals(0, host.doorbell(0));
        link.settle();

        assertEquals(31, lengths.size());
        assertEquals(31, host.freeSlots(0));
        assertEquals(31, control.log.size());
        assertEquals("len=31 EOT", control.log.get(30).substring(control.log.get(30).indexOf("len=")));
        assertEquals(0, host.queue(0, buffer, 1, FLAG_IEOT));
    }

    @Test
    void oneEventCompletesABatchInOrder()
    {
        link.device.setHandler(0, (channel, region, message) -> { });
        final long buffer = link.alloc(4096);
        assertEquals(HostResult.OK, host.startChannel(0, control, Link.TIMEOUT));
        final long ring = host.ring(0).rbase();

        for (int i = 0; i < 4; i++)
        {
            assertEquals(0, host.queue(0, buffer + 0x100L * i, 0x10 + i, i == 3 ? FLAG_IEOT : 0));
        }
        host.doorbell(0);
        link.settle();

        assertEquals(List.of(
            "ch0 tre=0x" + Long.toHexString(ring) + " buf=0x" + Long.toHexString(buffer) + " len=16 EOT",
            "ch0 tre=0x" + Long.toHexString(ring + 16) + " buf=0x" + Long.toHexString(buffer + 0x100) + " len=17 EOT",
            "ch0 tre=0x" + Long.toHexString(ring + 32) + " buf=0x" + Long.toHexString(buffer + 0x200) + " len=18 EOT",
            "ch0 tre=0x" + Long.toHexString(ring + 48) + " buf=0x" + Long.toHexString(buffer + 0x300) + " len=19 EOT"),
            control.log);
    }

    @Test
    void ringWrapsAroundManyTimesInOrder()
    {
        final List<String> received = new ArrayList<>();
        link.device.setHandler(0, (channel, region, message) ->
        {
            final byte[] bytes = new byte[message.totalLength()];
            message.copyTo(bytes, 0);
            received.add(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
        });
        final long buffers = link.alloc(32 * 64);
        assertEquals(HostResult.OK, host.startChannel(0, control, Link.TIMEOUT));
        int sent = 0;
        for (int lap = 0; lap < 10; lap++)
        {
            for (int i = 0; i < 20; i++, sent++)
            {
                final byte[] text = ("m" + sent).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                final long slot = buffers + 64L * (sent % 32);
                link.region.write(slot, text, 0, text.length);
                assertEquals(0, host.queue(0, slot, text.length, FLAG_IEOT));
            }
            host.doorbell(0);
            link.settle();
        }

        assertEquals(200, received.size());
        for (int i = 0; i < 200; i++)
        {
            assertEquals("m" + i, received.get(i));
        }
        assertEquals(200, control.log.size());
        assertEquals(31, host.freeSlots(0));
    }

    @Test
    void largeMessageIsChainedAndArrivesAsOneMessage()
    {
        final List<String> received = new ArrayList<>();
        link.device.setHandler(QaicChannels.CONTROL, (channel, region, message) ->
        {
            long sum = 0;
            final byte[] bytes = new byte[message.totalLength()];
            message.copyTo(bytes, 0);
            for (int i = 0; i < bytes.length; i++)
            {
                sum += (bytes[i] & 0xFF) * (long)(i % 251 + 1);
            }
            received.add(message.count() + " " + message.length(0) + " " + message.length(1) + " " + sum);
        });
        final int length = 70_000;
        final long buffer = link.alloc(length);
        final byte[] data = new byte[length];
        long expected = 0;
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)(i * 7);
            expected += (data[i] & 0xFF) * (long)(i % 251 + 1);
        }
        link.region.write(buffer, data, 0, length);
        assertEquals(HostResult.OK, host.startChannel(10, control, Link.TIMEOUT));

        assertEquals(2, host.queueMessage(10, buffer, length, FLAG_IEOT));
        host.doorbell(10);
        link.settle();

        assertEquals(List.of("2 65535 4465 " + expected), received);
        assertEquals(2, control.log.size());
        assertEquals("len=4465 EOT", control.log.get(1).substring(control.log.get(1).indexOf("len=")));
        assertEquals(-22, host.queueMessage(10, buffer, length, FLAG_CHAIN));
        assertEquals("bad message: channel=10, length=70000, flags=0x1", host.lastError());
    }

    @Test
    void inboundMessageOverflowsIntoTheNextBuffer()
    {
        final Link.Transfers rx = new Link.Transfers();
        final long buffers = link.alloc(64);
        assertEquals(HostResult.OK, host.startChannel(11, rx, Link.TIMEOUT));
        assertEquals(0, host.queue(11, buffers, 32, FLAG_IEOT));
        assertEquals(0, host.queue(11, buffers + 32, 32, FLAG_IEOT));
        host.doorbell(11);
        link.settle();
        final byte[] payload = new byte[40];
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)(0x80 + i);
        }

        assertEquals(40, link.device.send(11, payload, 0, 40));
        link.settle();

        final long ring = host.ring(11).rbase();
        assertEquals(List.of(
            "ch11 tre=0x" + Long.toHexString(ring) + " buf=0x" + Long.toHexString(buffers) + " len=32 OVERFLOW",
            "ch11 tre=0x" + Long.toHexString(ring + 16) + " buf=0x" + Long.toHexString(buffers + 32) + " len=8 EOT"),
            rx.log);
        assertEquals("a0 a1 a2 a3 a4 a5 a6 a7 00", Hex.of(link.region.buffer(), offset(buffers + 32), 9));
    }

    @Test
    void corruptedElementComesBackAsBadTre()
    {
        link.device.setHandler(0, (channel, region, message) -> { });
        final long buffer = link.alloc(64);
        assertEquals(HostResult.OK, host.startChannel(0, control, Link.TIMEOUT));
        final long tre = host.ring(0).writePointer();
        assertEquals(0, host.queue(0, buffer, 16, FLAG_IEOT));
        link.region.buffer().putLong(offset(tre), 0x9_0000_0000L);

        host.doorbell(0);
        link.settle();

        assertEquals(List.of("ch0 tre=0x" + Long.toHexString(tre) + " buf=0x" + Long.toHexString(buffer) +
            " len=0 BAD_TRE"), control.log);
        assertEquals("bad TRE: channel=0, tre=0x" + Long.toHexString(tre) + ", ptr=0x900000000, len=16",
            link.deviceProblems.last());
    }

    @Test
    void doorbellBeyondTheRingIsReportedAsAChannelError()
    {
        assertEquals(HostResult.OK, host.startChannel(0, control, Link.TIMEOUT));
        final long bad = host.ring(0).rbase() + 32 * 16;
        link.registers.write64(dev.shadowdev.mhi.MhiRegisterLayout.channelDoorbell(0x800, 0), bad);
        link.settle();

        assertEquals("channel error ch0 ptr=0x" + Long.toHexString(bad) + " BAD_TRE",
            link.status.log.get(link.status.log.size() - 1));
        assertEquals(1, host.badEvents());
        assertEquals("stray transfer event: channel=0, ptr=0x" + Long.toHexString(bad) + ", code=BAD_TRE",
            host.lastError());
        assertEquals(List.of(), control.log);
    }

    @Test
    void channelResetGivesEveryUncompletedBufferBack()
    {
        final long buffer = link.alloc(256);
        assertEquals(HostResult.OK, host.startChannel(2, control, Link.TIMEOUT));
        final long ring = host.ring(2).rbase();
        for (int i = 0; i < 3; i++)
        {
            assertEquals(0, host.queue(2, buffer + 64L * i, 8, FLAG_IEOT));
        }
        host.doorbell(2);

        assertEquals(0, host.resetChannel(2, Link.TIMEOUT));

        assertEquals(List.of(
            "ch2 tre=0x" + Long.toHexString(ring) + " buf=0x" + Long.toHexString(buffer) + " len=8 ABORTED",
            "ch2 tre=0x" + Long.toHexString(ring + 16) + " buf=0x" + Long.toHexString(buffer + 64) + " len=8 ABORTED",
            "ch2 tre=0x" + Long.toHexString(ring + 32) + " buf=0x" + Long.toHexString(buffer + 128) + " len=8 ABORTED"),
            control.log);
        assertEquals(-19, host.queue(2, buffer, 8, FLAG_IEOT));
        assertEquals(1, link.device.refusedDoorbells());
    }

    private int offset(final long address)
    {
        return link.region.offset(address, 1);
    }

    private static String hex(final long value)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++)
        {
            if (i > 0)
            {
                sb.append(' ');
            }
            sb.append(String.format("%02x", (value >>> (8 * i)) & 0xFF));
        }
        return sb.toString();
    }
}

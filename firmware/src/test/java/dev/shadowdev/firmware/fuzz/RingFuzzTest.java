package dev.shadowdev.firmware.fuzz;

import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.mhi.ChannelContextFlyweight;
import dev.shadowdev.mhi.CommandContextFlyweight;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.PacketType;
import dev.shadowdev.mhi.RingContextFlyweight;
import dev.shadowdev.mhi.RingElementFlyweight;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;
import dev.shadowdev.testkit.FuzzRun;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Corrupt ring elements and doorbells that point beyond their ring, on the card's control channels (CONTROL 10
 * requests, 11 answers), the command ring and the event ring, driven by hand so every step is deterministic. Each
 * case states exactly what the device must do:
 * <ul>
 *   <li>a request element with a bad type, zero length or a buffer outside host memory (alone, or inside a chain):
 *   the whole message is dropped with BAD_TRE on its last element, nothing is answered, and the device names the
 *   element ({@code bad TRE: channel=10, tre=0x.., ...});</li>
 *   <li>a bad receive buffer: skipped with BAD_TRE, the answer lands in the next buffer;</li>
 *   <li>a channel or command doorbell outside its ring or off an element boundary: one BAD_TRE event carrying the
 *   pointer (a stray event for the host), nothing else; a doorbell of a channel that is not running is refused and
 *   counted; an event ring doorbell outside the ring is ignored;</li>
 *   <li>commands for channels that are not running or not configured: UNDEFINED_ERR (RESET of a configured channel:
 *   SUCCESS).</li>
 * </ul>
 * After every case the device is still in M0 and answers a STATUS.
 */
class RingFuzzTest
{
    private static final Logger LOG = FuzzRun.logger(RingFuzzTest.class);
    private static final int CI_CASES = 2000;
    private static final int TX = TestHost.TX;
    private static final int RX = TestHost.RX;
    private static final int ELEMENT = RingElementFlyweight.LENGTH;

    enum Kind
    {
        TX_ELEMENT, TX_CHAIN_ELEMENT, RX_ELEMENT, CHANNEL_DOORBELL, IDLE_CHANNEL_DOORBELL, COMMAND_DOORBELL,
        EVENT_DOORBELL, COMMAND
    }

    private TestHost test;
    private SharedRegion region;
    private byte[] status;
    private long statusAt;
    private long chainAt;
    private long lastBadCommandDoorbell;

    @Test
    void corruptElementsAndDoorbellsAreBadTreAndTheDeviceKeepsServing()
    {
        final FuzzRun run = FuzzRun.of("ring", CI_CASES);
        final Map<String, Integer> outcomes = new TreeMap<>();
        try (TestHost host = TestHost.manual(CardOptions.defaults()))
        {
            test = host;
            region = host.region;
            status = statusMessage();
            statusAt = host.put(status);
            chainAt = host.put(chainMessage());
            for (int i = 0; i < run.cases(); i++)
            {
                final SplittableRandom random = run.random(i);
                final Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                try
                {
                    outcomes.merge(kind + " " + fuzz(kind, random), 1, Integer::sum);
                    assertEquals(MhiState.M0, host.card.device().state(), "device state");
                    assertEquals(List.of("STATUS_FROM_DEV 0"), new Answer(host.transmit(status), true).describe(),
                        "the device still answers");
                    assertEquals(0, host.pendingAnswers(), "answers beyond one per message");
                }
                catch (final AssertionError ex)
                {
                    throw new AssertionError(run.describe(i) + " kind=" + kind + ": " + ex.getMessage(), ex);
                }
            }
        }
        LOG.info("{} outcomes={}", run, outcomes);
    }

    /** @return the outcome, for the statistics. */
    private String fuzz(final Kind kind, final SplittableRandom random)
    {
        final int errorsBefore = test.transferErrors.size();
        final long badEventsBefore = test.host.badEvents();
        switch (kind)
        {
            case TX_ELEMENT:
            {
                final long element = context(TX).wp();
                assertEquals(1, test.host.queueMessage(TX, statusAt, status.length, TransferTreFlyweight.FLAG_IEOT));
                final String expected = corrupt(element, random, TX);
                assertEquals(0, test.host.doorbell(TX));
                test.settle();
                assertEquals(List.of("tx BAD_TRE"), newErrors(errorsBefore));
                assertEquals(0, test.pendingAnswers(), "a dropped message is not answered");
                assertEquals(expected, test.deviceProblems.last());
                return "BAD_TRE";
            }
            case TX_CHAIN_ELEMENT:
            {
                final RingContextFlyweight tx = context(TX);
                final long first = tx.wp();
                final long second = next(tx, first);
                assertEquals(2, test.host.queueMessage(TX, chainAt, WireCases.TO_DEV_MAX,
                    TransferTreFlyweight.FLAG_IEOT));
                final String expected = corrupt(random.nextBoolean() ? first : second, random, TX);
                assertEquals(0, test.host.doorbell(TX));
                test.settle();
                assertEquals(List.of("tx BAD_TRE", "tx BAD_TRE"), newErrors(errorsBefore),
                    "both elements of the chain come back with the error");
                assertEquals(0, test.pendingAnswers(), "a dropped message is not answered");
                assertEquals(expected, test.deviceProblems.last());
                return "BAD_TRE";
            }
            case RX_ELEMENT:
            {
                final String expected = corrupt(context(RX).rp(), random, RX);
                assertEquals(List.of("STATUS_FROM_DEV 0"), new Answer(test.transmit(status), true).describe(),
                    "the answer lands in the next buffer");
                assertEquals(List.of("rx BAD_TRE"), newErrors(errorsBefore));
                assertEquals(expected, test.deviceProblems.last());
                return "BAD_TRE";
            }
            case CHANNEL_DOORBELL:
            {
                final int channel = random.nextBoolean() ? TX : RX;
                final long bad = beyond(context(channel), random);
                test.registers.write64(MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, channel), bad);
                test.settle();
                assertEquals(badEventsBefore + 1, test.host.badEvents(), "one BAD_TRE event, stray for the host");
                assertEquals("bad doorbell: channel=" + channel + ", wp=0x" + Long.toHexString(bad),
                    test.deviceProblems.last());
                assertEquals(List.of(), newErrors(errorsBefore));
                return "BAD_TRE";
            }
            case IDLE_CHANNEL_DOORBELL:
            {
                int channel = random.nextInt(MhiRegisterLayout.MAX_CHANNELS);
                channel = channel == TX || channel == RX ? channel + 2 : channel;
                final long refused = test.card.device().refusedDoorbells();
                test.registers.write64(MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, channel), random.nextLong());
                test.settle();
                assertEquals(refused + 1, test.card.device().refusedDoorbells(), "channel=" + channel);
                assertEquals(badEventsBefore, test.host.badEvents());
                return "refused";
            }
            case COMMAND_DOORBELL:
            {
                final long bad = beyond(commandContext(), random);
                test.registers.write64(MhiRegisterLayout.CRDB, bad);
                test.settle();
                final boolean repeated = bad == lastBadCommandDoorbell;
                lastBadCommandDoorbell = bad;
                assertEquals(badEventsBefore + (repeated ? 0 : 1), test.host.badEvents(),
                    "one BAD_TRE command completion per new bad value");
                if (!repeated)
                {
                    assertEquals("bad command doorbell: wp=0x" + Long.toHexString(bad),
                        test.deviceProblems.last());
                }
                return repeated ? "repeated, ignored" : "BAD_TRE";
            }
            case EVENT_DOORBELL:
            {
                final RingContextFlyweight events = eventContext();
                final long bad = beyond(events, random);
                test.registers.write64(MhiRegisterLayout.eventDoorbell(MhiRegisterLayout.ERDB_BASE, 0), bad);
                test.settle();
                assertEquals(badEventsBefore, test.host.badEvents());
                // The device ignores the value (it cannot learn the host's read point from it) and waits for the
                // host's next good ERDB, which this host only writes after consuming events: write it back, as a
                // host that noticed its own bad write would.
                test.registers.write64(MhiRegisterLayout.eventDoorbell(MhiRegisterLayout.ERDB_BASE, 0), events.wp());
                return "ignored";
            }
            case COMMAND:
            {
                int channel = random.nextBoolean() ? random.nextInt(24) : random.nextInt(256);
                channel = channel == TX || channel == RX ? channel + 2 : channel;
                final int[] types = {PacketType.START_CHAN, PacketType.STOP_CHAN, PacketType.RESET_CHAN};
                final int type = types[random.nextInt(types.length)];
                final boolean configured = test.card.device().channelState(channel) >= 0;
                final int expected = configured && type == PacketType.RESET_CHAN ?
                    CompletionCode.SUCCESS : CompletionCode.UNDEFINED_ERR;
                assertEquals(expected, test.host.command(type, channel, TestHost.TIMEOUT),
                    "command type=0x" + Integer.toHexString(type) + " channel=" + channel);
                return CompletionCode.name(expected);
            }
            default:
                throw new IllegalStateException("kind: " + kind);
        }
    }

    /**
     * Corrupt the transfer element at bus address {@code element}: a type other than TRANSFER, length 0, or a
     * buffer outside host memory, CHAIN left as it was.
     *
     * @return what the device must report for it.
     */
    private String corrupt(final long element, final SplittableRandom random, final int channel)
    {
        final RingElementFlyweight tre = new RingElementFlyweight()
            .wrap(region.buffer(), region.offset(element, ELEMENT));
        final String prefix = "bad TRE: channel=" + channel + ", tre=0x" + Long.toHexString(element);
        final int length = tre.dword0() & TransferTreFlyweight.LENGTH_MASK;
        switch (random.nextInt(3))
        {
            case 0:
            {
                int type = random.nextInt(256);
                type = type == PacketType.TRANSFER ? type + 1 : type;
                tre.dword1(tre.dword1() & ~(RingElementFlyweight.BYTE_MASK << RingElementFlyweight.TYPE_SHIFT) |
                    type << RingElementFlyweight.TYPE_SHIFT);
                return prefix + ", type=0x" + Integer.toHexString(type);
            }
            case 1:
                tre.dword0(tre.dword0() & ~TransferTreFlyweight.LENGTH_MASK);
                return prefix + ", len=0";
            default:
            {
                final long[] outside = {0, region.base() - length, region.base() - 1, region.end(),
                    region.end() - length / 2, region.end() + random.nextInt(1 << 20), Long.MIN_VALUE,
                    Long.MAX_VALUE - length, region.base() + random.nextInt(region.size()) + region.size()};
                final long ptr = outside[random.nextInt(outside.length)];
                tre.ptr(ptr);
                return prefix + ", ptr=0x" + Long.toHexString(ptr) + ", len=" + length;
            }
        }
    }

    /** @return a pointer that is not an element of the ring: past its end, before it, or off an element boundary. */
    private static long beyond(final RingContextFlyweight ring, final SplittableRandom random)
    {
        final long base = ring.rbase();
        final long end = base + ring.rlen();
        switch (random.nextInt(6))
        {
            case 0:
                return end;
            case 1:
                return end + ELEMENT * (long)random.nextInt(1 << 16);
            case 2:
                return base - ELEMENT * (1L + random.nextInt(1 << 10));
            case 3:
                return base + ELEMENT * (long)random.nextInt((int)(ring.rlen() / ELEMENT)) + 1 + random.nextInt(15);
            case 4:
                return 0;
            default:
            {
                final long value = random.nextLong();
                return value >= base && value < end ? end : value;
            }
        }
    }

    private List<String> newErrors(final int before)
    {
        return new ArrayList<>(test.transferErrors.subList(before, test.transferErrors.size()));
    }

    private ChannelContextFlyweight context(final int channel)
    {
        final long at = test.registers.read64(MhiRegisterLayout.CCABAP) + (long)channel * ChannelContextFlyweight.LENGTH;
        return new ChannelContextFlyweight().wrap(region.buffer(), region.offset(at, ChannelContextFlyweight.LENGTH));
    }

    private CommandContextFlyweight commandContext()
    {
        return new CommandContextFlyweight().wrap(region.buffer(),
            region.offset(test.registers.read64(MhiRegisterLayout.CRCBAP), RingContextFlyweight.LENGTH));
    }

    private RingContextFlyweight eventContext()
    {
        return new RingContextFlyweight().wrap(region.buffer(),
            region.offset(test.registers.read64(MhiRegisterLayout.ECABAP), RingContextFlyweight.LENGTH));
    }

    private static long next(final RingContextFlyweight ring, final long element)
    {
        final long following = element + ELEMENT;
        return following == ring.rbase() + ring.rlen() ? ring.rbase() : following;
    }

    private static byte[] statusMessage()
    {
        final WireBuffer buffer = new WireBuffer(new byte[256]);
        final WireRequestWriter writer = new WireRequestWriter().wrap(buffer, 0, buffer.capacity());
        writer.begin(7, 1, -1);
        writer.appendStatus();
        return java.util.Arrays.copyOf(buffer.byteBuffer().array(), writer.finish(true));
    }

    /** A whole 64 KiB message: two elements on the ring (65535 + 1 bytes). */
    private static byte[] chainMessage()
    {
        final WireBuffer buffer = new WireBuffer(new byte[WireCases.TO_DEV_MAX]);
        final WireRequestWriter writer = new WireRequestWriter().wrap(buffer, 0, buffer.capacity());
        writer.begin(8, 1, -1);
        final int data = WireCases.TO_DEV_MAX - 32 - 8;
        writer.appendPassthrough(new WireBuffer(new byte[data]), 0, data);
        final int length = writer.finish(true);
        assertTrue(length == WireCases.TO_DEV_MAX, "chain message length " + length);
        return buffer.byteBuffer().array();
    }
}

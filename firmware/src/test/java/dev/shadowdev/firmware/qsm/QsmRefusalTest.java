package dev.shadowdev.firmware.qsm;

import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireCrc;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad messages each get one answer with the documented errno, and nothing in them is served. */
class QsmRefusalTest
{
    private static final int BASE = -1;
    private static final int H = 2;

    private final TestHost test = TestHost.manual(CardOptions.defaults());

    @AfterEach
    void close()
    {
        test.close();
    }

    @Test
    void aBadCrcIsEbadmsgAndNothingIsServed()
    {
        test.begin(H, BASE).appendPartCreate("a", new long[]{ 1, 0, 0, 0, 1 });
        final byte[] message = finished();
        final int good = new WireBuffer(message).getInt(0);
        message[0] ^= 0x55;

        final Answer answer = answer(test.transmit(message));

        assertEquals(List.of("RESULT_FROM_DEV(UNDEFINED) -74"), answer.describe());
        assertEquals(test.sequence(), answer.sequenceNumber());
        assertEquals(String.format("bad crc: crc=0x%08x expected=0x%08x", good ^ 0x55, good),
            test.controlProblems.last());
        assertNothingCreated();
    }

    @Test
    void aBadMagicIsEbadmsg()
    {
        test.begin(H, BASE).appendPartCreate("a", new long[]{ 1, 0, 0, 0, 1 });
        final byte[] message = finished();
        new WireBuffer(message).putInt(WireMessageHeaderFlyweight.MAGIC_OFFSET, 0xDEADBEEF);

        final Answer answer = answer(test.transmit(message));

        assertEquals(List.of("RESULT_FROM_DEV(UNDEFINED) -74"), answer.describe());
        assertEquals("bad magic: magic=0xdeadbeef", test.controlProblems.last());
        assertNothingCreated();
    }

    @Test
    void anUnknownTypeIsEinvalForThatTransactionOnly()
    {
        test.begin(H, BASE).appendStatus();
        test.writer.reserve(0x999, 16);
        test.writer.appendPartQuery();

        final Answer answer = test.call();

        assertEquals(List.of("STATUS_FROM_DEV 0", "RESULT_FROM_DEV(UNKNOWN) -22", "PART_QUERY_FROM_DEV 0"),
            answer.describe());
        assertEquals(0x999, answer.getInt(1, 12));
        assertEquals("unknown transaction type: index=1 type=0x999", test.controlProblems.last());
    }

    @Test
    void aMalformedBodyIsEinvalAndNotServed()
    {
        test.begin(H, BASE).reserve(WireTypes.PART_CREATE_TO_DEV, 72);
        test.writer.appendTerminate(H + 1);
        test.writer.appendPartDestroy(1, 6);

        final Answer answer = test.call();

        assertEquals(List.of("PART_CREATE_FROM_DEV -22", "TERMINATE_FROM_DEV -13", "PART_DESTROY_FROM_DEV -22"),
            answer.describe());
        assertEquals("bad part_destroy flags: flags=0x6", test.controlProblems.last());
        assertNothingCreated();
    }

    @Test
    void aTruncatedMessageIsEinvalAndStillEchoesWhatHeaderItHas()
    {
        test.begin(H, BASE).appendStatus();
        final byte[] message = Arrays.copyOf(finished(), 20);

        final Answer answer = answer(test.transmit(message));

        assertEquals(List.of("RESULT_FROM_DEV(UNDEFINED) -22"), answer.describe());
        assertEquals(test.sequence(), answer.sequenceNumber());
        assertEquals(0, answer.handle());
        assertEquals("message shorter than header: length=20", test.controlProblems.last());
    }

    @Test
    void aMessageShorterThanItsLenIsEinval()
    {
        test.begin(H, BASE).appendPartCreate("a", new long[]{ 1, 0, 0, 0, 1 });
        final byte[] whole = finished();
        final byte[] message = Arrays.copyOf(whole, whole.length - 16);

        final Answer answer = answer(test.transmit(message));

        assertEquals(List.of("RESULT_FROM_DEV(UNDEFINED) -22"), answer.describe());
        assertEquals(H, answer.handle());
        assertEquals("message len beyond data: len=112 length=96", test.controlProblems.last());
        assertNothingCreated();
    }

    @Test
    void aMessageAbove64KibIsEmsgsize()
    {
        test.begin(H, BASE).appendStatus();
        final byte[] message = finished();
        new WireBuffer(message).putInt(WireMessageHeaderFlyweight.LEN_OFFSET, 70_000);

        final Answer answer = answer(test.transmit(message));

        assertEquals(List.of("RESULT_FROM_DEV(UNDEFINED) -90"), answer.describe());
        assertEquals("message too long: len=70000 max=65536", test.controlProblems.last());
    }

    @Test
    void answersAreCheckedByTheHostsValidatorWithCrc()
    {
        test.begin(H, BASE).appendStatus();
        final byte[] bytes = test.transmit(test.writer.finish(true));

        assertEquals(new WireCrc().compute(new WireBuffer(bytes), 0, bytes.length), new WireBuffer(bytes).getInt(0));
        assertEquals(1, test.card.control().messages());
        assertEquals(0, test.card.control().refusedMessages());
    }

    private byte[] finished()
    {
        final int length = test.writer.finish(true);
        final byte[] message = new byte[length];
        test.memory.getBytes(test.writer.messageOffset(), message, 0, length);
        return message;
    }

    private static Answer answer(final byte[] bytes)
    {
        return new Answer(bytes, true);
    }

    private void assertNothingCreated()
    {
        test.begin(H, BASE).appendPartQuery();
        final Answer answer = test.call();
        assertEquals(0, answer.getInt(0, 16));
    }
}

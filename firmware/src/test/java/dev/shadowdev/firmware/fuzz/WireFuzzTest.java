package dev.shadowdev.firmware.fuzz;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.firmware.card.CardOptions;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.model.FirmwareException;
import dev.shadowdev.firmware.model.ElasticPartitionInfo;
import dev.shadowdev.firmware.model.PoolSnapshot;
import dev.shadowdev.firmware.testkit.Answer;
import dev.shadowdev.firmware.testkit.TestHost;
import dev.shadowdev.testkit.FuzzRun;
import dev.shadowdev.wire.DmaXferContFlyweight;
import dev.shadowdev.wire.ResultFromDevFlyweight;
import dev.shadowdev.wire.TransactionCursor;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireDirection;
import dev.shadowdev.wire.WireError;
import dev.shadowdev.wire.WireLayouts;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireMessageValidator;
import dev.shadowdev.wire.WireTransactionHeaderFlyweight;
import dev.shadowdev.wire.WireTypes;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated wire messages fed to the card's control service on its own device thread (see {@link WireCases}), each
 * checked against what the QSM package comment promises, computed independently from the bytes sent:
 * <ul>
 *   <li>exactly one answer per message, echoing the sequence number, handle and partition ID of the (zero-padded)
 *   header, with a good CRC;</li>
 *   <li>a message the validator cannot walk (or whose CRC is wrong, unless it is a lone STATUS) is answered by one
 *   {@code RESULT_FROM_DEV {status, UNDEFINED}} with exactly the validator's errno;</li>
 *   <li>any other message gets one answer per transaction, in order, of the request's FROM_DEV type or
 *   {@code RESULT_FROM_DEV} naming the request's type, with 0 or a known negative errno; a started split transfer
 *   is answered by {@code DMA_XFER_CONT} and aborted;</li>
 *   <li>every 100 messages and at the end: the device thread is alive, no message hit a bug in the service, no
 *   split transfer is left, and the model's accounts balance.</li>
 * </ul>
 */
class WireFuzzTest
{
    private static final Logger LOG = FuzzRun.logger(WireFuzzTest.class);
    private static final int CI_MESSAGES = 4000;
    private static final int CHECK_EVERY = 100;
    private static final WireCases.Mutation[] MUTATIONS = WireCases.Mutation.values();

    private final WireMessageValidator validator = new WireMessageValidator();
    private final WireError error = new WireError();
    private final TransactionCursor cursor = new TransactionCursor();
    private long sent;
    private int sequence;

    @Test
    void everyMutatedMessageGetsExactlyOneAnswerAndTheDeviceThreadSurvives() throws FirmwareException
    {
        final FuzzRun run = FuzzRun.of("wire", CI_MESSAGES);
        final Map<String, Integer> outcomes = new TreeMap<>();
        final long started = System.nanoTime();
        try (TestHost test = TestHost.threaded(CardOptions.defaults().withThreadName("wire-fuzz-card")))
        {
            final WireCases cases = new WireCases(test);
            final long out = test.alloc(WireCases.MAX_BYTES);
            for (int i = 0; i < run.cases(); i++)
            {
                final SplittableRandom random = run.random(i);
                final WireCases.Mutation mutation = MUTATIONS[random.nextInt(MUTATIONS.length)];
                final byte[] bytes = cases.mutate(random, cases.wellFormed(random, ++sequence), mutation);
                try
                {
                    outcomes.merge(exchange(test, cases, out, bytes), 1, Integer::sum);
                    if (i % CHECK_EVERY == CHECK_EVERY - 1)
                    {
                        assertDeviceHealthy(test);
                    }
                }
                catch (final AssertionError ex)
                {
                    throw new AssertionError(run.describe(i) + " mutation=" + mutation + " len=" + bytes.length +
                        " head=" + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64)) + ": " +
                        ex.getMessage(), ex);
                }
            }
            assertDeviceHealthy(test);
            assertEquals(0, test.pendingAnswers(), "no answer beyond one per message");
            assertEquals(sent + test.card.noticesSent(), test.card.responses().sent(),
                "answers sent == messages sent (plus the notices of the preemptions the drains caused)");
            assertEquals(test.card.noticesSent(), test.pendingNotices(), "every notice sent arrived, apart");
            assertEquals(sent, test.card.control().messages(), "messages received == messages sent");
        }
        LOG.info("{} messages={} answers={} ms={} outcomes={}", run, sent, sent,
            (System.nanoTime() - started) / 1_000_000, outcomes);
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("served")), outcomes.toString());
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("refused")), outcomes.toString());
    }

    /** Send one message, check its one answer. @return the outcome, for the statistics. */
    private String exchange(final TestHost test, final WireCases cases, final long out, final byte[] bytes)
    {
        test.region.write(out, bytes, 0, bytes.length);
        test.sendAt(out, bytes.length);
        sent++;
        final Answer answer = new Answer(test.await(), true);
        final WireBuffer header = new WireBuffer(Arrays.copyOf(bytes, Math.max(bytes.length,
            WireMessageHeaderFlyweight.LENGTH)));
        assertEquals(header.getInt(WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET), answer.sequenceNumber(), "seq");
        assertEquals(header.getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET), answer.handle(), "handle");
        assertEquals(header.getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET), answer.partitionId(), "partition");

        final int length = Math.min(bytes.length, WireCases.TO_DEV_MAX);
        final WireBuffer request = new WireBuffer(Arrays.copyOf(bytes, length));
        final int refused = expectedRefusal(request, length);
        if (refused != 0)
        {
            assertEquals(List.of("RESULT_FROM_DEV(UNDEFINED) " + refused), describe(answer),
                "whole message refused: " + error.message());
            return "refused " + Errno.fromStatus(refused);
        }
        if (answer.count() == 1 && answer.type(0) == WireTypes.DMA_XFER_CONT)
        {
            final byte[] abort = cases.abort(++sequence, answer.handle(), answer.partitionId(),
                answer.getInt(0, DmaXferContFlyweight.DMA_CHUNK_ID_OFFSET));
            test.region.write(out, abort, 0, abort.length);
            test.sendAt(out, abort.length);
            sent++;
            assertEquals(List.of("RESULT_FROM_DEV(DMA_XFER_TO_DEV) 0"), describe(new Answer(test.await(), true)),
                "abort of the split transfer");
            return "served split transfer, aborted";
        }
        final int count = request.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET);
        assertEquals(count, answer.count(), "one answer transaction per request transaction: " + describe(answer));
        cursor.wrapWireMessage(request, 0);
        int errors = 0;
        for (int i = 0; i < count; i++)
        {
            assertTrue(cursor.next(), "request transaction " + i);
            final int type = cursor.type();
            final int answered = answer.type(i);
            if (answered == WireTypes.RESULT_FROM_DEV)
            {
                assertEquals(type, answer.getInt(i, ResultFromDevFlyweight.REQUEST_TYPE_OFFSET),
                    "RESULT_FROM_DEV names its request: index=" + i);
            }
            else
            {
                assertEquals(WireTypes.responseTypeOf(type), answered, "answer type: index=" + i);
            }
            if (WireLayouts.statusOffset(answered) >= 0)
            {
                final int status = answer.status(i);
                assertTrue(status == 0 || status < 0 && Errno.fromStatus(status) != null,
                    "status 0 or a known negative errno: index=" + i + " status=" + status);
                errors += status != 0 ? 1 : 0;
            }
        }
        return errors == 0 ? "served, all ok" : "served, some refused";
    }

    /** @return the errno the QSM service must answer the whole message with, or 0 (reason in {@link #error}). */
    private int expectedRefusal(final WireBuffer request, final int length)
    {
        final int framing = validator.verifyFraming(request, 0, length, WireDirection.TO_DEV, false, error);
        if (framing != 0)
        {
            return framing;
        }
        final boolean loneStatus = request.getInt(WireMessageHeaderFlyweight.COUNT_OFFSET) == 1 &&
            request.getInt(WireMessageHeaderFlyweight.LENGTH + WireTransactionHeaderFlyweight.TYPE_OFFSET) ==
            WireTypes.STATUS_TO_DEV;
        return loneStatus ? 0 :
            validator.verifyCrc(request, 0, request.getInt(WireMessageHeaderFlyweight.LEN_OFFSET), error);
    }

    private static List<String> describe(final Answer answer)
    {
        return answer.describe();
    }

    private static void assertDeviceHealthy(final TestHost test) throws FirmwareException
    {
        assertTrue(test.card.isDeviceThreadAlive(), "device thread alive");
        assertEquals(0, test.card.control().internalErrors(), "messages that hit a bug in the control service");
        assertEquals(0, test.card.control().continuationsInProgress(), "split transfers left");
        assertEquals(List.of(), test.transferErrors, "transfer errors on the control channels");
        assertAccountsBalance(test.card.firmware());
    }

    /**
     * Per partition {@code used <= max} and {@code borrowed = max(0, used - min)}; on the card
     * {@code sum(min) + global used + global free <= capacity} and {@code sum(used) + global used <= capacity}, with
     * the first an equality while nothing is borrowed (v1 accounts: ABI.md 6, PoolSnapshot).
     */
    static void assertAccountsBalance(final Firmware firmware) throws FirmwareException
    {
        final PoolSnapshot global = firmware.queryPool(-1, 0);
        final List<ElasticPartitionInfo> partitions = firmware.queryPartitionsEx(-1, 0);
        for (int r = 0; r < Resource.COUNT; r++)
        {
            final long capacity = firmware.profile().capacity().get(r);
            long reserved = 0;
            long used = 0;
            long borrowed = 0;
            for (final ElasticPartitionInfo partition : partitions)
            {
                final long min = partition.min().get(r);
                final long partUsed = partition.used().get(r);
                reserved += min;
                used += partUsed;
                borrowed += partition.borrowed().get(r);
                assertTrue(partUsed <= partition.max().get(r), "used <= max: " + partition);
                assertEquals(Math.max(0, partUsed - min), partition.borrowed().get(r), "borrowed: " + partition);
            }
            final String what = "accounts of " + Resource.of(r).key();
            final long books = global.free().get(r) + reserved + global.used().get(r);
            assertTrue(books <= capacity, what + ": free + sum(min) + used=" + books);
            assertTrue(used + global.used().get(r) <= capacity, what + ": used=" + used);
            if (borrowed == 0)
            {
                assertEquals(capacity, books, what);
            }
        }
    }
}

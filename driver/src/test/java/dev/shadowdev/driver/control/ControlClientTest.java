package dev.shadowdev.driver.control;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.pool.PooledBuffer;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.ScriptedCard;
import dev.shadowdev.mhi.QaicChannels;
import dev.shadowdev.wire.PassthroughFlyweight;
import dev.shadowdev.wire.WireBuffer;
import dev.shadowdev.wire.WireCrc;
import dev.shadowdev.wire.WireMessageHeaderFlyweight;
import dev.shadowdev.wire.WireRequestWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control client over the real transport against scripted device behaviour. */
class ControlClientTest
{
    private final ControlStack stack = new ControlStack(3);
    private final ControlClient client = stack.client;

    @AfterEach
    void close()
    {
        stack.close();
    }

    @Test
    void aResponseGoesToItsRequestWithTheStampedIdentity()
    {
        final Recorder done = new Recorder();
        assertEquals(0, client.submit(passthrough(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 99, 99), 7, 3, done,
            ControlStack.TIMEOUT));
        done.await(1);
        assertEquals(List.of(0), done.statuses);
        final WireBuffer answer = new WireBuffer(done.messages.get(0));
        assertEquals(7, answer.getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET));
        assertEquals(3, answer.getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET));
        final byte[] sent = stack.card.requests().get(0);
        assertEquals(7, new WireBuffer(sent).getInt(WireMessageHeaderFlyweight.HANDLE_OFFSET));
        assertEquals(3, new WireBuffer(sent).getInt(WireMessageHeaderFlyweight.PARTITION_ID_OFFSET));
        assertEquals(new WireCrc().compute(new WireBuffer(sent), 0, sent.length),
            new WireBuffer(sent).getInt(WireMessageHeaderFlyweight.CRC32_OFFSET));
        assertEquals(1, stack.counters.get(Counter.CONTROL_DELIVERED));
        assertEquals(0, client.pending());
    }

    @Test
    void manyCallersAtOnceEachGetTheirOwnAnswer() throws Exception
    {
        final int threads = 8;
        final int perThread = 150;
        final ConcurrentHashMap<Long, Long> wrong = new ConcurrentHashMap<>();
        final CountDownLatch done = new CountDownLatch(threads * perThread);
        final List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final int thread = t;
            callers.add(new Thread(() ->
            {
                final WireRequestWriter writer = new WireRequestWriter();
                final WireBuffer buffer = new WireBuffer(ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN));
                for (int i = 0; i < perThread; i++)
                {
                    final long id = (long)thread << 32 | i;
                    final byte[] data = ByteBuffer.allocate(8 + 8 * (i % 50)).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(0, id).array();
                    writer.wrap(buffer, 0, buffer.capacity());
                    writer.begin(0, 0, 0);
                    writer.appendPassthrough(new WireBuffer(data), 0, data.length);
                    int status;
                    while ((status = client.submit(writer, thread + 1, -1, (s, m) ->
                    {
                        final long echoed = s == 0 ? m.wire().getLong(WireMessageHeaderFlyweight.LENGTH +
                            PassthroughFlyweight.DATA_OFFSET) : -1;
                        if (echoed != id)
                        {
                            wrong.put(id, echoed);
                        }
                        client.release(m);
                        done.countDown();
                    }, ControlStack.TIMEOUT)) == Errno.EBUSY.status())
                    {
                        Thread.onSpinWait();
                    }
                    if (status != 0)
                    {
                        wrong.put(id, (long)status);
                        done.countDown();
                    }
                }
            }));
        }
        callers.forEach(Thread::start);
        assertTrue(done.await(20, TimeUnit.SECONDS), "answers missing: " + done.getCount());
        for (final Thread caller : callers)
        {
            caller.join();
        }
        assertEquals(Collections.emptyMap(), wrong);
        assertEquals(threads * perThread, stack.counters.get(Counter.CONTROL_DELIVERED));
        assertEquals(0, stack.counters.get(Counter.CONTROL_LATE) + stack.counters.get(Counter.CONTROL_UNMATCHED) +
            stack.counters.get(Counter.CONTROL_CORRUPT));
    }

    @Test
    void aTimedOutRequestFailsOnceAndItsLateAnswerIsDroppedAndCounted()
    {
        final List<byte[]> held = Collections.synchronizedList(new ArrayList<>());
        stack.card.responder = (card, request) ->
        {
            held.add(card.standard(request));
            return null;
        };
        final Recorder done = new Recorder();
        assertEquals(0, client.submit(passthrough(new byte[8], 0, 0), 1, -1, done, ControlStack.TIMEOUT));
        Rig.await(() -> held.size() == 1, "request at the device");

        assertEquals(0, client.checkTimeouts());
        stack.clock.addAndGet(ControlStack.TIMEOUT);
        assertEquals(1, client.checkTimeouts());
        assertEquals(List.of(Errno.ETIMEDOUT.status()), done.statuses);

        stack.card.send(held.get(0));
        Rig.await(() -> stack.counters.get(Counter.CONTROL_LATE) == 1, "late answer counted");
        assertEquals(1, done.statuses.size());
        assertEquals(1, stack.counters.get(Counter.CONTROL_TIMEOUTS));
        assertEquals(0, stack.counters.get(Counter.CONTROL_DELIVERED));
    }

    @Test
    void unmatchedAndMistaggedAnswersAreDroppedAndTheTrueOneStillDelivered()
    {
        final List<byte[]> held = Collections.synchronizedList(new ArrayList<>());
        stack.card.responder = (card, request) ->
        {
            held.add(card.standard(request));
            return null;
        };
        final Recorder done = new Recorder();
        assertEquals(0, client.submit(passthrough(new byte[8], 0, 0), 5, 2, done, ControlStack.TIMEOUT));
        Rig.await(() -> held.size() == 1, "request at the device");
        final byte[] answer = held.get(0);

        stack.card.send(ScriptedCard.patch(answer, WireMessageHeaderFlyweight.SEQUENCE_NUMBER_OFFSET, 0x7000_0000,
            true));
        stack.card.send(ScriptedCard.patch(answer, WireMessageHeaderFlyweight.HANDLE_OFFSET, 6, true));
        stack.card.send(ScriptedCard.patch(answer, WireMessageHeaderFlyweight.PARTITION_ID_OFFSET, -1, true));
        Rig.await(() -> stack.counters.get(Counter.CONTROL_UNMATCHED) == 3, "unmatched counted");
        assertEquals(0, done.statuses.size());

        stack.card.send(answer);
        done.await(1);
        assertEquals(List.of(0), done.statuses);
    }

    @Test
    void corruptAnswersAreDroppedAndCounted()
    {
        client.crc(true, true);
        final List<byte[]> held = Collections.synchronizedList(new ArrayList<>());
        stack.card.responder = (card, request) ->
        {
            held.add(card.standard(request));
            return null;
        };
        final Recorder done = new Recorder();
        assertEquals(0, client.submit(passthrough(new byte[16], 0, 0), 1, -1, done, ControlStack.TIMEOUT));
        Rig.await(() -> held.size() == 1, "request at the device");
        final byte[] answer = held.get(0);

        stack.card.send(ScriptedCard.patch(answer, WireMessageHeaderFlyweight.CRC32_OFFSET, 0x1234, false));
        stack.card.send(ScriptedCard.patch(answer, WireMessageHeaderFlyweight.MAGIC_OFFSET, 0x1234, true));
        stack.card.send(ScriptedCard.patch(answer, WireMessageHeaderFlyweight.LEN_OFFSET, answer.length + 8, true));
        final byte[] flipped = answer.clone();
        flipped[answer.length - 1] ^= 1;
        stack.card.send(flipped);
        Rig.await(() -> stack.counters.get(Counter.CONTROL_CORRUPT) == 4, "corrupt counted");
        assertEquals(0, done.statuses.size());
        assertEquals(1, client.pending());

        stack.card.send(answer);
        done.await(1);
        assertEquals(List.of(0), done.statuses);
    }

    @Test
    void answersLongerThanOneReceiveBufferAreReassembled()
    {
        final byte[] data = new byte[40_000];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)(i * 31);
        }
        final Recorder done = new Recorder();
        assertEquals(0, client.submit(passthrough(data, 0, 0), 1, -1, done, ControlStack.TIMEOUT));
        done.await(1);
        final byte[] echoed = new byte[data.length];
        System.arraycopy(done.messages.get(0), WireMessageHeaderFlyweight.LENGTH + PassthroughFlyweight.DATA_OFFSET,
            echoed, 0, data.length);
        assertArrayEquals(data, echoed);
    }

    @Test
    void consecutiveTimeoutsDeclareTheFirmwareDeadOnce()
    {
        final AtomicInteger dead = new AtomicInteger();
        client.deadFirmwareHook(dead::incrementAndGet);
        stack.card.responder = (card, request) -> null;
        final Recorder done = new Recorder();
        for (int i = 0; i < 2; i++)
        {
            assertEquals(0, client.submit(passthrough(new byte[8], 0, 0), 1, -1, done, ControlStack.TIMEOUT));
        }
        stack.clock.addAndGet(ControlStack.TIMEOUT);
        assertEquals(2, client.checkTimeouts());
        assertEquals(0, dead.get());
        for (int i = 0; i < 3; i++)
        {
            assertEquals(0, client.submit(passthrough(new byte[8], 0, 0), 1, -1, done, ControlStack.TIMEOUT));
        }
        stack.clock.addAndGet(ControlStack.TIMEOUT);
        assertEquals(3, client.checkTimeouts());
        assertEquals(1, dead.get());
        assertEquals(5, done.statuses.size());
    }

    @Test
    void aMessageTheDeviceCannotDeliverFailsWithEio()
    {
        stack.card.device.setHandler(QaicChannels.CONTROL, null);
        final Recorder done = new Recorder();
        assertEquals(0, client.submit(passthrough(new byte[8], 0, 0), 1, -1, done, ControlStack.TIMEOUT));
        done.await(1);
        assertEquals(List.of(Errno.EIO.status()), done.statuses);
        assertEquals(1, stack.counters.get(Counter.CONTROL_TX_ERRORS));
    }

    @Test
    void aStoppedClientRefusesAndFailAllAnswersEveryPendingRequest()
    {
        stack.card.responder = (card, request) -> null;
        final Recorder done = new Recorder();
        assertEquals(0, client.submit(passthrough(new byte[8], 0, 0), 1, -1, done, ControlStack.TIMEOUT));
        assertEquals(0, client.submit(passthrough(new byte[8], 0, 0), 2, -1, done, ControlStack.TIMEOUT));
        client.stop();
        assertEquals(Errno.EIO.status(), client.submit(passthrough(new byte[8], 0, 0), 3, -1, done,
            ControlStack.TIMEOUT));
        assertEquals(2, client.failAll(Errno.EIO.status()));
        assertEquals(List.of(Errno.EIO.status(), Errno.EIO.status()), done.statuses);
        assertEquals(0, client.pending());
    }

    @Test
    void withoutCrcTheFieldIsZero()
    {
        client.crc(false, false);
        final Recorder done = new Recorder();
        assertEquals(0, client.submit(passthrough(new byte[8], 0, 0), 1, -1, done, ControlStack.TIMEOUT));
        done.await(1);
        assertEquals(0, new WireBuffer(stack.card.requests().get(0)).getInt(WireMessageHeaderFlyweight.CRC32_OFFSET));
        assertNotEquals(0, new WireBuffer(done.messages.get(0)).getInt(WireMessageHeaderFlyweight.CRC32_OFFSET));
    }

    private static WireRequestWriter passthrough(final byte[] data, final int handle, final int partition)
    {
        final WireRequestWriter writer = new WireRequestWriter();
        final WireBuffer buffer = new WireBuffer(ByteBuffer.allocate(65536).order(ByteOrder.LITTLE_ENDIAN));
        writer.wrap(buffer, 0, buffer.capacity());
        writer.begin(0, handle, partition);
        writer.appendPassthrough(new WireBuffer(data), 0, data.length);
        return writer;
    }

    /** Records completions (copies of the answers) for assertions. */
    private final class Recorder implements ControlCompletion
    {
        final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> messages = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onControlResponse(final int status, final PooledBuffer response)
        {
            if (response != null)
            {
                final byte[] copy = new byte[response.length()];
                response.byteBuffer().get(0, copy);
                messages.add(copy);
                client.release(response);
            }
            statuses.add(status);
        }

        void await(final int count)
        {
            Rig.await(() -> statuses.size() >= count, count + " completions");
        }
    }
}

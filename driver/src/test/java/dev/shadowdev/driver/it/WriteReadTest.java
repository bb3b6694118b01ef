package dev.shadowdev.driver.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.Counter;
import dev.shadowdev.driver.DriverCounters;
import dev.shadowdev.driver.testing.Client;
import dev.shadowdev.driver.testing.Msg;
import dev.shadowdev.driver.testing.Rig;
import dev.shadowdev.driver.testing.Rsp;
import dev.shadowdev.wire.node.ManageMessageFlyweight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ABI.md 1.1 and 1.2: what write() accepts, what read() returns, poll. */
class WriteReadTest
{
    private final Rig rig = new Rig(b -> b.controlTimeout(Duration.ofMillis(300))).up();
    private final Client base = rig.base();

    @AfterEach
    void close()
    {
        base.close();
        rig.close();
    }

    @Test
    void malformedWritesFailAndSendNothing()
    {
        final int before = rig.wire.sentCount();
        final byte[] good = Msg.tag(1).status().bytes();

        assertEquals(Errno.EINVAL.status(), base.write(new byte[8]));
        assertEquals(Errno.EINVAL.status(), base.write(java.util.Arrays.copyOf(good, good.length + 8)));
        assertEquals(Errno.EINVAL.status(), base.write(Msg.tag(1).status().patch(b -> b.putInt(12, 1)).bytes()));
        assertEquals(Errno.EINVAL.status(), base.write(Msg.tag(1).status().patch(b -> b.putInt(4, 0)).bytes()));
        assertEquals(Errno.EINVAL.status(), base.write(Msg.tag(1).status().patch(b -> b.putInt(16, 0x77)).bytes()));
        assertEquals(Errno.EINVAL.status(),
            base.write(Msg.tag(1).activate(2).patch(b -> b.putInt(16 + 12, 1)).bytes()));
        assertEquals(Errno.EMSGSIZE.status(), base.write(new byte[ManageMessageFlyweight.MAX_LENGTH + 8]));
        assertEquals(Errno.EMSGSIZE.status(), base.write(Msg.tag(1).status().patch(b -> b.putInt(0, 70000)).bytes()));

        assertEquals(before, rig.wire.sentCount());
        assertEquals(0, base.session.read(ByteBuffer.allocate(4096), false));
    }

    @Test
    void writeReturnsLengthAndResponsesComeInWriteOrder()
    {
        final byte[] first = Msg.tag(11).passthrough(new byte[64]).bytes();
        assertEquals(first.length, base.write(first));
        base.send(Msg.tag(12).status());
        base.send(Msg.tag(13).poolQuery());

        assertEquals(11, base.read().tag());
        assertEquals(12, base.read().tag());
        final Rsp third = base.read();
        assertEquals(13, third.tag());
        assertEquals(0, third.status());
        assertEquals(List.of("POOL_QUERY:0"), third.statuses());
        assertEquals(0, base.session.read(ByteBuffer.allocate(4096), true));
    }

    @Test
    void anAnswerNoReaderComesForWaitsAndTheTimerGivesItToAWorkerSoTheNextRequestLeaves() throws Exception
    {
        // No timer thread: the test ticks by hand. A's answer arrives while nobody reads, writes or polls: it waits
        // for the session's next call (B stays in the inbox), the first tick only marks it, the second gives it to
        // a worker, which finishes A's response and sends B. Whether A's answer is deferred depends on timing (it
        // may arrive before the second write, which then takes it), so try until it is.
        try (Rig manual = new Rig(b -> b.timerTick(Duration.ZERO)).up(); Client client = manual.base())
        {
            final DriverCounters counters = manual.driver.counters();
            for (int attempt = 0; attempt < 100; attempt++)
            {
                final int sent = manual.wire.sentCount();
                final long deferred = counters.get(Counter.SESSION_RUNS_DEFERRED);
                client.send(Msg.tag(100 + attempt).status());
                client.send(Msg.tag(200 + attempt).poolQuery());
                Rig.await(() -> counters.get(Counter.SESSION_RUNS_DEFERRED) > deferred ||
                    manual.wire.sentCount() == sent + 2, "A's answer deferred, or taken by the second write");
                if (manual.wire.sentCount() == sent + 1)
                {
                    Thread.sleep(20);
                    assertEquals(sent + 1, manual.wire.sentCount(), "nothing moves a deferred answer but a call");
                    manual.driver.tick();
                    assertEquals(sent + 1, manual.wire.sentCount(), "the first tick only marks it");
                    assertEquals(0, counters.get(Counter.SESSION_RUNS_DISPATCHED_BY_TIMER));
                    manual.driver.tick();
                    Rig.await(() -> manual.wire.sentCount() == sent + 2, "B sent by the worker, without a read");
                    assertEquals(1, counters.get(Counter.SESSION_RUNS_DISPATCHED_BY_TIMER));
                    assertEquals(100 + attempt, client.read().tag());
                    assertEquals(200 + attempt, client.read().tag());
                    return;
                }
                assertEquals(100 + attempt, client.read().tag());
                assertEquals(200 + attempt, client.read().tag());
            }
            throw new AssertionError("A's answer was never deferred");
        }
    }

    @Test
    void tooSmallReadIsEoverflowAndTheResponseStaysQueued()
    {
        final byte[] data = new byte[200];
        data[5] = 42;
        base.send(Msg.tag(5).passthrough(data));
        Rig.await(base.session::pollIn, "response");

        assertEquals(Errno.EOVERFLOW.status(), base.session.read(ByteBuffer.allocate(64), false));
        assertTrue(base.session.pollIn());
        final Rsp rsp = base.read();
        assertEquals(5, rsp.tag());
        assertArrayEquals(data, rsp.txn(0).body());
        assertFalse(base.session.pollIn());
    }

    @Test
    void nonBlockingReadIsEagainWhileOutstandingAndTimeoutAnswersEtimedout()
    {
        final AtomicInteger ready = new AtomicInteger();
        base.session.readyListener(ready::incrementAndGet);
        rig.card.hang();
        base.send(Msg.tag(9).status().poolQuery());

        assertEquals(Errno.EAGAIN.status(), base.session.read(ByteBuffer.allocate(4096), true));
        assertFalse(base.session.pollIn());

        final byte[] bytes = new byte[4096];
        final int n = base.session.read(ByteBuffer.wrap(bytes), false);
        final Rsp rsp = Rsp.parse(bytes, n);
        assertEquals(Errno.ETIMEDOUT.status(), rsp.status());
        assertEquals(List.of("STATUS:-110", "POOL_QUERY:-110"), rsp.statuses());
        Rig.await(() -> ready.get() == 1, "ready listener");
        rig.card.resume();
        assertEquals(List.of("STATUS:0"), base.transact(Msg.tag(10).status()).statuses());
    }

    @Test
    void readyListenerRunsForEveryResponse()
    {
        final AtomicInteger ready = new AtomicInteger();
        base.session.readyListener(ready::incrementAndGet);
        for (int i = 0; i < 5; i++)
        {
            base.send(Msg.tag(i).status());
        }
        for (int i = 0; i < 5; i++)
        {
            assertEquals(i, base.read().tag());
        }
        Rig.await(() -> ready.get() == 5, "ready listener");
    }
}

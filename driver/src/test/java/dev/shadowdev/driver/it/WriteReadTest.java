package dev.shadowdev.driver.it;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.counters.DriverCounters;
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
    void writesLendTheirThreadToTheIdleCardAndPipelinedWritesNeedNoReader()
    {
        // The writer's thread runs the session up to the doorbell and is then lent to the idle card, whose answer
        // is completed in the card's interrupt on that thread. Answers that nobody reads yet still let the next
        // requests out: no reader, poller or timer has to come for them. (Whether one particular answer beats its
        // write's return depends on whether the card's own thread held the card at that instant; the runner's
        // tests pin the hand-over itself deterministically.)
        // Writes that follow each other within microseconds can find the card's own thread still awake from the
        // one before and leave their doorbell to it (nothing is lost either way), so each write here waits until
        // that thread is parked: the card is idle and the writer is the one to run it.
        final long lentBefore = rig.card.invokedCycles();
        for (int tag = 41; tag < 50; tag++)
        {
            Rig.await(rig.card::isDeviceThreadParked, "the card's thread parked");
            base.send(Msg.tag(tag).poolQuery());
        }
        for (int tag = 41; tag < 50; tag++)
        {
            assertEquals(tag, base.read().tag());
        }
        assertEquals(0, base.session.read(ByteBuffer.allocate(4096), true));
        assertTrue(rig.card.invokedCycles() > lentBefore, "no write ran the card on its own thread");
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

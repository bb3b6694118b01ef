package dev.shadowdev.devfs.client;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.NodeSession;
import dev.shadowdev.driver.api.ResponseSink;
import dev.shadowdev.wire.node.NodeIoctls;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionNodeChannelTest
{
    private final FakeSession session = new FakeSession();

    @Test
    void shouldPassBuffersWithoutMovingTheCallersPositions()
    {
        final SessionNodeChannel channel = new SessionNodeChannel(session, true);
        final ByteBuffer src = ByteBuffer.allocate(32).position(8);
        final ByteBuffer dst = ByteBuffer.allocate(32).position(4);

        assertEquals(24, channel.write(src));
        assertEquals(8, src.position());
        assertEquals(Errno.EAGAIN.status(), channel.read(dst));
        assertTrue(session.lastNonBlocking);
        assertEquals(4, dst.position());
    }

    @Test
    void shouldHandTheSessionExactlyTheIoctlStruct()
    {
        final SessionNodeChannel channel = new SessionNodeChannel(session, false);

        assertEquals(0, channel.ioctl(NodeIoctls.SD_IOC_PART_DEV, ByteBuffer.allocate(64).position(8)));
        assertEquals(16, session.lastIoctlSize);
        assertEquals(Errno.EINVAL.status(), channel.ioctl(NodeIoctls.SD_IOC_INFO, ByteBuffer.allocate(64)));
    }

    @Test
    void shouldWakeAPollerWhenTheSessionSaysReady() throws Exception
    {
        final SessionNodeChannel channel = new SessionNodeChannel(session, false);
        assertEquals(0, channel.poll(0));
        assertEquals(0, channel.poll(10));

        final CompletableFuture<Integer> poller = CompletableFuture.supplyAsync(() -> channel.poll(-1));
        Thread.sleep(20);
        assertFalse(poller.isDone());
        session.ready = true;
        session.listener.run();

        assertEquals(1, poller.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldCloseTheSessionOnceAndAnswerEbadfAfter()
    {
        final SessionNodeChannel channel = new SessionNodeChannel(session, false);

        channel.close();
        channel.close();

        assertEquals(1, session.closes);
        assertNull(session.listener);
        assertEquals(-9, channel.write(ByteBuffer.allocate(8)));
        assertEquals(-9, channel.poll(-1));
    }

    private static final class FakeSession implements NodeSession
    {
        volatile boolean ready;
        volatile Runnable listener;
        boolean lastNonBlocking;
        int lastIoctlSize;
        int closes;

        @Override
        public int write(final ByteBuffer src)
        {
            final int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public int read(final ByteBuffer dst, final boolean nonBlocking)
        {
            lastNonBlocking = nonBlocking;
            dst.position(dst.limit());
            return Errno.EAGAIN.status();
        }

        @Override
        public int read(final ResponseSink sink, final int capacity, final boolean nonBlocking)
        {
            lastNonBlocking = nonBlocking;
            return Errno.EAGAIN.status();
        }

        @Override
        public int ioctl(final int cmd, final ByteBuffer arg)
        {
            lastIoctlSize = arg.remaining();
            return 0;
        }

        @Override
        public boolean pollIn()
        {
            return ready;
        }

        @Override
        public void readyListener(final Runnable listener)
        {
            this.listener = listener;
        }

        @Override
        public void close()
        {
            closes++;
        }
    }
}

package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.firmware.qsm.QsmControlAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bug the abusive neighbour of {@link IsolationIT} showed: the per-session limit
 * ({@code DriverOptions.maxOutstandingPerSession}, 64) counts requests not answered yet, and
 * {@code SessionQueues.respond} takes a request off that count as soon as its response is queued, unread. So a
 * session that writes at the firmware's pace and never reads is never told EAGAIN, and the driver keeps every
 * response (here 60 KiB each, in 128 KiB pool buffers) for it: one container can grow the daemon's heap without
 * bound and take every partition down with it. Expected: once 64 of a session's requests are unanswered or unread,
 * {@code write()} answers EAGAIN.
 */
class UnreadResponsesIT
{
    private static final int REQUESTS = 256;

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    @Test
    void aSessionThatNeverReadsIsToldEagainOnceItHoldsTheLimitOfResponses() throws Exception
    {
        final int limit = devfs.driver().options().maxOutstandingPerSession();
        final QsmControlAdapter firmware = devfs.devfs.card().control();
        final ByteBuffer request = new ManageRequest().tag(1).passthrough(new byte[60 * 1024]).buffer();
        int accepted = 0;
        int status = 0;
        try (FileNodeChannel channel = FileNodeChannel.open(devfs.node("batch"), true))
        {
            for (int i = 0; i < REQUESTS && status >= 0; i++)
            {
                final long answered = firmware.messages();
                status = channel.write(request.duplicate());
                if (status > 0)
                {
                    accepted++;
                    awaitFirmware(firmware, answered + 1);
                }
            }
        }
        assertEquals(Errno.EAGAIN.status(), status, "write after " + accepted + " responses left unread");
        assertEquals(limit, accepted, "responses one session may leave unread");
        devfs.assertHealthyAndIdle();
    }

    /** Wait until the firmware has taken the request (its answer follows at once). */
    private static void awaitFirmware(final QsmControlAdapter firmware, final long messages) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (firmware.messages() < messages)
        {
            assertTrue(System.nanoTime() < deadline, "the firmware did not take the request");
            Thread.sleep(1);
        }
        Thread.sleep(1);
    }
}

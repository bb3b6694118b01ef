package dev.shadowdev.devfs.reliability;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.devfs.client.FileNodeChannel;
import dev.shadowdev.devfs.client.ManageRequest;
import dev.shadowdev.devfs.client.ManageResponse;
import dev.shadowdev.devfs.client.NodeClient;
import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.WorkloadRunner;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.testkit.FuzzRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 64 concurrent sessions, 16 on each partition, each a thread writing through the mount with up to 8 requests in
 * flight. Every message has a tag unique in the run (session index in the high bits, sequence in the low) and a
 * PASSTHROUGH (or, on one session per partition, an EXECUTE on its own ECHO workload) whose payload starts with the
 * session and sequence and goes on with bytes drawn from the session's seed; some messages add STATUS or
 * POOL_QUERY. Each response must be the next one the session expects: its tag, its type layout and its payload
 * exactly. Counted: lost (no response within 10 s), duplicated (a tag seen twice anywhere), misdelivered (a tag or
 * payload of another message). All three must be zero, the driver must have dropped nothing (late, unmatched,
 * corrupt, stale, timed out), and the mount must be back to its baseline.
 * <p>
 * Volume: 300 messages per session in CI; {@code -Dshadowdev.reliability.load.messages} (scripts/reliability: 10000).
 */
class LoadIT
{
    private static final Logger LOG = FuzzRun.logger(LoadIT.class);
    private static final int SESSIONS = 64;
    private static final int DEPTH = 8;
    private static final int CI_MESSAGES = 300;
    private static final long LOST_AFTER_MS = 10_000;
    private static final Counter[] MUST_STAY = {Counter.CONTROL_LATE, Counter.CONTROL_UNMATCHED,
        Counter.CONTROL_CORRUPT, Counter.CONTROL_TIMEOUTS, Counter.CONTROL_TX_ERRORS, Counter.CONTROL_PROTOCOL_ERRORS,
        Counter.DBC_STALE, Counter.DBC_TIMEOUTS, Counter.RECOVERIES};
    private static final byte[] IMAGE = new WorkloadImageWriter().name("load").needs(1, 1 << 20, 0, 0, 1)
        .op(WorkloadOp.ECHO).payload(new byte[64]).toBytes();

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();

    private final Set<Integer> seenTags = ConcurrentHashMap.newKeySet();

    @Test
    void sixtyFourSessionsLoseDuplicateAndMisdeliverNothing() throws Exception
    {
        final int messages = Integer.getInteger("shadowdev.reliability.load.messages", FuzzRun.scaled(CI_MESSAGES));
        final long seed = FuzzRun.seed();
        final DriverCounters counters = devfs.driver().counters();
        final Map<Counter, Long> before = new EnumMap<>(counters.snapshot());
        final ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        final List<Future<Tally>> futures = new ArrayList<>();
        final long started = System.nanoTime();
        for (int s = 0; s < SESSIONS; s++)
        {
            final int session = s;
            final Path node = devfs.node(ReliabilityMount.NAMES.get(s % ReliabilityMount.NAMES.size()));
            futures.add(pool.submit(() -> runSession(session, node, messages, seed)));
        }
        final Tally total = new Tally(0);
        final List<Long> latencies = new ArrayList<>();
        for (final Future<Tally> future : futures)
        {
            final Tally t = future.get(30, TimeUnit.MINUTES);
            total.add(t);
            for (int i = 0; i < t.count; i++)
            {
                latencies.add(t.latencies[i]);
            }
        }
        final long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        pool.shutdown();
        latencies.sort(null);
        final Map<Counter, Long> after = counters.snapshot();
        LOG.info("load: sessions={} messages_per_session={} depth={} responses={} lost={} duplicated={} " +
            "misdelivered={} ms={} messages_per_s={} latency_us p50={} p99={} max={} counters_after={}",
            SESSIONS, messages, DEPTH, total.received, total.lost, total.duplicated, total.misdelivered, ms,
            total.received * 1000L / ms, percentile(latencies, 50) / 1000, percentile(latencies, 99) / 1000,
            latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1000, after);
        assertEquals(0, total.lost, "lost responses: " + total.problems);
        assertEquals(0, total.duplicated, "duplicated responses: " + total.problems);
        assertEquals(0, total.misdelivered, "misdelivered responses: " + total.problems);
        assertEquals((long)SESSIONS * messages, total.received, "responses");
        for (final Counter c : MUST_STAY)
        {
            assertEquals(before.get(c), after.get(c), "driver counter " + c);
        }
        devfs.assertHealthyAndIdle();
    }

    private Tally runSession(final int session, final Path node, final int messages, final long seed) throws Exception
    {
        final Tally tally = new Tally(messages);
        final SplittableRandom random = new SplittableRandom(seed ^ (session + 1) * 0x9E37_79B9_7F4A_7C15L);
        final boolean executes = session < ReliabilityMount.NAMES.size();
        try (NodeClient client = new NodeClient(FileNodeChannel.open(node, true)))
        {
            final int dbc = executes ? activate(client) : -1;
            final FileNodeChannel channel = (FileNodeChannel)client.channel();
            final ByteBuffer response = ByteBuffer.allocateDirect(131072).order(ByteOrder.LITTLE_ENDIAN);
            final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
            int sent = 0;
            while (tally.received + tally.lost < messages)
            {
                while (inFlight.size() < DEPTH && sent < messages)
                {
                    final Sent s = message(random, session, sent++, dbc);
                    final int written = channel.write(s.request.buffer());
                    if (written != s.request.length())
                    {
                        tally.problem("session " + session + ": write tag=" + s.tag + " returned " + written);
                        tally.lost++;
                        continue;
                    }
                    inFlight.add(s);
                }
                final int n = readOne(channel, response);
                if (n <= 0)
                {
                    tally.problem("session " + session + ": no response after tag=" +
                        (inFlight.isEmpty() ? -1 : inFlight.peek().tag) + " read=" + n);
                    tally.lost += inFlight.size();
                    break;
                }
                check(tally, session, inFlight, ManageResponse.parse(response.clear(), n));
            }
            if (channel.poll(0) != 0)
            {
                tally.duplicated++;
                tally.problem("session " + session + ": a response beyond the last request");
            }
        }
        return tally;
    }

    private void check(final Tally tally, final int session, final ArrayDeque<Sent> inFlight,
        final ManageResponse answer) throws NodeException
    {
        final long now = System.nanoTime();
        if (!seenTags.add(answer.tag()))
        {
            tally.duplicated++;
            tally.problem("session " + session + ": tag seen twice: tag=" + answer.tag());
            return;
        }
        if (answer.tag() >>> 20 != session)
        {
            tally.misdelivered++;
            tally.problem("session " + session + ": tag of session " + (answer.tag() >>> 20));
            return;
        }
        final Sent expected = inFlight.poll();
        if (expected == null || expected.tag != answer.tag())
        {
            tally.misdelivered++;
            tally.problem("session " + session + ": out of order: tag=" + answer.tag() + " expected=" +
                (expected == null ? "none" : expected.tag));
            return;
        }
        answer.requireOk();
        final byte[] payload = expected.executes ? answer.execute(expected.payloadIndex).data() :
            answer.passthrough(expected.payloadIndex);
        if (answer.count() != expected.request.count() || !Arrays.equals(expected.payload, payload))
        {
            tally.misdelivered++;
            tally.problem("session " + session + ": payload or layout differs: tag=" + answer.tag());
            return;
        }
        tally.received++;
        tally.latency(now - expected.nanos);
    }

    private static Sent message(final SplittableRandom random, final int session, final int sequence, final int dbc)
    {
        final int tag = session << 20 | sequence;
        final byte[] payload = new byte[8 * (2 + random.nextInt(random.nextInt(16) == 0 ? 512 : 16))];
        for (int i = 16; i < payload.length; i++)
        {
            payload[i] = (byte)random.nextInt(256);
        }
        ByteBuffer.wrap(payload).putLong(0, session).putLong(8, sequence);
        final ManageRequest request = new ManageRequest().tag(tag);
        final int extra = random.nextInt(10);
        if (extra == 0)
        {
            request.status();
        }
        final boolean executes = dbc >= 0 && random.nextBoolean();
        final int index = request.count();
        if (executes)
        {
            request.execute(dbc, payload, 0, payload.length);
        }
        else
        {
            request.passthrough(payload);
        }
        if (extra == 1)
        {
            request.poolQuery();
        }
        return new Sent(tag, request, payload, index, executes, System.nanoTime());
    }

    private static int activate(final NodeClient client) throws NodeException
    {
        final WorkloadRunner runner = new WorkloadRunner(client);
        runner.load(0, IMAGE);
        return runner.activate(0).dbcId();
    }

    private static int readOne(final FileNodeChannel channel, final ByteBuffer response)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOST_AFTER_MS);
        while (true)
        {
            final int n = channel.read(response.clear());
            if (n != Errno.EAGAIN.status())
            {
                return n;
            }
            final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || channel.poll((int)left) == 0)
            {
                return Errno.ETIMEDOUT.status();
            }
        }
    }

    private static long percentile(final List<Long> sorted, final int p)
    {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int)((long)sorted.size() * p / 100)));
    }

    private record Sent(int tag, ManageRequest request, byte[] payload, int payloadIndex, boolean executes,
        long nanos)
    {
    }

    /** One session's counts and latencies. */
    private static final class Tally
    {
        final long[] latencies;
        final List<String> problems = new ArrayList<>();
        int count;
        long received;
        long lost;
        long duplicated;
        long misdelivered;

        Tally(final int capacity)
        {
            latencies = new long[capacity];
        }

        void latency(final long nanos)
        {
            if (count < latencies.length)
            {
                latencies[count++] = nanos;
            }
        }

        void problem(final String problem)
        {
            if (problems.size() < 10)
            {
                problems.add(problem);
            }
        }

        void add(final Tally other)
        {
            received += other.received;
            lost += other.lost;
            duplicated += other.duplicated;
            misdelivered += other.misdelivered;
            for (final String p : other.problems)
            {
                problem(p);
            }
        }
    }
}

package dev.shadowdev.devfs.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowdev.abi.Resource;
import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.image.WorkloadImageDescriptor;
import dev.shadowdev.image.WorkloadImageWriter;
import dev.shadowdev.image.WorkloadOp;
import dev.shadowdev.testkit.FuzzRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IsolationIT} with real runc containers on both sides, as {@link ContainerFaultIT} runs them (busybox
 * rootfs, the host's {@code /usr} read-only for {@code python3}, {@code sdnode.py} and the programs below in
 * {@code /work}, the shadow node bind-mounted at {@code /dev/accel/accel0}).
 * <ul>
 *     <li>X, a container on infer-a, runs {@link #X_PROGRAM}: per cycle it loads a workload image (DMA_XFER),
 *     ACTIVATEs it, EXECUTEs 4 KiB (ECHO on even cycles, XOR8 on odd ones) and checks the output byte for byte,
 *     DEACTIVATEs it; each cycle is timed with {@code time.perf_counter_ns}. On {@code GO <phase>} it runs one
 *     cycle per 4 KiB block of {@code /work/inputs-<phase>.bin} (written here) and prints one {@code RESULT} line
 *     of JSON: cycles, failures, cycles/s, p50, p99, max, the first failure and the SHA-256 of all outputs, which
 *     this test recomputes from the inputs, so the output check does not rest on the program alone.</li>
 *     <li>Phase 1: X alone; no other container runs.</li>
 *     <li>Phase 2: X again, while Y, a container on infer-b running {@link #Y_PROGRAM}, abuses its node: it hoards
 *     {@link #HOARDED_SESSIONS} sessions, {@link #UNREAD_SESSIONS} of them filled with 60 KiB PASSTHROUGHs up to
 *     the session cap and never read; {@link #FLOODERS} threads write 60 KiB PASSTHROUGHs until the cap refuses
 *     one (EAGAIN) and then read only half of them, over and over; one thread uploads an image over the 1 MiB + 128
 *     limit (E2BIG at the chunk that crosses it) and activates a workload larger than the partition (ENOSPC, with
 *     the exact short mask). Y prints {@code BUSY} once every kind of abuse has happened at least once, and only
 *     then is X told to go; after X's result it is told to {@code STOP} and prints every outcome it saw, counted by
 *     operation and errno. (Unlike {@link Abuser}, Y does not churn sessions: see the class comment's last
 *     paragraph.)</li>
 * </ul>
 * Asserted: every cycle of X in both phases (and its warm-up) succeeded with the right output; X's {@code free} is
 * the same before, while Y is still abusing after X's phase 2, and after both containers are gone; every outcome
 * of Y is one of {@link #Y_OUTCOMES} (a refusal with any other errno, an oversized image or greedy workload
 * admitted, a wrong echo, all fail the test), with the session cap exact ({@code maxOutstandingPerSession}
 * accepted per never-read session, then EAGAIN) and every upload refused at exactly the chunk that crosses the
 * limit; both containers exit 0; the mount is healthy and idle afterwards; and X's p99 beside Y is at most
 * {@link IsolationIT#P99_BOUND}x its p99 alone, taken as at least {@link IsolationIT#TIMER_FLOOR_MS} ms (see
 * {@link #assertP99WithinBound}). Throughput is reported, not bounded, as in IsolationIT.
 * <p>
 * Y keeps its sessions; it does not open and close them in a loop as {@link Abuser}'s churn thread does. With such
 * a thread in Y (one Python thread, thousands of open + STATUS + close a second) X's p99 beside Y was 34 to 176 ms in
 * the 7 runs measured (the bound is 200 ms) and its throughput 0.03x to 0.36x alone; without it, 12 to 58 ms (15
 * runs) and 0.17x to 0.51x.
 */
class ContainerIsolationIT
{
    private static final Logger LOG = FuzzRun.logger(ContainerIsolationIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String X_NAME = "infer-a";
    private static final String Y_NAME = "infer-b";
    private static final int CI_CYCLES = 150;
    private static final int WARM_UP = 50;
    private static final int BLOCK = 4096;
    private static final int XOR_ARG = 0x3C;
    static final int HOARDED_SESSIONS = 64;
    static final int UNREAD_SESSIONS = 8;
    static final int FLOODERS = 3;
    /** Bytes of image per DMA_XFER in Y's oversized uploads (one message of 61480 bytes). */
    private static final int CHUNK = 60 * 1024;
    /** The firmware's largest image (ImageStaging.MAX_IMAGE_LENGTH): header plus 1 MiB of payload. */
    private static final int MAX_IMAGE = WorkloadImageDescriptor.HEADER_LENGTH + (1 << 20);
    private static final long[] X_NEEDS = {1, 1 << 20, 0, 0, 1};
    private static final long[] GREEDY_NEEDS = {16, 1 << 20, 32, 64, 16};
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);
    private static final Duration BUSY_WITHIN = Duration.ofSeconds(30);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
    /**
     * Every outcome Y may report, as {@code "<operation> <ok or errno name>"}: the documented refusals are E2BIG
     * for the chunk that takes an upload over the image limit, ENOSPC (with the exact short mask) for a workload
     * larger than the partition, EAGAIN for a write past the session cap. Anything else fails the test.
     */
    static final Set<String> Y_OUTCOMES = Set.of("hoard_open ok", "hoard_write ok", "hoard_write EAGAIN",
        "flood_write ok", "flood_write EAGAIN", "flood_read ok", "oversize_chunk ok", "oversize_load E2BIG",
        "greedy_load ok", "greedy_activate ENOSPC");

    /** X: argv NODE WARM_UP XOR_ARG; stdin {@code GO <phase>} ... {@code STOP}. */
    static final String X_PROGRAM = """
        import hashlib, json, sys, time
        sys.path.insert(0, "/work")
        import sdnode

        path, warm_up, xor_arg = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        IMAGES = [open("/work/echo.img", "rb").read(), open("/work/xor8.img", "rb").read()]
        XOR8 = bytes(b ^ xor_arg for b in range(256))
        BLOCK = 4096
        node = sdnode.Node(path)
        tag = 0


        class Refused(Exception):
            pass


        def call(transaction):
            # One request of one transaction; its decoded response transaction, or Refused naming what went wrong.
            global tag
            tag += 1
            node.write_message(sdnode.encode_message(tag, [transaction]))
            if not node.poll(30000):
                raise Refused("no response within 30 s: tag=%d" % tag)
            r = sdnode.decode_response(node.read_response())
            if r["tag"] != tag or r["status"] != 0 or r["count"] != 1:
                raise Refused("bad response: tag=%d want=%d status=%d count=%d"
                              % (r["tag"], tag, r["status"], r["count"]))
            t = r["transactions"][0]
            if t["status"] != 0:
                raise Refused("%s status=%s" % (t["type"], sdnode.errno_name(-t["status"])))
            return t


        def cycle(i, data):
            # Load (ECHO on even cycles, XOR8 on odd ones), activate, execute 4 KiB, deactivate.
            call(sdnode.dma_xfer(0, 0, IMAGES[i % 2]))
            dbc = call(sdnode.activate(0))["dbc_id"]
            try:
                out = call(sdnode.execute(dbc, data))
            finally:
                call(sdnode.deactivate(dbc))
            if out["dbc_id"] != dbc:
                raise Refused("EXECUTE answered for dbc_id=%d want=%d" % (out["dbc_id"], dbc))
            return bytes.fromhex(out["data"])


        def expected(i, data):
            return data if i % 2 == 0 else data.translate(XOR8)


        def attempt(i, data):
            try:
                out = cycle(i, data)
            except Exception as e:
                return None, "cycle %d: %r" % (i, e)
            return out, (None if out == expected(i, data) else "cycle %d: wrong output" % i)


        def phase(name, inputs, warm):
            warm_failures = sum(1 for i in range(warm) if attempt(i, inputs[i])[1] is not None)
            nanos, failures, first, digest = [], 0, None, hashlib.sha256()
            started = time.perf_counter_ns()
            for i, data in enumerate(inputs):
                t0 = time.perf_counter_ns()
                out, failure = attempt(i, data)
                nanos.append(time.perf_counter_ns() - t0)
                if failure is not None:
                    failures += 1
                    first = first or failure
                digest.update(out or b"")
            elapsed = time.perf_counter_ns() - started
            nanos.sort()
            n = len(nanos)
            print("RESULT " + json.dumps({
                "phase": name, "cycles": n, "failures": failures, "warm_up": warm, "warm_up_failures": warm_failures,
                "cycles_per_s": n * 1e9 / elapsed, "p50_ns": nanos[n // 2], "p99_ns": nanos[min(n - 1, n * 99 // 100)],
                "max_ns": nanos[-1], "first_failure": first, "outputs_sha256": digest.hexdigest()},
                sort_keys=True), flush=True)


        info = node.info()
        print("READY name=%s partition=%d" % (info["name"], info["partition_id"]), flush=True)
        while True:
            words = sys.stdin.readline().split()
            if words == ["STOP"]:
                break
            if len(words) != 2 or words[0] != "GO":
                sys.exit(3)
            raw = open("/work/inputs-%s.bin" % words[1], "rb").read()
            phase(words[1], [raw[k:k + BLOCK] for k in range(0, len(raw), BLOCK)], warm_up)
            warm_up = 0
        node.close()
        """;

    /** Y: argv NODE HOARDED UNREAD_SESSIONS FLOODERS MAX_IMAGE SHORT_MASK CHUNK; stdin {@code GO}, {@code STOP}. */
    static final String Y_PROGRAM = """
        import errno, json, struct, sys, threading
        sys.path.insert(0, "/work")
        import sdnode

        path = sys.argv[1]
        hoarded, unread_sessions, flooders = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        max_image, short_mask, chunk = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
        HUGE = open("/work/huge.img", "rb").read()
        GREEDY = open("/work/greedy.img", "rb").read()
        BIG = 60 * 1024
        DATA = bytes(range(256)) * (BIG // 256)
        NEVER_REFUSED = 4096
        counts, problems = {}, []
        changed = threading.Condition()
        stop = threading.Event()


        def name(number):
            return errno.errorcode.get(number, "errno=%d" % number)


        def result(status):
            return "ok" if status == 0 else name(-status)


        def count(what, problem=None):
            with changed:
                counts[what] = counts.get(what, 0) + 1
                if problem is not None and len(problems) < 10:
                    problems.append(problem)
                changed.notify_all()


        def outcome(what, result, wanted):
            # Count "<what> <result>"; a result other than the wanted one is also a problem (ends the wait for BUSY).
            count("%s %s" % (what, result), None if result == wanted else "%s: %s" % (what, result))


        def passthrough(tag):
            return sdnode.encode_message(tag, [sdnode.passthrough(DATA)])


        def fill(node, what, first_tag):
            # Write 60 KiB PASSTHROUGHs until one is refused; count each outcome; return (accepted, errno).
            n = 0
            while n < NEVER_REFUSED:
                try:
                    node.write_message(passthrough(first_tag + n))
                except OSError as e:
                    outcome(what, name(e.errno), "EAGAIN")
                    return n, e.errno
                count(what + " ok")
                n += 1
            count(what + " never refused", "%s: %d writes accepted without a refusal" % (what, n))
            return n, None


        def transact(node, tag, transaction):
            # (status, body) of a one-transaction request: the message's status if not 0, else the transaction's.
            node.write_message(sdnode.encode_message(tag, [transaction]))
            raw = node.read_response()
            length, n, rtag, status = struct.unpack_from("<IIIi", raw)
            if length != len(raw) or rtag != tag or (status == 0 and n != 1):
                raise ValueError("bad response: len=%d read=%d tag=%d want=%d count=%d"
                                 % (length, len(raw), rtag, tag, n))
            if status != 0:
                return status, b""
            kind, tlen, tstatus, _ = struct.unpack_from("<IIiI", raw, 16)
            return tstatus, raw[32:16 + tlen]


        def echo_outcome(raw, tag):
            if len(raw) < 32:
                return "short response"
            length, n, rtag, status = struct.unpack_from("<IIIi", raw)
            if status != 0:
                return name(-status)
            kind, tlen, tstatus, _ = struct.unpack_from("<IIiI", raw, 16)
            if tstatus != 0:
                return name(-tstatus)
            if (length, n, rtag, kind, tlen) != (len(raw), 1, tag, sdnode.PASSTHROUGH, 16 + BIG) or raw[32:] != DATA:
                return "wrong echo"
            return "ok"


        def flood():
            node = sdnode.Node(path)
            written = read = 0
            try:
                while not stop.is_set():
                    accepted, refused = fill(node, "flood_write", written + 1)
                    written += accepted
                    if refused != errno.EAGAIN:
                        return
                    for _ in range((written - read) // 2):
                        read += 1
                        outcome("flood_read", echo_outcome(node.read_response(), read), "ok")
            except Exception as e:
                count("flood crashed", "flood: %r" % e)
            finally:
                node.close()


        def oversize():
            node = sdnode.Node(path)
            tag = 0
            try:
                while not stop.is_set():
                    offset = 0
                    while offset < len(HUGE):
                        piece = HUGE[offset:offset + chunk]
                        tag += 1
                        status, _ = transact(node, tag, sdnode.dma_xfer(1, offset, piece))
                        if offset + len(piece) > max_image:
                            outcome("oversize_load", result(status), "E2BIG")
                        else:
                            outcome("oversize_chunk", result(status), "ok")
                        if status != 0:
                            break
                        offset += len(piece)
                    tag += 1
                    status, _ = transact(node, tag, sdnode.dma_xfer(2, 0, GREEDY))
                    outcome("greedy_load", result(status), "ok")
                    tag += 1
                    status, body = transact(node, tag, sdnode.activate(2))
                    if status == -errno.ENOSPC:
                        short = struct.unpack_from("<I", body, 4)[0] if len(body) >= 8 else -1
                        outcome("greedy_activate", "ENOSPC" if short == short_mask else "ENOSPC short=%d" % short,
                                "ENOSPC")
                    else:
                        outcome("greedy_activate", result(status), "ENOSPC")
                        if status == 0:
                            tag += 1
                            transact(node, tag, sdnode.deactivate(struct.unpack_from("<I", body)[0]))
            except Exception as e:
                count("oversize crashed", "oversize: %r" % e)
            finally:
                node.close()


        hoard = []
        for i in range(hoarded):
            try:
                hoard.append(sdnode.Node(path))
            except OSError as e:
                outcome("hoard_open", name(e.errno), "ok")
                continue
            count("hoard_open ok")
            if i < unread_sessions:
                fill(hoard[-1], "hoard_write", 1)
        info = hoard[0].info()
        print("READY name=%s sessions=%d unread=%d" % (info["name"], len(hoard), counts.get("hoard_write ok", 0)),
              flush=True)
        if sys.stdin.readline().split() != ["GO"]:
            sys.exit(3)
        threads = [threading.Thread(target=flood, name="flood-%d" % k, daemon=True) for k in range(flooders)]
        threads.append(threading.Thread(target=oversize, name="oversize", daemon=True))
        for t in threads:
            t.start()
        with changed:
            changed.wait_for(lambda: problems or (counts.get("flood_write EAGAIN", 0) >= flooders
                                                  and counts.get("oversize_load E2BIG", 0) >= 1
                                                  and counts.get("greedy_activate ENOSPC", 0) >= 1), timeout=20)
            print("BUSY " + json.dumps(counts, sort_keys=True), flush=True)
        line = sys.stdin.readline()
        stop.set()
        for t in threads:
            t.join(30)
        alive = [t.name for t in threads if t.is_alive()]
        for node in hoard:
            node.close()
        with changed:
            print("COUNTS " + json.dumps({"counts": counts, "problems": problems, "alive": alive}, sort_keys=True),
                  flush=True)
        sys.exit(0 if line.split() == ["STOP"] else 3)
        """;

    @RegisterExtension
    static final ReliabilityMount devfs = new ReliabilityMount();
    private static Path work;

    @BeforeAll
    static void prepare() throws Exception
    {
        work = RuncContainer.workWithClient(devfs.dir);
        Files.writeString(work.resolve("x.py"), X_PROGRAM);
        Files.writeString(work.resolve("y.py"), Y_PROGRAM);
        Files.write(work.resolve("echo.img"), image("x-echo", X_NEEDS, WorkloadOp.ECHO, 0, 1024));
        Files.write(work.resolve("xor8.img"), image("x-xor8", X_NEEDS, WorkloadOp.XOR8, XOR_ARG, 1024));
        Files.write(work.resolve("huge.img"), image("huge", new long[]{1, 4L << 20, 0, 0, 1}, WorkloadOp.ECHO, 0,
            (1 << 20) + 4096));
        Files.write(work.resolve("greedy.img"), image("greedy", GREEDY_NEEDS, WorkloadOp.ECHO, 0, 0));
    }

    @Test
    void aContainerKeepsAdmittingAndExecutingBesideAnAbusiveContainer() throws Exception
    {
        final long started = System.nanoTime();
        final int cycles = FuzzRun.scaled(CI_CYCLES);
        final int cap = DriverOptions.builder().build().maxOutstandingPerSession();
        final SplittableRandom random = new SplittableRandom(FuzzRun.seed() ^ "ContainerIsolationIT".hashCode());
        final byte[] aloneInputs = new byte[cycles * BLOCK];
        final byte[] abusedInputs = new byte[cycles * BLOCK];
        random.nextBytes(aloneInputs);
        random.nextBytes(abusedInputs);
        Files.write(work.resolve("inputs-alone.bin"), aloneInputs);
        Files.write(work.resolve("inputs-abused.bin"), abusedInputs);

        final int minorX = devfs.minor(X_NAME);
        final int minorY = devfs.minor(Y_NAME);
        final String freeBefore = devfs.attribute(minorX, "free");
        assertEquals(devfs.attribute(minorX, "resources"), freeBefore, X_NAME + " is idle before X starts");
        final String resourcesY = devfs.attribute(minorY, "resources");
        assertEquals(resourcesY, devfs.attribute(minorY, "free"), Y_NAME + " is idle before Y starts");
        final int shortMask = shortMask(GREEDY_NEEDS, resourcesY);
        final Duration phaseWithin = Duration.ofSeconds(60 + cycles / 10);

        final JsonNode alone;
        final JsonNode abused;
        final JsonNode busy;
        final JsonNode y;
        final String freeBesideY;
        try (RuncContainer x = start("x.py", devfs.node(X_NAME), Integer.toString(WARM_UP),
            Integer.toString(XOR_ARG)))
        {
            assertEquals("READY name=" + X_NAME + " partition=" + devfs.partitionId(X_NAME),
                x.awaitLine("READY", READY_WITHIN), x.describe());
            x.send("GO alone");
            alone = result(x.awaitLine("RESULT ", phaseWithin));
            try (RuncContainer abuser = start("y.py", devfs.node(Y_NAME), Integer.toString(HOARDED_SESSIONS),
                Integer.toString(UNREAD_SESSIONS), Integer.toString(FLOODERS), Integer.toString(MAX_IMAGE),
                Integer.toString(shortMask), Integer.toString(CHUNK)))
            {
                assertEquals("READY name=" + Y_NAME + " sessions=" + HOARDED_SESSIONS + " unread=" +
                    UNREAD_SESSIONS * cap, abuser.awaitLine("READY", READY_WITHIN), abuser.describe());
                abuser.send("GO");
                busy = JSON.readTree(abuser.awaitLine("BUSY ", BUSY_WITHIN).substring("BUSY ".length()));
                x.send("GO abused");
                abused = result(x.awaitLine("RESULT ", phaseWithin));
                // X is between cycles and Y still at it: X's reservation is whole.
                freeBesideY = devfs.attribute(minorX, "free");
                abuser.send("STOP");
                y = JSON.readTree(abuser.awaitLine("COUNTS ", EXIT_WITHIN).substring("COUNTS ".length()));
                assertEquals(0, abuser.awaitExit(EXIT_WITHIN), "Y's exit: " + abuser.describe());
            }
            x.send("STOP");
            assertEquals(0, x.awaitExit(EXIT_WITHIN), "X's exit: " + x.describe());
        }

        assertPhase("alone", cycles, WARM_UP, aloneInputs, alone);
        assertPhase("abused", cycles, 0, abusedInputs, abused);
        assertEquals(freeBefore, freeBesideY, X_NAME + "'s free while Y abuses " + Y_NAME);

        final Map<String, Long> counts = new TreeMap<>();
        for (final Map.Entry<String, JsonNode> e : y.get("counts").properties())
        {
            counts.put(e.getKey(), e.getValue().asLong());
        }
        final String ySays = "Y counts=" + counts + " problems=" + y.get("problems") + " alive=" + y.get("alive") +
            " busy=" + busy;
        assertEquals(0, y.get("problems").size(), ySays);
        assertEquals(0, y.get("alive").size(), "Y's threads all ended: " + ySays);
        final List<String> undocumented = counts.keySet().stream().filter(k -> !Y_OUTCOMES.contains(k)).toList();
        assertEquals(List.of(), undocumented, "Y saw only documented outcomes: " + ySays);
        assertEquals(HOARDED_SESSIONS, count(counts, "hoard_open ok"), ySays);
        assertEquals((long)UNREAD_SESSIONS * cap, count(counts, "hoard_write ok"), "the session cap: " + ySays);
        assertEquals(UNREAD_SESSIONS, count(counts, "hoard_write EAGAIN"), "the session cap: " + ySays);
        final long e2big = count(counts, "oversize_load E2BIG");
        assertTrue(e2big > 0 && count(counts, "greedy_activate ENOSPC") > 0 &&
            count(counts, "flood_write EAGAIN") >= FLOODERS && count(counts, "flood_read ok") > 0,
            "Y really abused its node: " + ySays);
        assertEquals(e2big * (MAX_IMAGE / CHUNK), count(counts, "oversize_chunk ok"),
            "each oversized upload is refused at exactly the chunk that crosses " + MAX_IMAGE + " bytes: " + ySays);
        assertEquals(e2big, count(counts, "greedy_load ok"), ySays);
        assertEquals(e2big, count(counts, "greedy_activate ENOSPC"), ySays);

        devfs.awaitQuiet();
        assertEquals(freeBefore, devfs.attribute(minorX, "free"), X_NAME + "'s free after both containers");
        devfs.assertHealthyAndIdle();

        final long p99Alone = alone.get("p99_ns").asLong();
        final long p99Abused = abused.get("p99_ns").asLong();
        final long baseline = Math.max(p99Alone, TimeUnit.MILLISECONDS.toNanos(IsolationIT.TIMER_FLOOR_MS));
        LOG.info("container isolation: X=infer-a (runc container, python3 sdnode) cycles={} warm_up={} " +
            "(load+activate+execute 4 KiB ECHO/XOR8+deactivate) | alone: {} | beside the abusive container: {} | " +
            "cycles_per_s abused/alone={} p99 abused/alone={} abused/max(alone,{}ms)={} bound={} | neighbour " +
            "Y=infer-b (runc container) refused: E2BIG={} ENOSPC={} EAGAIN={}, did: {} | {} ms",
            cycles, WARM_UP, describe(alone), describe(abused),
            String.format("%.2f", abused.get("cycles_per_s").asDouble() / alone.get("cycles_per_s").asDouble()),
            String.format("%.1f", (double)p99Abused / p99Alone), IsolationIT.TIMER_FLOOR_MS,
            String.format("%.1f", (double)p99Abused / baseline), IsolationIT.P99_BOUND, e2big,
            count(counts, "greedy_activate ENOSPC"),
            count(counts, "hoard_write EAGAIN") + count(counts, "flood_write EAGAIN"), counts,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertP99WithinBound(alone, abused, baseline);
    }

    /**
     * The bound of the issue, as {@link IsolationIT} sets it: X's p99 beside the abuser at most 20x its p99 alone,
     * the latter taken as at least 10 ms. At CI volume (150 cycles) the p99 is the second-worst sample, and on 2 CPUs
     * shared with Y's flooding threads one descheduling of X's interpreter costs milliseconds; X's own p99 alone
     * (1.5 to 8 ms between runs here) is not a stable base, while 10 ms is the system's own timing granularity (the
     * device thread's longest park, {@code MhiDeviceRunner}), so a ratio to a 2 ms p99 would measure that tail and
     * scheduling, not the neighbour. Throughput is reported and not bounded: on 2 CPUs shared with Y no bound other
     * than "X keeps working" would be honest.
     */
    private static void assertP99WithinBound(final JsonNode alone, final JsonNode abused, final long baseline)
    {
        assertTrue(abused.get("p99_ns").asLong() <= IsolationIT.P99_BOUND * baseline, "X's p99 beside Y " +
            describe(abused) + " is over " + IsolationIT.P99_BOUND + "x its p99 alone (at least " +
            IsolationIT.TIMER_FLOOR_MS + " ms) " + describe(alone));
    }

    /** Every cycle of a phase (and its warm-up) succeeded, and the outputs are exactly the expected ones. */
    private static void assertPhase(final String phase, final int cycles, final int warmUp, final byte[] inputs,
        final JsonNode result) throws Exception
    {
        final String what = "X " + phase + ": " + result;
        assertEquals(phase, result.get("phase").asText(), what);
        assertEquals(cycles, result.get("cycles").asInt(), what);
        assertEquals(0, result.get("failures").asInt(), what);
        assertTrue(result.get("first_failure").isNull(), what);
        assertEquals(warmUp, result.get("warm_up").asInt(), what);
        assertEquals(0, result.get("warm_up_failures").asInt(), what);
        assertEquals(expectedOutputs(inputs), result.get("outputs_sha256").asText(), "X's outputs: " + what);
        assertTrue(result.get("p50_ns").asLong() > 0 && result.get("p50_ns").asLong() <= result.get("p99_ns").asLong()
            && result.get("p99_ns").asLong() <= result.get("max_ns").asLong(), what);
    }

    /** @return the SHA-256 of X's outputs: ECHO of even blocks, XOR8 of odd ones, in order. */
    private static String expectedOutputs(final byte[] inputs) throws Exception
    {
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i * BLOCK < inputs.length; i++)
        {
            final byte[] block = Arrays.copyOfRange(inputs, i * BLOCK, (i + 1) * BLOCK);
            if (i % 2 == 1)
            {
                for (int k = 0; k < block.length; k++)
                {
                    block[k] ^= (byte)XOR_ARG;
                }
            }
            sha.update(block);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static JsonNode result(final String line) throws IOException
    {
        return JSON.readTree(line.substring("RESULT ".length()));
    }

    private static String describe(final JsonNode phase)
    {
        return String.format("cycles_per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f",
            phase.get("cycles_per_s").asDouble(), phase.get("p50_ns").asLong() / 1e6,
            phase.get("p99_ns").asLong() / 1e6, phase.get("max_ns").asLong() / 1e6);
    }

    private static long count(final Map<String, Long> counts, final String key)
    {
        return counts.getOrDefault(key, 0L);
    }

    /** @return bit i set for each resource i the needs exceed in an idle partition's {@code resources}. */
    private static int shortMask(final long[] needs, final String resources)
    {
        final String[] fields = resources.split(" ");
        assertEquals(Resource.COUNT, fields.length, resources);
        int mask = 0;
        for (int i = 0; i < Resource.COUNT; i++)
        {
            final String prefix = Resource.of(i).key() + "=";
            assertTrue(fields[i].startsWith(prefix), resources);
            if (needs[i] > Long.parseLong(fields[i].substring(prefix.length())))
            {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    private static byte[] image(final String name, final long[] needs, final int op, final int opArg,
        final int payload)
    {
        return new WorkloadImageWriter().name(name).needs(needs[0], needs[1], needs[2], needs[3], needs[4]).op(op)
            .opArg(opArg).payload(new byte[payload]).toBytes();
    }

    /** A container running {@code /work/PROGRAM /dev/accel/accel0 ARGS} with {@code node} there. */
    private static RuncContainer start(final String program, final Path node, final String... args)
        throws Exception
    {
        final List<String> argv = new ArrayList<>(List.of(program, "/dev/accel/accel0"));
        argv.addAll(List.of(args));
        return RuncContainer.startPython(devfs.dir, work, node, argv.toArray(String[]::new));
    }
}

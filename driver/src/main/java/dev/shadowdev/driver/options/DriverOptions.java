package dev.shadowdev.driver.options;

import dev.shadowdev.driver.wiretap.WireTap;
import dev.shadowdev.mhi.QaicChannels;
import dev.shadowdev.mhi.host.HostOptions;
import dev.shadowdev.wire.WireDirection;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How an {@link dev.shadowdev.driver.AccelDriver} runs. Immutable; make one with {@link #builder()} ({@link #defaults()} for the
 * defaults). Every field is checked by {@link Builder#build()}, which names a bad one.
 */
public final class DriverOptions
{
    /** The Linux accel major. */
    public static final int DEFAULT_MAJOR = 261;

    private final int major;
    private final String deviceName;
    private final long controlTimeoutNanos;
    private final long executeTimeoutNanos;
    private final long probeTimeoutNanos;
    private final int deadAfterTimeouts;
    private final int receiveBuffers;
    private final Path tracePath;
    private final WireTap tap;
    private final int dbcQueueElements;
    private final int executeBufferBytes;
    private final int dmaSegmentBytes;
    private final int maxWireMessageBytes;
    private final int maxOutstandingPerSession;
    private final int opensPerSecond;
    private final int openBurst;
    private final long refusalPenaltyNanos;
    private final int maxControlInFlight;
    private final LongSupplier nanoClock;
    private final long timerTickNanos;
    private final HostOptions hostOptions;
    private final int recoveryAttempts;
    private final Clock clock;

    private DriverOptions(final Builder b)
    {
        major = b.major;
        deviceName = b.deviceName;
        controlTimeoutNanos = b.controlTimeoutNanos;
        executeTimeoutNanos = b.executeTimeoutNanos;
        probeTimeoutNanos = b.probeTimeoutNanos;
        deadAfterTimeouts = b.deadAfterTimeouts;
        receiveBuffers = b.receiveBuffers;
        tracePath = b.tracePath;
        tap = b.tap;
        dbcQueueElements = b.dbcQueueElements;
        executeBufferBytes = b.executeBufferBytes;
        dmaSegmentBytes = b.dmaSegmentBytes;
        maxWireMessageBytes = b.maxWireMessageBytes;
        maxOutstandingPerSession = b.maxOutstandingPerSession;
        opensPerSecond = b.opensPerSecond;
        openBurst = b.openBurst;
        refusalPenaltyNanos = b.refusalPenaltyNanos;
        maxControlInFlight = b.maxControlInFlight;
        nanoClock = b.nanoClock;
        timerTickNanos = b.timerTickNanos;
        hostOptions = b.hostOptions;
        recoveryAttempts = b.recoveryAttempts;
        clock = b.clock;
    }

    /** @return the defaults. */
    public static DriverOptions defaults()
    {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @return a builder holding these options. */
    public Builder toBuilder()
    {
        final Builder b = new Builder();
        b.major = major;
        b.deviceName = deviceName;
        b.controlTimeoutNanos = controlTimeoutNanos;
        b.executeTimeoutNanos = executeTimeoutNanos;
        b.probeTimeoutNanos = probeTimeoutNanos;
        b.deadAfterTimeouts = deadAfterTimeouts;
        b.receiveBuffers = receiveBuffers;
        b.tracePath = tracePath;
        b.tap = tap;
        b.dbcQueueElements = dbcQueueElements;
        b.executeBufferBytes = executeBufferBytes;
        b.dmaSegmentBytes = dmaSegmentBytes;
        b.maxWireMessageBytes = maxWireMessageBytes;
        b.maxOutstandingPerSession = maxOutstandingPerSession;
        b.opensPerSecond = opensPerSecond;
        b.openBurst = openBurst;
        b.refusalPenaltyNanos = refusalPenaltyNanos;
        b.maxControlInFlight = maxControlInFlight;
        b.nanoClock = nanoClock;
        b.timerTickNanos = timerTickNanos;
        b.hostOptions = hostOptions;
        b.recoveryAttempts = recoveryAttempts;
        b.clock = clock;
        return b;
    }

    /** @return the nodes' major (default 261). */
    public int major()
    {
        return major;
    }

    /** @return the base device's name (default {@code aic100}). */
    public String deviceName()
    {
        return deviceName;
    }

    /** @return how long a control request may wait for its response (default 5 s). */
    public long controlTimeoutNanos()
    {
        return controlTimeoutNanos;
    }

    /** @return how long an EXECUTE may wait for its response element (default 5 s). */
    public long executeTimeoutNanos()
    {
        return executeTimeoutNanos;
    }

    /** @return how long each step of the probe (power up, channel start) may take (default 5 s). */
    public long probeTimeoutNanos()
    {
        return probeTimeoutNanos;
    }

    /** @return control timeouts in a row after which the firmware counts as dead (default 3). */
    public int deadAfterTimeouts()
    {
        return deadAfterTimeouts;
    }

    /** @return 4 KiB receive buffers kept queued on the from-device control channel (default 32, at most 127). */
    public int receiveBuffers()
    {
        return receiveBuffers;
    }

    /** @return the pcap wire trace file, or null for none. */
    public Path tracePath()
    {
        return tracePath;
    }

    /** @return an extra wire tap, or null. */
    public WireTap tap()
    {
        return tap;
    }

    /** @return elements of each DBC request and response queue (default 16). */
    public int dbcQueueElements()
    {
        return dbcQueueElements;
    }

    /** @return capacity of a workload's EXECUTE input and output buffers (default 64 KiB). */
    public int executeBufferBytes()
    {
        return executeBufferBytes;
    }

    /** @return the largest address/size pair a DMA_XFER sends (default 4096, a page; at least 64). */
    public int dmaSegmentBytes()
    {
        return dmaSegmentBytes;
    }

    /** @return the longest wire message the driver builds (default 64 KiB; smaller forces splits in tests). */
    public int maxWireMessageBytes()
    {
        return maxWireMessageBytes;
    }

    /** @return accepted writes a session may have unanswered before write() says EAGAIN (default 64). */
    public int maxOutstandingPerSession()
    {
        return maxOutstandingPerSession;
    }

    /**
     * @return sessions that may be opened per second on one shadow node in the long run (default 1000): opens and
     *     closes are shared paths, so one partition's churn is bounded (EAGAIN past it; the base node is exempt).
     */
    public int opensPerSecond()
    {
        return opensPerSecond;
    }

    /** @return sessions that may be opened at once on one shadow node before {@link #opensPerSecond()} holds (256). */
    public int openBurst()
    {
        return openBurst;
    }

    /**
     * @return how long a caller refused for abuse (an open past the rate, a write at the outstanding limit) waits
     *     before its EAGAIN, default 1 ms; 0 answers at once ({@link dev.shadowdev.driver.session.RefusalPenalty}).
     */
    public long refusalPenaltyNanos()
    {
        return refusalPenaltyNanos;
    }

    /** @return control requests in flight at once (default 1024). */
    public int maxControlInFlight()
    {
        return maxControlInFlight;
    }

    /** @return the time source of every deadline (default {@link System#nanoTime()}). */
    public LongSupplier nanoClock()
    {
        return nanoClock;
    }

    /**
     * @return period of the timer thread (timeouts, missed interrupts), default 10 ms; 0 runs no timer thread and
     *     the owner calls {@link dev.shadowdev.driver.AccelDriver#tick()} (deterministic tests).
     */
    public long timerTickNanos()
    {
        return timerTickNanos;
    }

    /** @return how the transport host waits and processes events (default {@link HostOptions#defaults()}). */
    public HostOptions hostOptions()
    {
        return hostOptions;
    }

    /** @return probes tried by one recovery before it gives up (default 3). */
    public int recoveryAttempts()
    {
        return recoveryAttempts;
    }

    /** @return the clock of node event timestamps. */
    public Clock clock()
    {
        return clock;
    }

    /** Collects options; {@link #build()} checks them. */
    public static final class Builder
    {
        private int major = DEFAULT_MAJOR;
        private String deviceName = "aic100";
        private long controlTimeoutNanos = Duration.ofSeconds(5).toNanos();
        private long executeTimeoutNanos = Duration.ofSeconds(5).toNanos();
        private long probeTimeoutNanos = Duration.ofSeconds(5).toNanos();
        private int deadAfterTimeouts = 3;
        private int receiveBuffers = 32;
        private Path tracePath;
        private WireTap tap;
        private int dbcQueueElements = 16;
        private int executeBufferBytes = 64 * 1024;
        private int dmaSegmentBytes = 4096;
        private int maxWireMessageBytes = WireDirection.TO_DEV.maxLength();
        private int maxOutstandingPerSession = 64;
        private int opensPerSecond = 1000;
        private int openBurst = 256;
        private long refusalPenaltyNanos = Duration.ofMillis(1).toNanos();
        private int maxControlInFlight = 1024;
        private LongSupplier nanoClock = System::nanoTime;
        private long timerTickNanos = Duration.ofMillis(10).toNanos();
        private HostOptions hostOptions = HostOptions.defaults();
        private int recoveryAttempts = 3;
        private Clock clock = Clock.systemUTC();

        private Builder()
        {
        }

        public Builder major(final int major)
        {
            this.major = major;
            return this;
        }

        public Builder deviceName(final String deviceName)
        {
            this.deviceName = deviceName;
            return this;
        }

        public Builder controlTimeout(final Duration timeout)
        {
            this.controlTimeoutNanos = timeout.toNanos();
            return this;
        }

        public Builder executeTimeout(final Duration timeout)
        {
            this.executeTimeoutNanos = timeout.toNanos();
            return this;
        }

        public Builder probeTimeout(final Duration timeout)
        {
            this.probeTimeoutNanos = timeout.toNanos();
            return this;
        }

        public Builder deadAfterTimeouts(final int deadAfterTimeouts)
        {
            this.deadAfterTimeouts = deadAfterTimeouts;
            return this;
        }

        public Builder receiveBuffers(final int receiveBuffers)
        {
            this.receiveBuffers = receiveBuffers;
            return this;
        }

        public Builder tracePath(final Path tracePath)
        {
            this.tracePath = tracePath;
            return this;
        }

        public Builder tap(final WireTap tap)
        {
            this.tap = tap;
            return this;
        }

        public Builder dbcQueueElements(final int dbcQueueElements)
        {
            this.dbcQueueElements = dbcQueueElements;
            return this;
        }

        public Builder executeBufferBytes(final int executeBufferBytes)
        {
            this.executeBufferBytes = executeBufferBytes;
            return this;
        }

        public Builder dmaSegmentBytes(final int dmaSegmentBytes)
        {
            this.dmaSegmentBytes = dmaSegmentBytes;
            return this;
        }

        public Builder maxWireMessageBytes(final int maxWireMessageBytes)
        {
            this.maxWireMessageBytes = maxWireMessageBytes;
            return this;
        }

        public Builder maxOutstandingPerSession(final int maxOutstandingPerSession)
        {
            this.maxOutstandingPerSession = maxOutstandingPerSession;
            return this;
        }

        public Builder opensPerSecond(final int opensPerSecond)
        {
            this.opensPerSecond = opensPerSecond;
            return this;
        }

        public Builder openBurst(final int openBurst)
        {
            this.openBurst = openBurst;
            return this;
        }

        public Builder refusalPenalty(final Duration penalty)
        {
            this.refusalPenaltyNanos = penalty.toNanos();
            return this;
        }

        public Builder maxControlInFlight(final int maxControlInFlight)
        {
            this.maxControlInFlight = maxControlInFlight;
            return this;
        }

        public Builder nanoClock(final LongSupplier nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        public Builder timerTick(final Duration tick)
        {
            this.timerTickNanos = tick.toNanos();
            return this;
        }

        public Builder hostOptions(final HostOptions hostOptions)
        {
            this.hostOptions = hostOptions;
            return this;
        }

        public Builder recoveryAttempts(final int recoveryAttempts)
        {
            this.recoveryAttempts = recoveryAttempts;
            return this;
        }

        public Builder clock(final Clock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * @return the options.
         * @throws IllegalArgumentException {@code bad driver option: name=value} for the first bad field.
         */
        public DriverOptions build()
        {
            check(major >= 0 && major < 4096, "major", major);
            check(deviceName != null && !deviceName.isEmpty() && deviceName.length() < 32, "deviceName", deviceName);
            check(controlTimeoutNanos > 0, "controlTimeoutNanos", controlTimeoutNanos);
            check(executeTimeoutNanos > 0, "executeTimeoutNanos", executeTimeoutNanos);
            check(probeTimeoutNanos > 0, "probeTimeoutNanos", probeTimeoutNanos);
            check(deadAfterTimeouts >= 1, "deadAfterTimeouts", deadAfterTimeouts);
            check(receiveBuffers >= 1 && receiveBuffers < QaicChannels.CONTROL_ELEMENTS, "receiveBuffers",
                receiveBuffers);
            check(dbcQueueElements >= 2 && dbcQueueElements <= 4096, "dbcQueueElements", dbcQueueElements);
            check(executeBufferBytes >= 64 && executeBufferBytes <= 1 << 20, "executeBufferBytes",
                executeBufferBytes);
            check(dmaSegmentBytes >= 64 && dmaSegmentBytes <= 1 << 20, "dmaSegmentBytes", dmaSegmentBytes);
            check(maxWireMessageBytes >= 256 && maxWireMessageBytes <= WireDirection.TO_DEV.maxLength(),
                "maxWireMessageBytes", maxWireMessageBytes);
            check(maxOutstandingPerSession >= 1, "maxOutstandingPerSession", maxOutstandingPerSession);
            check(opensPerSecond >= 1, "opensPerSecond", opensPerSecond);
            check(openBurst >= 1, "openBurst", openBurst);
            check(refusalPenaltyNanos >= 0, "refusalPenaltyNanos", refusalPenaltyNanos);
            check(maxControlInFlight >= 2 && maxControlInFlight <= 1 << 16, "maxControlInFlight",
                maxControlInFlight);
            check(nanoClock != null, "nanoClock", null);
            check(timerTickNanos >= 0, "timerTickNanos", timerTickNanos);
            check(hostOptions != null, "hostOptions", null);
            check(recoveryAttempts >= 1, "recoveryAttempts", recoveryAttempts);
            check(clock != null, "clock", null);
            return new DriverOptions(this);
        }

        private static void check(final boolean ok, final String name, final Object value)
        {
            if (!ok)
            {
                throw new IllegalArgumentException("bad driver option: " + name + "=" + value);
            }
        }
    }
}

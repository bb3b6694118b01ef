package dev.shadowdev.driver.options;

import dev.shadowdev.driver.wiretap.WireTap;
import dev.shadowdev.mhi.QaicChannels;
import dev.shadowdev.mhi.host.HostOptions;
import dev.shadowdev.wire.WireDirection;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * How an {@link dev.shadowdev.driver.AccelDriver} runs. Immutable; make one with {@link #builder()} ({@link #defaults()} for the
 * defaults). Each option is a record component (its value and accessor) and one {@link Option} below (its name, default
 * and check, in component order); {@link Builder#build()} checks every option and names the first bad one.
 *
 * @param major                    the nodes' major (default 261)
 * @param deviceName               the base device's name (default {@code aic100})
 * @param controlTimeoutNanos      how long a control request may wait for its response (default 5 s)
 * @param executeTimeoutNanos      how long an EXECUTE may wait for its response element (default 5 s)
 * @param probeTimeoutNanos        how long each step of the probe (power up, channel start) may take (default 5 s)
 * @param deadAfterTimeouts        control timeouts in a row after which the firmware counts as dead (default 3)
 * @param receiveBuffers           4 KiB receive buffers kept queued on the from-device control channel (default 32,
 *                                 at most 127)
 * @param tracePath                the pcap wire trace file, or null for none
 * @param tap                      an extra wire tap, or null
 * @param dbcQueueElements         elements of each DBC request and response queue (default 16)
 * @param executeBufferBytes       capacity of a workload's EXECUTE input and output buffers (default 64 KiB)
 * @param dmaSegmentBytes          the largest address/size pair a DMA_XFER sends (default 4096, a page; at least 64)
 * @param maxWireMessageBytes      the longest wire message the driver builds (default 64 KiB; smaller forces splits
 *                                 in tests)
 * @param maxOutstandingPerSession accepted writes a session may have unanswered before write() says EAGAIN
 *                                 (default 64)
 * @param opensPerSecond           sessions that may be opened per second on one shadow node in the long run (default
 *                                 1000): opens and closes are shared paths, so one partition's churn is bounded
 *                                 (EAGAIN past it; the base node is exempt)
 * @param openBurst                sessions that may be opened at once on one shadow node before
 *                                 {@code opensPerSecond} holds (default 256)
 * @param refusalPenaltyNanos      how long a caller refused for abuse (an open past the rate, a write at the
 *                                 outstanding limit) waits before its EAGAIN, default 1 ms; 0 answers at once
 *                                 ({@link dev.shadowdev.driver.session.RefusalPenalty})
 * @param maxControlInFlight       control requests in flight at once (default 1024)
 * @param nanoClock                the one time source: every deadline, and node event timestamps (the wall clock
 *                                 read once plus this clock's elapsed nanoseconds); default {@link System#nanoTime()}
 * @param timerTickNanos           period of the timer thread (timeouts, missed interrupts), default 10 ms; 0 runs no
 *                                 timer thread and the owner calls {@link dev.shadowdev.driver.AccelDriver#tick()}
 *                                 (deterministic tests)
 * @param hostOptions              how the transport host waits and processes events (default
 *                                 {@link HostOptions#defaults()})
 * @param recoveryAttempts         probes tried by one recovery before it gives up (default 3)
 * @param cgroupNode               whether the shared cgroup node {@code accel/cgroup} exists (ABI.md 7, default true)
 * @param cgroupSource             what {@code /proc/<pid>/cgroup} says for a pid, null when the process is gone;
 *                                 null (the default) reads {@code /proc} (tests give recorded contents)
 */
public record DriverOptions(
    int major,
    String deviceName,
    long controlTimeoutNanos,
    long executeTimeoutNanos,
    long probeTimeoutNanos,
    int deadAfterTimeouts,
    int receiveBuffers,
    Path tracePath,
    WireTap tap,
    int dbcQueueElements,
    int executeBufferBytes,
    int dmaSegmentBytes,
    int maxWireMessageBytes,
    int maxOutstandingPerSession,
    int opensPerSecond,
    int openBurst,
    long refusalPenaltyNanos,
    int maxControlInFlight,
    LongSupplier nanoClock,
    long timerTickNanos,
    HostOptions hostOptions,
    int recoveryAttempts,
    boolean cgroupNode,
    IntFunction<String> cgroupSource)
{
    /** The Linux accel major. */
    public static final int DEFAULT_MAJOR = 261;

    /** Every option in component order; filled by {@link #option} as the constants below are initialised. */
    private static final List<Option<?>> OPTIONS = new ArrayList<>();

    private static final long FIVE_SECONDS = Duration.ofSeconds(5).toNanos();

    private static final Option<Integer> MAJOR = option("major", DEFAULT_MAJOR, v -> v >= 0 && v < 4096);
    private static final Option<String> DEVICE_NAME = option("deviceName", "aic100",
        v -> v != null && !v.isEmpty() && v.length() < 32);
    private static final Option<Long> CONTROL_TIMEOUT = option("controlTimeoutNanos", FIVE_SECONDS, v -> v > 0);
    private static final Option<Long> EXECUTE_TIMEOUT = option("executeTimeoutNanos", FIVE_SECONDS, v -> v > 0);
    private static final Option<Long> PROBE_TIMEOUT = option("probeTimeoutNanos", FIVE_SECONDS, v -> v > 0);
    private static final Option<Integer> DEAD_AFTER_TIMEOUTS = option("deadAfterTimeouts", 3, v -> v >= 1);
    private static final Option<Integer> RECEIVE_BUFFERS = option("receiveBuffers", 32,
        v -> v >= 1 && v < QaicChannels.CONTROL_ELEMENTS);
    private static final Option<Path> TRACE_PATH = option("tracePath", null, v -> true);
    private static final Option<WireTap> TAP = option("tap", null, v -> true);
    private static final Option<Integer> DBC_QUEUE_ELEMENTS = option("dbcQueueElements", 16,
        v -> v >= 2 && v <= 4096);
    private static final Option<Integer> EXECUTE_BUFFER_BYTES = option("executeBufferBytes", 64 * 1024,
        v -> v >= 64 && v <= 1 << 20);
    private static final Option<Integer> DMA_SEGMENT_BYTES = option("dmaSegmentBytes", 4096,
        v -> v >= 64 && v <= 1 << 20);
    private static final Option<Integer> MAX_WIRE_MESSAGE_BYTES = option("maxWireMessageBytes",
        WireDirection.TO_DEV.maxLength(), v -> v >= 256 && v <= WireDirection.TO_DEV.maxLength());
    private static final Option<Integer> MAX_OUTSTANDING = option("maxOutstandingPerSession", 64, v -> v >= 1);
    private static final Option<Integer> OPENS_PER_SECOND = option("opensPerSecond", 1000, v -> v >= 1);
    private static final Option<Integer> OPEN_BURST = option("openBurst", 256, v -> v >= 1);
    private static final Option<Long> REFUSAL_PENALTY = option("refusalPenaltyNanos",
        Duration.ofMillis(1).toNanos(), v -> v >= 0);
    private static final Option<Integer> MAX_CONTROL_IN_FLIGHT = option("maxControlInFlight", 1024,
        v -> v >= 2 && v <= 1 << 16);
    private static final Option<LongSupplier> NANO_CLOCK = option("nanoClock", System::nanoTime, v -> v != null);
    private static final Option<Long> TIMER_TICK = option("timerTickNanos", Duration.ofMillis(10).toNanos(),
        v -> v >= 0);
    private static final Option<HostOptions> HOST_OPTIONS = option("hostOptions", HostOptions.defaults(),
        v -> v != null);
    private static final Option<Integer> RECOVERY_ATTEMPTS = option("recoveryAttempts", 3, v -> v >= 1);
    private static final Option<Boolean> CGROUP_NODE = option("cgroupNode", true, v -> v != null);
    private static final Option<IntFunction<String>> CGROUP_SOURCE = option("cgroupSource", null, v -> true);

    private static final RecordComponent[] COMPONENTS = componentsMatchingOptions();

    /** @return the defaults. */
    public static DriverOptions defaults()
    {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder()
    {
        return new Builder(null);
    }

    /** @return a builder holding these options. */
    public Builder toBuilder()
    {
        return new Builder(this);
    }

    /**
     * One option: its component's name, default and check.
     *
     * @param <T> the component's (boxed) type
     */
    private record Option<T>(int index, String name, T defaultValue, Predicate<T> check)
    {
        @SuppressWarnings("unchecked")
        void check(final Object value)
        {
            final boolean ok;
            try
            {
                ok = check.test((T)value);
            }
            catch (final NullPointerException ex) // an unboxed check on a null: not a value of a primitive option
            {
                throw bad(value);
            }
            if (!ok)
            {
                throw bad(value);
            }
        }

        private IllegalArgumentException bad(final Object value)
        {
            return new IllegalArgumentException("bad driver option: " + name + "=" + value);
        }
    }

    private static <T> Option<T> option(final String name, final T defaultValue, final Predicate<T> check)
    {
        final Option<T> option = new Option<>(OPTIONS.size(), name, defaultValue, check);
        OPTIONS.add(option);
        return option;
    }

    private static RecordComponent[] componentsMatchingOptions()
    {
        final RecordComponent[] components = DriverOptions.class.getRecordComponents();
        final List<String> names = new ArrayList<>();
        for (final RecordComponent component : components)
        {
            names.add(component.getName());
        }
        if (!names.equals(OPTIONS.stream().map(Option::name).toList()))
        {
            throw new IllegalStateException("driver options: components=" + names + " options=" +
                OPTIONS.stream().map(Option::name).toList());
        }
        return components;
    }

    /** Collects options; {@link #build()} checks them. */
    public static final class Builder
    {
        private final Object[] values = new Object[OPTIONS.size()];

        private Builder(final DriverOptions from)
        {
            for (final Option<?> option : OPTIONS)
            {
                values[option.index()] = from == null ? option.defaultValue() : from.value(option.index());
            }
        }

        private <T> Builder set(final Option<T> option, final T value)
        {
            values[option.index()] = value;
            return this;
        }

        public Builder major(final int major)
        {
            return set(MAJOR, major);
        }

        public Builder deviceName(final String deviceName)
        {
            return set(DEVICE_NAME, deviceName);
        }

        public Builder controlTimeout(final Duration timeout)
        {
            return set(CONTROL_TIMEOUT, timeout.toNanos());
        }

        public Builder executeTimeout(final Duration timeout)
        {
            return set(EXECUTE_TIMEOUT, timeout.toNanos());
        }

        public Builder probeTimeout(final Duration timeout)
        {
            return set(PROBE_TIMEOUT, timeout.toNanos());
        }

        public Builder deadAfterTimeouts(final int deadAfterTimeouts)
        {
            return set(DEAD_AFTER_TIMEOUTS, deadAfterTimeouts);
        }

        public Builder receiveBuffers(final int receiveBuffers)
        {
            return set(RECEIVE_BUFFERS, receiveBuffers);
        }

        public Builder tracePath(final Path tracePath)
        {
            return set(TRACE_PATH, tracePath);
        }

        public Builder tap(final WireTap tap)
        {
            return set(TAP, tap);
        }

        public Builder dbcQueueElements(final int dbcQueueElements)
        {
            return set(DBC_QUEUE_ELEMENTS, dbcQueueElements);
        }

        public Builder executeBufferBytes(final int executeBufferBytes)
        {
            return set(EXECUTE_BUFFER_BYTES, executeBufferBytes);
        }

        public Builder dmaSegmentBytes(final int dmaSegmentBytes)
        {
            return set(DMA_SEGMENT_BYTES, dmaSegmentBytes);
        }

        public Builder maxWireMessageBytes(final int maxWireMessageBytes)
        {
            return set(MAX_WIRE_MESSAGE_BYTES, maxWireMessageBytes);
        }

        public Builder maxOutstandingPerSession(final int maxOutstandingPerSession)
        {
            return set(MAX_OUTSTANDING, maxOutstandingPerSession);
        }

        public Builder opensPerSecond(final int opensPerSecond)
        {
            return set(OPENS_PER_SECOND, opensPerSecond);
        }

        public Builder openBurst(final int openBurst)
        {
            return set(OPEN_BURST, openBurst);
        }

        public Builder refusalPenalty(final Duration penalty)
        {
            return set(REFUSAL_PENALTY, penalty.toNanos());
        }

        public Builder maxControlInFlight(final int maxControlInFlight)
        {
            return set(MAX_CONTROL_IN_FLIGHT, maxControlInFlight);
        }

        public Builder nanoClock(final LongSupplier nanoClock)
        {
            return set(NANO_CLOCK, nanoClock);
        }

        public Builder timerTick(final Duration tick)
        {
            return set(TIMER_TICK, tick.toNanos());
        }

        public Builder hostOptions(final HostOptions hostOptions)
        {
            return set(HOST_OPTIONS, hostOptions);
        }

        public Builder recoveryAttempts(final int recoveryAttempts)
        {
            return set(RECOVERY_ATTEMPTS, recoveryAttempts);
        }

        public Builder cgroupNode(final boolean cgroupNode)
        {
            return set(CGROUP_NODE, cgroupNode);
        }

        public Builder cgroupSource(final IntFunction<String> cgroupSource)
        {
            return set(CGROUP_SOURCE, cgroupSource);
        }

        /**
         * @return the options.
         * @throws IllegalArgumentException {@code bad driver option: name=value} for the first bad option.
         */
        public DriverOptions build()
        {
            for (final Option<?> option : OPTIONS)
            {
                option.check(values[option.index()]);
            }
            final Class<?>[] types = new Class<?>[COMPONENTS.length];
            for (int i = 0; i < types.length; i++)
            {
                types[i] = COMPONENTS[i].getType();
            }
            try
            {
                return DriverOptions.class.getDeclaredConstructor(types).newInstance(values);
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new IllegalStateException("driver options: cannot construct", ex);
            }
        }
    }

    private Object value(final int index)
    {
        try
        {
            return COMPONENTS[index].getAccessor().invoke(this);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("driver options: cannot read " + COMPONENTS[index].getName(), ex);
        }
    }
}

package dev.shadowdev.driver;

import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.CgroupBinding;
import dev.shadowdev.driver.api.NodeAccess;
import dev.shadowdev.driver.api.NodeListener;
import dev.shadowdev.driver.api.NodeUsage;
import dev.shadowdev.driver.api.NodeView;
import dev.shadowdev.driver.api.OpenResult;
import dev.shadowdev.driver.api.PartitionUsage;
import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.driver.api.ResetListener;
import dev.shadowdev.driver.control.ControlAdapter;
import dev.shadowdev.driver.control.ControlClient;
import dev.shadowdev.driver.control.ControlLink;
import dev.shadowdev.driver.control.ControlProxy;
import dev.shadowdev.driver.control.Prober;
import dev.shadowdev.driver.dbc.DbcTable;
import dev.shadowdev.driver.minor.MinorAllocator;
import dev.shadowdev.driver.node.DeviceNode;
import dev.shadowdev.driver.node.NodeRegistry;
import dev.shadowdev.driver.notice.PartitionNotices;
import dev.shadowdev.driver.node.OpenRate;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.recovery.DriverState;
import dev.shadowdev.driver.session.HandleAllocator;
import dev.shadowdev.driver.session.RefusalPenalty;
import dev.shadowdev.driver.session.Session;
import dev.shadowdev.driver.session.SessionServices;
import dev.shadowdev.driver.trace.OffsetEpochNanoClock;
import dev.shadowdev.driver.trace.PcapTraceWriter;
import dev.shadowdev.driver.wiretap.WireRecorder;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.QaicChannels;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.host.MhiHost;
import dev.shadowdev.mhi.host.MhiHostListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host driver of one card, as the devfs constructs it: the transport host, the control client, the DMA bridge
 * channels, the device nodes and their sessions, recovery, and the wire trace, behind {@link NodeAccess}.
 * <p>
 * Wiring it to a card in the same JVM (the firmware on the device side of the same region and registers; they
 * share nothing else):
 * <pre>{@code
 * SharedRegion region = new SharedRegion(SharedRegion.DEFAULT_SIZE);
 * MhiRegisters registers = new MhiRegisters();
 * FirmwareCard card = new FirmwareCard(DeviceProfile.aic100(), region, registers, CardOptions.defaults()).start();
 * AccelDriver driver = new AccelDriver(new DmaAllocator(region), registers,
 *     DriverOptions.builder().tracePath(Path.of("wire.pcap")).build());
 * ProbeResult probed = driver.probe(); if (!probed.ok()) { throw new IllegalStateException(probed.reason()); }
 * NodeAccess nodes = driver;                    // hand to the filesystem; addResetListener for the daemon
 * ...
 * driver.close();                               // then card.close()
 * }</pre>
 * The driver allocates all its host memory (rings, receive buffers, messages, DBC queues, DMA buffers) from the
 * given {@link DmaAllocator}; the firmware only ever sees bus addresses in it.
 * <p>
 * Threads: no thread of its own runs sessions. A session runs on the caller's thread up to the doorbell, and the
 * caller then lends its thread to the card; the transport's event processing, and with it every completion, runs
 * where the device raises its interrupt ({@link DriverOptions#hostOptions()}); one timer thread handles timeouts
 * and missed interrupts; recovery runs on its own thread (see the {@code session} package comment). Node listeners, reset listeners and ready listeners
 * are called from those threads.
 */
public final class AccelDriver implements NodeAccess, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AccelDriver.class);
    private static final int POOL_RETAIN = 64;
    private static final int FLUSH_EVERY_TICKS = 100;
    /** Most callers waiting out a refusal penalty at once (each holds a FUSE worker). */
    private static final int MAX_PENALIZED = 8;

    private final DriverOptions options;
    private final DmaAllocator allocator;
    private final DriverCounters counters = new DriverCounters();
    private final WireRecorder recorder;
    private final BufferPool pool = new BufferPool(POOL_RETAIN);
    private final MhiHost host;
    private final ControlClient client;
    private final ControlProxy proxy;
    private final ControlLink link;
    private final DbcTable dbcTable;
    private final NodeRegistry registry;
    private final HandleAllocator handles = new HandleAllocator();
    private final SessionServices services;
    private final DriverConductor conductor;
    private final DriverTimer timer;
    private final NodeUsageQuery usageQuery;
    private final ConcurrentHashMap<Integer, OpenRate> openRates = new ConcurrentHashMap<>();
    private final CgroupResolver cgroupResolver;
    private int ticks;
    private boolean closed;

    /**
     * A driver with the qaic channel table.
     *
     * @param allocator host memory (the region shared with the card).
     * @param registers the card's register block.
     * @param options   how to run.
     * @throws IOException when the trace file cannot be created.
     */
    public AccelDriver(final DmaAllocator allocator, final MhiRegisters registers, final DriverOptions options)
        throws IOException
    {
        this(allocator, registers, MhiConfig.qaic(), options);
    }

    /**
     * @param allocator host memory (the region shared with the card).
     * @param registers the card's register block.
     * @param config    the channel table (must have CONTROL 10/11).
     * @param options   how to run.
     * @throws IOException when the trace file cannot be created.
     */
    public AccelDriver(
        final DmaAllocator allocator, final MhiRegisters registers, final MhiConfig config, final DriverOptions options)
        throws IOException
    {
        this.options = options;
        this.allocator = allocator;
        final SharedRegion region = allocator.region();
        this.recorder = new WireRecorder(
            options.tracePath() == null ? null : PcapTraceWriter.open(options.tracePath()), options.tap());
        this.host = new MhiHost(region, allocator, registers, config, options.hostOptions());
        this.proxy = new ControlProxy(
            host, allocator, recorder, QaicChannels.CONTROL, options.maxControlInFlight());
        this.client = new ControlClient(
            proxy, pool, counters, options.nanoClock(), options.maxControlInFlight(), options.deadAfterTimeouts());
        final ControlAdapter adapter = new ControlAdapter(host, allocator, pool, client, recorder, counters,
            QaicChannels.partner(QaicChannels.CONTROL), options.receiveBuffers());
        this.link = new ControlLink(host, proxy, adapter, client);
        this.dbcTable = new DbcTable(allocator, registers, recorder, counters, options.nanoClock());
        this.registry = new NodeRegistry(new MinorAllocator(), options.major(), options.deviceName(),
            new OffsetEpochNanoClock(options.nanoClock(), Instant.now()), options.cgroupNode());
        this.cgroupResolver = new CgroupResolver(registry, options.cgroupSource(), options.nanoClock());
        this.conductor = new DriverConductor(options, link, client, new Prober(client), dbcTable, registry, counters);
        this.services = new SessionServices(options, client, dbcTable, registry, pool, registers, counters,
            allocator, handles, conductor::epoch, session -> conductor.sessions().remove(session),
            new RefusalPenalty(options.refusalPenaltyNanos(), MAX_PENALIZED));
        this.usageQuery = new NodeUsageQuery(options, client, registry, dbcTable, conductor.sessions());
        adapter.notices(new PartitionNotices(dbcTable, registry, counters, this::sessionByHandle));
        registry.addListener(new SessionRefresher());
        registry.addCgroupTargetListener(this::refreshSessionsOf);
        host.setDbcInterruptHandler(dbcTable::onInterrupt);
        host.setListener(new MhiHostListener()
        {
            @Override
            public void onSysErr()
            {
                conductor.triggerRecovery("SYS_ERR");
            }
        });
        client.deadFirmwareHook(() -> conductor.triggerRecovery("firmware not answering"));
        this.timer = options.timerTickNanos() > 0 ? new DriverTimer(options.timerTickNanos(), this::tick) : null;
    }

    /**
     * Bring the transport to M0, start CONTROL, exchange STATUS (version check, CRC), and bring the base node
     * online.
     *
     * @return OK, or a negative errno and its reason.
     */
    public ProbeResult probe()
    {
        final ProbeResult result = conductor.probe();
        if (!result.ok())
        {
            LOG.error("probe failed: status={} error={}", result.status(), result.reason());
        }
        return result;
    }

    /** @return the life-cycle state, see {@link DriverState}. */
    public int state()
    {
        return conductor.state();
    }

    /** @return how many times the firmware was lost or the driver closed: sessions belong to one epoch. */
    public int epoch()
    {
        return conductor.epoch();
    }

    /** @return the driver's counters. */
    public DriverCounters counters()
    {
        return counters;
    }

    /** @return the host memory allocator the driver uses. */
    public DmaAllocator allocator()
    {
        return allocator;
    }

    /** @return the options it runs with. */
    public DriverOptions options()
    {
        return options;
    }

    /** @return control requests waiting for their answer. */
    public int pendingControl()
    {
        return client.pending();
    }

    /** @return control messages on the to-device ring whose buffer the device has not completed yet. */
    public int controlInFlight()
    {
        return proxy.inFlight();
    }

    /** @return workloads preempted by the firmware that their sessions have not deactivated yet. */
    public int preemptedWorkloads()
    {
        return dbcTable.preemptedCount();
    }

    /** @return sessions open now. */
    public int openSessions()
    {
        return conductor.sessions().size();
    }

    /** @return true while a recovery is running. */
    public boolean recovering()
    {
        return conductor.recovering();
    }

    /**
     * One timer duty: fail overdue control requests and EXECUTEs, pick up events and DBC responses whose interrupt
     * was missed, flush the trace now and then. The timer thread calls it every tick; with
     * {@link DriverOptions#timerTickNanos()} 0, tests call it by hand.
     *
     * @return control requests that timed out.
     */
    public int tick()
    {
        final int timedOut = client.checkTimeouts();
        dbcTable.poll();
        if (conductor.state() == DriverState.ONLINE)
        {
            host.doWork();
        }
        if (++ticks % FLUSH_EVERY_TICKS == 0)
        {
            recorder.flush();
        }
        return timedOut;
    }

    @Override
    public List<NodeView> nodes()
    {
        return registry.views();
    }

    @Override
    public void addListener(final NodeListener listener)
    {
        registry.addListener(listener);
    }

    @Override
    public void removeListener(final NodeListener listener)
    {
        registry.removeListener(listener);
    }

    @Override
    public void addResetListener(final ResetListener listener)
    {
        conductor.addResetListener(listener);
    }

    @Override
    public void removeResetListener(final ResetListener listener)
    {
        conductor.removeResetListener(listener);
    }

    @Override
    public OpenResult open(final int minor)
    {
        return open(minor, 0);
    }

    @Override
    public OpenResult open(final int minor, final int pid)
    {
        DeviceNode node = registry.node(minor);
        if (node == null)
        {
            return OpenResult.refused(Errno.ENOENT.status());
        }
        if (!node.online() || conductor.state() != DriverState.ONLINE)
        {
            return OpenResult.refused(Errno.ENODEV.status());
        }
        if (node.partitionId() == NodeView.CGROUP_NODE)
        {
            final CgroupResolver.Resolution resolved = cgroupResolver.resolve(pid);
            if (resolved.node() == null)
            {
                return OpenResult.refused(resolved.status());
            }
            node = resolved.node();
        }
        if (!admitOpen(node))
        {
            return OpenResult.refused(Errno.EAGAIN.status());
        }
        final int handle = handles.allocate();
        if (handle < 0)
        {
            LOG.warn("open refused: no user handle left: minor={}", minor);
            return OpenResult.refused(Errno.ENOSPC.status());
        }
        final Session session = new Session(services, node, handle, conductor.epoch());
        conductor.sessions().add(session);
        if (!session.alive() || conductor.state() != DriverState.ONLINE)
        {
            conductor.sessions().remove(session);
            handles.free(handle);
            return OpenResult.refused(Errno.ENODEV.status());
        }
        counters.increment(Counter.SESSIONS_OPENED);
        return OpenResult.opened(session);
    }

    @Override
    public PartitionUsage partitionUsage(final int minor)
    {
        return usageQuery.partitionUsage(minor);
    }

    @Override
    public String events(final int minor)
    {
        return registry.events(minor);
    }

    @Override
    public long eventsAdded(final int minor)
    {
        return registry.eventsAdded(minor);
    }

    @Override
    public List<CgroupBinding> cgroupBindings()
    {
        return registry.bindings().list();
    }

    /** @return minors in use (the base node, the cgroup node and each shadow node hold one). */
    public int minorsInUse()
    {
        return registry.minorsInUse();
    }

    @Override
    public NodeUsage usage(final int minor)
    {
        final DeviceNode node = registry.node(minor);
        if (node != null && node.partitionId() == NodeView.CGROUP_NODE)
        {
            return null;
        }
        return usageQuery.usage(minor);
    }

    /**
     * Shut down: fail everything pending, close every session, reset the transport, free its memory and give the
     * buffer pool's memory back to Netty. Idempotent.
     */
    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        conductor.close();
        if (timer != null)
        {
            timer.close();
        }
        link.close(options.probeTimeoutNanos());
        dbcTable.releaseAll();
        registry.removeAll("driver closed");
        recorder.close();
        pool.close();
        LOG.info("driver closed: counters={}", counters);
    }

    /** A shadow node's opens past its {@link OpenRate} are refused (the base node, root's, is exempt). */
    private boolean admitOpen(final DeviceNode node)
    {
        if (node.isBase())
        {
            return true;
        }
        final int key = node.viaCgroup() ? -2 - node.partitionId() : node.minor();
        final OpenRate rate = openRates.computeIfAbsent(key,
            minor -> new OpenRate(options.opensPerSecond(), options.openBurst()));
        final long now = options.nanoClock().getAsLong();
        final boolean admitted = rate.tryAcquire(now);
        final long refused = admitted ? 0 : rate.refusalsToReport(now);
        if (refused > 0)
        {
            LOG.warn("open refused: too many opens: minor={} partition={} opens_per_second={} refused={}",
                node.minor(), node.partitionId(), options.opensPerSecond(), refused);
        }
        if (!admitted)
        {
            services.penalty().serve();
        }
        return admitted;
    }

    /** @return the open session with this user handle, or null (for the card's notices: rare, a scan is enough). */
    private Session sessionByHandle(final int handle)
    {
        for (final Session session : conductor.sessions())
        {
            if (session.handle() == handle)
            {
                return session;
            }
        }
        return null;
    }

    /** A partition reached through the cgroup node is gone: its sessions are dead. */
    private void refreshSessionsOf(final DeviceNode target)
    {
        for (final Session session : conductor.sessions())
        {
            if (session.node() == target)
            {
                session.refresh();
            }
        }
    }

    /** Kills the sessions a node change made dead, so their readers and pollers wake up. */
    private final class SessionRefresher implements NodeListener
    {
        @Override
        public void onNodeAdded(final NodeView node)
        {
        }

        @Override
        public void onNodeRemoved(final NodeView node)
        {
            refresh(node);
        }

        @Override
        public void onNodeChanged(final NodeView node)
        {
            refresh(node);
        }

        private void refresh(final NodeView node)
        {
            for (final Session session : conductor.sessions())
            {
                if (session.node().minor() == node.minor())
                {
                    session.refresh();
                }
            }
        }
    }
}

package dev.shadowdev.driver;

import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.counters.Counter;
import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.driver.api.ResetListener;
import dev.shadowdev.driver.control.ControlClient;
import dev.shadowdev.driver.control.ControlLink;
import dev.shadowdev.driver.control.Prober;
import dev.shadowdev.driver.dbc.DbcTable;
import dev.shadowdev.driver.node.NodeRegistry;
import dev.shadowdev.driver.recovery.DriverState;
import dev.shadowdev.driver.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns the driver's life cycle ({@link DriverState}): the probe, recovery after SYS_ERR or a dead firmware, and
 * shutdown, and the sessions that are open.
 * <p>
 * Recovery, on its own thread: a new epoch (sessions opened before are dead for good), every node offline, the
 * control link quiesced, every pending control request and EXECUTE failed with EIO (so every waiting session gets
 * an answer), then up to {@code recoveryAttempts} times: reset the transport, give back every DBC queue (the
 * firmware forgot them), bring the link up and probe. The base node comes back online in a new generation; shadow
 * nodes keep their minors and stay offline until re-attached. {@link ResetListener}s hear about both ends.
 */
final class DriverConductor
{
    private static final Logger LOG = LoggerFactory.getLogger(DriverConductor.class);

    private final DriverOptions options;
    private final ControlLink link;
    private final ControlClient client;
    private final Prober prober;
    private final DbcTable dbcTable;
    private final NodeRegistry registry;
    private final DriverCounters counters;
    private final DriverState state = new DriverState();
    private final AtomicInteger epoch = new AtomicInteger();
    private final List<ResetListener> resetListeners = new CopyOnWriteArrayList<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private Thread recovery;

    DriverConductor(
        final DriverOptions options,
        final ControlLink link,
        final ControlClient client,
        final Prober prober,
        final DbcTable dbcTable,
        final NodeRegistry registry,
        final DriverCounters counters)
    {
        this.options = options;
        this.link = link;
        this.client = client;
        this.prober = prober;
        this.dbcTable = dbcTable;
        this.registry = registry;
        this.counters = counters;
    }

    /** @return OK once the firmware is probed and the base node online, else the negative errno and why. */
    ProbeResult probe()
    {
        final int reached = state.trySetState(DriverState.PROBING);
        if (reached != DriverState.PROBING)
        {
            return ProbeResult.failed(reached == DriverState.ONLINE ? Errno.EBUSY.status() : Errno.EINVAL.status(),
                "probe refused: state=" + DriverState.name(reached));
        }
        final ProbeResult up = bringUp();
        if (!up.ok())
        {
            link.quiesce();
            state.trySetState(DriverState.FAILED);
            return up;
        }
        if (state.trySetState(DriverState.ONLINE) != DriverState.ONLINE || registry.baseOnline() == null)
        {
            return ProbeResult.failed(Errno.EIO.status(),
                "probe interrupted: state=" + DriverState.name(state.state()));
        }
        return ProbeResult.OK;
    }

    /** Start recovery once, from any thread (SYS_ERR in the event thread, dead firmware in the timer). */
    void triggerRecovery(final String reason)
    {
        synchronized (this)
        {
            if (state.trySetState(DriverState.RECOVERING) != DriverState.RECOVERING)
            {
                LOG.debug("recovery not started: reason={} state={}", reason, DriverState.name(state.state()));
                return;
            }
            LOG.error("firmware lost: reason={} epoch={}", reason, epoch.get());
            recovery = new Thread(() -> recover(reason), "shadowdev-recovery");
            recovery.setDaemon(true);
            recovery.start();
        }
    }

    /** Shut down: fail everything, close every session, stop. Idempotent; the caller stops the rest. */
    boolean close()
    {
        final Thread running;
        synchronized (this)
        {
            if (state.state() == DriverState.CLOSED)
            {
                return false;
            }
            state.trySetState(DriverState.CLOSED);
            running = recovery;
        }
        epoch.incrementAndGet();
        registry.allOffline("driver closed");
        link.quiesce();
        client.failAll(Errno.EIO.status());
        dbcTable.abortAll(Errno.EIO.status());
        if (running != null && running != Thread.currentThread())
        {
            try
            {
                running.join(TimeUnit.NANOSECONDS.toMillis(options.probeTimeoutNanos()) * 2 + 1000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        for (final Session session : new ArrayList<>(sessions))
        {
            session.close();
        }
        return true;
    }

    int state()
    {
        return state.state();
    }

    int epoch()
    {
        return epoch.get();
    }

    Set<Session> sessions()
    {
        return sessions;
    }

    void addResetListener(final ResetListener listener)
    {
        resetListeners.add(listener);
    }

    void removeResetListener(final ResetListener listener)
    {
        resetListeners.remove(listener);
    }

    /** @return true when a recovery thread is running. */
    synchronized boolean recovering()
    {
        return recovery != null && recovery.isAlive();
    }

    private ProbeResult bringUp()
    {
        final ProbeResult open = link.open(options.probeTimeoutNanos());
        if (!open.ok())
        {
            LOG.error("probe failed: {}", open.reason());
            return open;
        }
        return prober.probe(options.controlTimeoutNanos());
    }

    private void recover(final String reason)
    {
        counters.increment(Counter.RECOVERIES);
        epoch.incrementAndGet();
        registry.allOffline(reason);
        for (final ResetListener listener : resetListeners)
        {
            listener.onFirmwareLost(reason);
        }
        link.quiesce();
        final int failed = client.failAll(Errno.EIO.status());
        dbcTable.abortAll(Errno.EIO.status());
        LOG.info("recovery started: reason={} failed_requests={}", reason, failed);
        ProbeResult result = ProbeResult.failed(Errno.EIO.status(), "recovery not attempted: attempts=0");
        for (int attempt = 1; attempt <= options.recoveryAttempts(); attempt++)
        {
            if (state.state() != DriverState.RECOVERING)
            {
                return;
            }
            result = link.reset(options.probeTimeoutNanos());
            dbcTable.releaseAll();
            if (result.ok())
            {
                result = bringUp();
            }
            if (result.ok())
            {
                break;
            }
            LOG.warn("recovery attempt failed: attempt={} status={} error={}", attempt, result.status(),
                result.reason());
        }
        final boolean online;
        synchronized (this)
        {
            online = result.ok() && state.trySetState(DriverState.ONLINE) == DriverState.ONLINE;
            if (!online && state.state() == DriverState.RECOVERING)
            {
                state.trySetState(DriverState.FAILED);
            }
        }
        if (online)
        {
            registry.baseOnline();
            counters.increment(Counter.RESETS);
            LOG.info("recovery done: epoch={} resets={}", epoch.get(), counters.get(Counter.RESETS));
        }
        else if (state.state() == DriverState.CLOSED)
        {
            LOG.info("recovery abandoned: reason=driver closed");
            return;
        }
        else
        {
            link.quiesce();
            counters.increment(Counter.RECOVERY_FAILURES);
            LOG.error("recovery failed: status={} error={}", result.status(), result.reason());
        }
        final long resets = counters.get(Counter.RESETS);
        for (final ResetListener listener : resetListeners)
        {
            listener.onReset(online ? ProbeResult.OK : result, resets);
        }
    }
}

package dev.shadowdev.firmware.card;

import dev.shadowdev.firmware.dbc.DbcEngine;
import dev.shadowdev.firmware.model.DeviceProfile;
import dev.shadowdev.firmware.model.Firmware;
import dev.shadowdev.firmware.qsm.QsmControlAdapter;
import dev.shadowdev.firmware.qsm.QsmResponseProxy;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.QaicChannels;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.device.MhiDevice;
import dev.shadowdev.mhi.device.MhiDeviceRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;

/**
 * The whole emulated card on the device side of the transport: the {@link Firmware} model, the MHI endpoint
 * ({@link MhiDevice}), the QSM control service on CONTROL 10/11 ({@link QsmControlAdapter} and
 * {@link QsmResponseProxy}) and the DMA bridge engine ({@link DbcEngine}), run by one device thread.
 * <p>
 * It shares nothing with the host but the {@link SharedRegion} and the {@link MhiRegisters} it is built on. A host
 * wires to it through those two only:
 * <pre>{@code
 * SharedRegion region = new SharedRegion(16 << 20);
 * MhiRegisters registers = new MhiRegisters();
 * FirmwareCard card = new FirmwareCard(DeviceProfile.aic100(), region, registers, CardOptions.defaults()).start();
 * MhiHost host = new MhiHost(region, new DmaAllocator(region), registers, MhiConfig.qaic(), HostOptions.defaults());
 * host.powerUp(timeout);                       // RESET -> READY -> M0
 * host.startChannel(10, txListener, timeout);  // requests
 * host.startChannel(11, rxListener, timeout);  // answers: keep >= 64 KiB of 4 KiB buffers queued
 * }</pre>
 * Tests may instead call {@link #powerOn()} and drive {@link #doWork()} by hand (never together with
 * {@link #start()}).
 * <p>
 * Notices (ABI.md 6): the firmware's preemptions and completed drains travel to the host unasked, one
 * PARTITION_NOTICE_FROM_DEV per control message with sequence number 0, sent from the card's duty cycle, which also
 * lets the firmware's drain clock run so a grace period ends on time with no traffic (see {@link CardNotices}).
 * <p>
 * Faults:
 * <ul>
 *   <li>{@link #crash(String)}: the model enters SYS_ERR (every request EIO) and the transport SYS_ERR (every
 *   doorbell refused, DBC doorbells ignored). When the host then resets the transport (MHICTRL RESET) the card
 *   reboots: the model loses every partition, workload and slot, DBC bindings, split transfers and unsent answers
 *   are dropped, and the device comes back READY for the host to bring to M0 and re-probe.</li>
 *   <li>{@link #hang()}: the firmware stops answering while the transport keeps running, so the driver's timeouts
 *   fire. Control messages that arrive while hung are consumed and never answered; DBC requests stay in their
 *   queues unserved. {@link #resume()} serves the DBC requests that waited and answers control messages that
 *   arrive from then on (the swallowed ones stay lost). A transport reset also ends the hang (the card reboots).
 *   </li>
 * </ul>
 * Any transport reset, not only one after a crash, reboots the card: the host has given up everything it held.
 */
public final class FirmwareCard implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(FirmwareCard.class);

    private final CardOptions options;
    private final Firmware firmware;
    private final MhiDevice device;
    private final DbcEngine engine;
    private final QsmResponseProxy proxy;
    private final QsmControlAdapter control;
    private final CardNotices notices;
    private MhiDeviceRunner runner;
    private volatile boolean hung;
    private volatile long reboots;

    /**
     * @param profile   the card's capacities.
     * @param region    the shared host memory.
     * @param registers the register block (doorbells, DBC window, interrupt line).
     * @param options   CRC, channel table, thread name.
     */
    public FirmwareCard(
        final DeviceProfile profile, final SharedRegion region, final MhiRegisters registers, final CardOptions options)
    {
        this(profile, region, registers, options, System::nanoTime);
    }

    /**
     * @param profile   the card's capacities.
     * @param region    the shared host memory.
     * @param registers the register block (doorbells, DBC window, interrupt line).
     * @param options   CRC, channel table, thread name.
     * @param nanoClock the firmware's clock, on which drain grace periods run (tests move one by hand).
     */
    public FirmwareCard(
        final DeviceProfile profile,
        final SharedRegion region,
        final MhiRegisters registers,
        final CardOptions options,
        final LongSupplier nanoClock)
    {
        this.options = options;
        this.notices = new CardNotices(nanoClock);
        this.firmware = new Firmware(profile, options.crcRequired(), notices, nanoClock);
        this.device = new MhiDevice(region, registers, options.config());
        this.engine = new DbcEngine(firmware, region, registers);
        this.proxy = new QsmResponseProxy(device, QaicChannels.CONTROL + 1);
        this.control = new QsmControlAdapter(firmware, engine, proxy, region);
        notices.attach(firmware, engine, proxy);
        device.setHandler(QaicChannels.CONTROL, control);
        device.setHandler(QaicChannels.CONTROL + 1, control);
        device.setStateListener(this::onStateChange);
    }

    /**
     * Boot the transport: RESET -> READY, for the host to bring to M0.
     *
     * @return the MHI state reached.
     */
    public int powerOn()
    {
        return device.powerOn();
    }

    /**
     * Power on and start the device thread.
     *
     * @return this.
     * @throws IllegalStateException when already started.
     */
    public synchronized FirmwareCard start()
    {
        if (runner != null)
        {
            throw new IllegalStateException("card already started: thread=" + options.threadName());
        }
        powerOn();
        runner = new MhiDeviceRunner(device, this::dbcWork, options.threadName()).start();
        LOG.info("card started: profile={} crc_required={} thread={}",
            firmware.profile(), options.crcRequired(), options.threadName());
        return this;
    }

    /**
     * One duty cycle by hand (cards not {@link #start() started}): the transport, the control service, the DBCs.
     *
     * @return units of work done.
     */
    public int doWork()
    {
        return device.doWork() + dbcWork();
    }

    /**
     * Fault injection: the firmware crashes (see the class comment).
     *
     * @param reason for the log and the device's last error.
     */
    public void crash(final String reason)
    {
        LOG.warn("card crash: reason={}", reason);
        firmware.crash();
        device.enterSysErr(reason);
    }

    /** Fault injection: stop answering (see the class comment). */
    public void hang()
    {
        LOG.warn("card hang: thread={}", options.threadName());
        hung = true;
        control.mute(true);
    }

    /** End a {@link #hang()}. */
    public void resume()
    {
        LOG.info("card resumed: thread={}", options.threadName());
        control.mute(false);
        hung = false;
    }

    /** @return true while hung. */
    public boolean isHung()
    {
        return hung;
    }

    /** @return true while the device thread of a started card is alive. */
    public synchronized boolean isDeviceThreadAlive()
    {
        return runner != null && runner.alive();
    }

    /** @return true while the device thread of a started card is parked, waiting for a doorbell. */
    public synchronized boolean isDeviceThreadParked()
    {
        return runner != null && runner.parked();
    }

    /** @return how many times a transport reset rebooted the card. */
    public long reboots()
    {
        return reboots;
    }

    /** @return the firmware model (thread-safe). */
    public Firmware firmware()
    {
        return firmware;
    }

    /** @return the MHI endpoint. */
    public MhiDevice device()
    {
        return device;
    }

    /** @return the DMA bridge engine (counters are safe to read from any thread). */
    public DbcEngine dbcEngine()
    {
        return engine;
    }

    /** @return the QSM control service (counters are safe to read from any thread). */
    public QsmControlAdapter control()
    {
        return control;
    }

    /** @return duty cycles the card ran on host threads lent to it (0 when not started). */
    public synchronized long invokedCycles()
    {
        return runner == null ? 0 : runner.invokedCycles();
    }

    /** @return notice messages sent to the host (preempted workloads, drained partitions). */
    public long noticesSent()
    {
        return notices.sent();
    }

    /** @return notices dropped (the card reset before they were sent, or the device was down). */
    public long noticesDropped()
    {
        return notices.dropped();
    }

    /** @return the answer sender (counters are safe to read from any thread). */
    public QsmResponseProxy responses()
    {
        return proxy;
    }

    /** Stop the device thread (if started) and unplug the control service. */
    @Override
    public synchronized void close()
    {
        if (runner != null)
        {
            runner.close();
            LOG.info("card device thread: late_wakeups={} invoked_cycles={}", runner.lateWakeups(),
                runner.invokedCycles());
            runner = null;
        }
        device.setHandler(QaicChannels.CONTROL, null);
        device.setHandler(QaicChannels.CONTROL + 1, null);
        device.setStateListener(null);
        LOG.info("card closed: thread={} reboots={}", options.threadName(), reboots);
    }

    private int dbcWork()
    {
        if (hung)
        {
            engine.deferDoorbells();
            return 0;
        }
        if (device.state() != MhiState.M0)
        {
            return engine.ignoreDoorbells();
        }
        return notices.doWork() + engine.doWork();
    }

    /** Device thread, inside the transport's duty cycle. */
    private void onStateChange(final int state)
    {
        if (state == MhiState.RESET)
        {
            firmware.reset();
            engine.reset();
            control.reset();
            notices.reset();
            control.mute(false);
            hung = false;
            reboots++;
            LOG.info("card rebooted by transport reset: reboots={}", reboots);
        }
    }
}

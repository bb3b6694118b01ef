package dev.shadowdev.mhi.host;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.InterruptHandler;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.TransferTreFlyweight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The host (controller) side of the transport, after Linux {@code drivers/bus/mhi/host}: powers the device up
 * RESET -> READY -> M0 through MHICTRL/MHISTATUS, lays out the context arrays and rings in the
 * {@link SharedRegion}, starts/stops/resets channels through the command ring, queues buffers on channels, and
 * processes events: transfer completions to each channel's {@link TransferListener}, state and execution
 * environment changes and SYS_ERR to the {@link MhiHostListener}.
 * <p>
 * It sees the device only through the region, the {@link MhiRegisters} and the interrupt it installs there.
 * Events are processed by {@link #doWork()} (polling) or from the interrupt ({@link HostOptions#processInInterrupt}).
 * {@link #queue}, {@link #queueMessage} and {@link #doorbell} are the hot path: they allocate nothing, throw
 * nothing, and return -EAGAIN when the ring is full; one thread at a time may queue on a given channel.
 * The power and channel command methods block (up to their timeout) and must not be called from a listener.
 * After SYS_ERR: {@link #reset(long)} (every uncompleted buffer goes back through
 * {@link TransferListener#onAbort}), {@link #powerUp(long)}, then start the channels again.
 */
public final class MhiHost
{
    private static final Logger LOG = LoggerFactory.getLogger(MhiHost.class);
    private static final MhiHostListener NO_LISTENER = new MhiHostListener()
    {
    };
    private static final InterruptHandler NO_DBC_HANDLER = (vector) -> {};

    private final MhiRegisters registers;
    private final HostOptions options;
    private final ErrorLog errors = new ErrorLog(LOG);
    /** Another pass of {@link #doWork} was asked for while a thread was processing. */
    private volatile boolean again;
    private final AtomicBoolean processing = new AtomicBoolean();
    private final HostLayout layout;
    private final ChannelCommands commands;
    private final HostPower power;
    private volatile MhiHostListener listener = NO_LISTENER;
    private volatile InterruptHandler dbcInterruptHandler = NO_DBC_HANDLER;
    private volatile long badEvents;

    /**
     * @param region    the shared host memory.
     * @param allocator allocator over {@code region}; the host takes its contexts and rings from it.
     * @param registers the device's register block; the host installs its interrupt handler there.
     * @param config    the channel table and event rings.
     * @param options   waiting and event processing options.
     */
    public MhiHost(final SharedRegion region, final DmaAllocator allocator, final MhiRegisters registers,
        final MhiConfig config, final HostOptions options)
    {
        this.registers = registers;
        this.options = options;
        this.layout = new HostLayout(region, allocator, registers, config, this, new TransferChecks(region, errors));
        this.commands = new ChannelCommands(this, layout, options, errors);
        this.power = new HostPower(this, registers, layout, commands, options, errors);
        registers.setInterruptHandler(this::onInterrupt);
    }

    /**
     * Bring the device to M0: reset it first if it is in SYS_ERR, wait for READY, program the context arrays,
     * command ring and event rings (allocated from host memory the first time), request M0 and wait for the
     * device's M0 state change event.
     *
     * @param timeoutNanos how long each wait may take.
     * @return OK; -EBUSY when already in M0; -ETIMEDOUT; -EIO when the device fails; -ENOSPC when host memory
     *     for the rings cannot be allocated; each failure with its reason.
     */
    public HostResult powerUp(final long timeoutNanos)
    {
        return power.powerUp(timeoutNanos);
    }

    /**
     * Reset the transport (MHICTRL RESET) and wait until the device is READY again; hand every queued but
     * uncompleted buffer back through {@link TransferListener#onAbort}; fail a waiting command with -EIO. Call
     * {@link #powerUp(long)} afterwards. Callers must not queue concurrently.
     *
     * @param timeoutNanos how long the wait may take.
     * @return OK, or -ETIMEDOUT and why when the device does not come back.
     */
    public HostResult reset(final long timeoutNanos)
    {
        return power.reset(timeoutNanos);
    }

    /**
     * Start a channel: program its context (ENABLED, empty ring) and send START_CHAN. A stopped channel resumes
     * with its queued buffers; after a channel or transport reset it starts with an empty ring.
     *
     * @param channel      a configured channel.
     * @param listener     receives the channel's completions and aborts.
     * @param timeoutNanos how long to wait for the command completion.
     * @return OK; -EINVAL; -EBUSY when already running; -EIO when the device refused or the transport is down;
     *     -ETIMEDOUT; each failure with its reason.
     */
    public HostResult startChannel(final int channel, final TransferListener listener, final long timeoutNanos)
    {
        return commands.start(channel, listener, timeoutNanos);
    }

    /**
     * Stop a running channel (STOP_CHAN); queued buffers stay queued until it starts again or is reset.
     *
     * @param channel      the channel.
     * @param timeoutNanos how long to wait for the command completion.
     * @return 0; -EINVAL when not running; -EIO; -ETIMEDOUT.
     */
    public int stopChannel(final int channel, final long timeoutNanos)
    {
        return commands.stop(channel, timeoutNanos);
    }

    /**
     * Reset a channel (RESET_CHAN); once the device confirms, every uncompleted buffer goes back through
     * {@link TransferListener#onAbort} and the channel is DISABLED.
     *
     * @param channel      the channel.
     * @param timeoutNanos how long to wait for the command completion.
     * @return 0; -EINVAL; -EIO; -ETIMEDOUT.
     */
    public int resetChannel(final int channel, final long timeoutNanos)
    {
        return commands.reset(channel, timeoutNanos);
    }

    /**
     * Send one raw command and wait for its completion event.
     *
     * @param type         START_CHAN, STOP_CHAN or RESET_CHAN.
     * @param channel      channel id, 0..255 (not checked against the table: the device answers).
     * @param timeoutNanos how long to wait.
     * @return the completion code (see {@link CompletionCode}), or -EINVAL, -EIO (transport down), -EBUSY
     *     (command ring full), -ETIMEDOUT.
     */
    public int command(final int type, final int channel, final long timeoutNanos)
    {
        return commands.command(type, channel, timeoutNanos);
    }

    /**
     * Queue one buffer on a running channel (one transfer element). Does not ring the doorbell.
     *
     * @param channel the channel.
     * @param address bus address of the buffer, inside the region.
     * @param length  1..65535 bytes.
     * @param flags   {@link TransferTreFlyweight} FLAG_ bits (CHAIN, IEOB, IEOT, BEI).
     * @return 0; -EAGAIN when the ring is full; -EINVAL for a bad argument; -EIO when the transport is not in M0;
     *     -ENODEV when the channel is not running.
     */
    public int queue(final int channel, final long address, final int length, final int flags)
    {
        final HostTransferRing ring = layout.ring(channel);
        if (ring == null)
        {
            return errors.report(Errno.EINVAL, "bad channel: channel=" + channel);
        }
        return power.state() != MhiState.M0 ? Errno.EIO.status() : ring.queue(address, length, flags);
    }

    /**
     * Queue one message of any length as a chain of elements of at most 65535 bytes each: CHAIN on all but the
     * last, {@code flags} on the last (e.g. IEOT). All or nothing. Does not ring the doorbell.
     *
     * @param channel the channel.
     * @param address bus address of the message, inside the region.
     * @param length  bytes, at least 1.
     * @param flags   flags for the last element (CHAIN is not allowed).
     * @return elements queued; -EAGAIN when they do not all fit; -EINVAL, -EIO, -ENODEV as {@link #queue}.
     */
    public int queueMessage(final int channel, final long address, final int length, final int flags)
    {
        final HostTransferRing ring = layout.ring(channel);
        if (ring == null)
        {
            return errors.report(Errno.EINVAL, "bad channel: channel=" + channel);
        }
        return power.state() != MhiState.M0 ? Errno.EIO.status() : ring.queueMessage(address, length, flags);
    }

    /**
     * Ring a channel's doorbell with its current write pointer, so the device processes what was queued.
     *
     * @param channel the channel.
     * @return 0; -EINVAL; -EIO when the transport is not in M0; -ENODEV when the channel is not running.
     */
    public int doorbell(final int channel)
    {
        final HostTransferRing ring = layout.ring(channel);
        if (ring == null)
        {
            return errors.report(Errno.EINVAL, "bad channel: channel=" + channel);
        }
        if (power.state() != MhiState.M0)
        {
            return Errno.EIO.status();
        }
        if (ring.state() != ChannelState.RUNNING)
        {
            return Errno.ENODEV.status();
        }
        ring.doorbell();
        return 0;
    }

    /**
     * @param channel the channel.
     * @return elements that can be queued now, or -EINVAL for a bad channel.
     */
    public int freeSlots(final int channel)
    {
        final HostTransferRing ring = layout.ring(channel);
        return ring == null ? Errno.EINVAL.status() : ring.freeSlots();
    }

    /**
     * Process the events the device has posted (and notice SYS_ERR in MHISTATUS). One thread processes at a time: a
     * call that finds another processing asks it for one more pass and returns 0 at once, so an interrupt raised
     * while another thread polls is never lost.
     *
     * @return events processed.
     */
    public int doWork()
    {
        int work = 0;
        again = true;
        while (again && processing.compareAndSet(false, true))
        {
            try
            {
                again = false;
                power.checkStatus();
                final HostEventAdapter[] rings = layout.eventRings();
                if (rings != null)
                {
                    for (final HostEventAdapter events : rings)
                    {
                        work += events.poll();
                    }
                }
            }
            finally
            {
                processing.set(false);
            }
        }
        return work;
    }

    /**
     * @param listener receives state changes, SYS_ERR and stray events; null for none.
     */
    public void setListener(final MhiHostListener listener)
    {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    /**
     * @param handler receives the DMA bridge interrupt vectors (every vector but the MHI one); null for none.
     */
    public void setDbcInterruptHandler(final InterruptHandler handler)
    {
        this.dbcInterruptHandler = handler == null ? NO_DBC_HANDLER : handler;
    }

    /** @return the host's view of the device's MHI state. */
    public int state()
    {
        return power.state();
    }

    /** @return the last execution environment the device reported, or -1. */
    public int execEnv()
    {
        return power.execEnv();
    }

    /**
     * @param channel a channel number.
     * @return the host's view of the channel state (see {@link ChannelState}), or -EINVAL.
     */
    public int channelState(final int channel)
    {
        final HostTransferRing ring = layout.ring(channel);
        return ring == null ? Errno.EINVAL.status() : ring.state();
    }

    /**
     * @return the last problem reported, {@code what: name=value}: a refusal of a call that answers a bare status
     *     (queueing, stop and reset of a channel, raw commands) or a problem found by the event thread. Power up,
     *     reset and channel start carry their own reason in their {@link HostResult}.
     */
    public String lastError()
    {
        return errors.last();
    }

    /** @return events that matched nothing outstanding (stray or bad events). */
    public long badEvents()
    {
        return badEvents;
    }

    /**
     * Reset the transport, give the host memory of the contexts and rings back to the allocator and remove the
     * interrupt handler.
     *
     * @param timeoutNanos how long the reset may take.
     */
    public void close(final long timeoutNanos)
    {
        power.close(timeoutNanos);
        registers.setInterruptHandler(null);
    }

    HostTransferRing ring(final int channel)
    {
        return layout.ring(channel);
    }

    MhiHostListener listener()
    {
        return listener;
    }

    void onTransferEvent(final int channel, final long pointer, final int code, final int length)
    {
        final HostTransferRing ring = layout.ring(channel);
        if (ring == null || ring.listener() == null || ring.complete(pointer, code, length) < 0)
        {
            onStrayEvent("stray transfer event: channel=" + channel + ", ptr=0x" + Long.toHexString(pointer) +
                ", code=" + CompletionCode.name(code));
            listener.onChannelError(channel, pointer, code);
        }
    }

    void onCommandCompletion(final long pointer, final int code)
    {
        commands.onCompletion(pointer, code);
    }

    void onStateChangeEvent(final int state)
    {
        power.onStateChange(state);
    }

    void onExecEnvEvent(final int ee)
    {
        power.onExecEnv(ee);
    }

    void onUnknownEvent(final int type)
    {
        onStrayEvent("unknown event: type=0x" + Integer.toHexString(type));
    }

    void onBadEventRingPointer(final long pointer)
    {
        onStrayEvent("bad event ring pointer: rp=0x" + Long.toHexString(pointer));
    }

    void onStrayEvent(final String message)
    {
        badEvents++;
        errors.record(message);
    }

    /** Take the event-processing guard (spins while another thread processes). */
    void lockEvents()
    {
        while (!processing.compareAndSet(false, true))
        {
            Thread.onSpinWait();
        }
    }

    void unlockEvents()
    {
        processing.set(false);
    }

    private void onInterrupt(final int vector)
    {
        if (vector != InterruptHandler.MHI_VECTOR)
        {
            dbcInterruptHandler.onInterrupt(vector);
            return;
        }
        if (options.processInInterrupt())
        {
            doWork();
        }
    }
}

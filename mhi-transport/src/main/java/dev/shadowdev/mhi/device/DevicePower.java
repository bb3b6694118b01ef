package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.ChannelContextFlyweight;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.EventContextFlyweight;
import dev.shadowdev.mhi.ExecEnv;
import dev.shadowdev.mhi.InterruptHandler;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.MhiStateMachine;
import dev.shadowdev.mhi.SharedRegion;

/**
 * The device's MHI state (MHISTATUS) and the transport-wide resources that come and go with it, after Linux
 * {@code ep/main.c} ({@code mhi_ep_power_up}, {@code mhi_ep_handle_syserr}, the MHICTRL state worker): publishes
 * the read-only registers at power on, answers MHICTRL (RESET: forget everything, clear the doorbells, clear the
 * RESET bit, READY again; M0: read and check the context arrays, take the event rings and the command ring, post
 * STATE_CHANGE M0 and EE AMSS), and enters SYS_ERR. Every transition goes through the {@link MhiStateMachine}
 * gate. Owned by the device thread.
 */
final class DevicePower
{
    private static final DeviceStateListener NO_LISTENER = (state) -> {};

    private final SharedRegion region;
    private final MhiRegisters registers;
    private final ErrorLog errors;
    private final MhiStateMachine stateMachine = new MhiStateMachine();
    private final EventProxy[] eventRings;
    private final CommandAdapter commands;
    private final int channelSlots;
    private final Runnable forgetChannels;
    private volatile DeviceStateListener listener = NO_LISTENER;
    private int channelArrayOffset = -1;
    private boolean commandsPending;

    DevicePower(final SharedRegion region, final MhiRegisters registers, final ErrorLog errors,
        final int eventRingCount, final int channelSlots, final MhiDevice device, final Runnable forgetChannels)
    {
        this.region = region;
        this.registers = registers;
        this.errors = errors;
        this.channelSlots = channelSlots;
        this.forgetChannels = forgetChannels;
        this.eventRings = new EventProxy[eventRingCount];
        for (int i = 0; i < eventRingCount; i++)
        {
            eventRings[i] = new EventProxy(region, registers, i);
        }
        this.commands = new CommandAdapter(region, registers, errors, device);
    }

    int state()
    {
        return stateMachine.state();
    }

    EventProxy[] eventRings()
    {
        return eventRings;
    }

    /** @return true once after M0 was entered (the command ring may hold commands queued before). */
    boolean takeCommandsPending()
    {
        final boolean pending = commandsPending || commands.isBlocked();
        commandsPending = false;
        return pending;
    }

    int processCommands()
    {
        return commands.process(eventRings[0]);
    }

    /** @return buffer offset of a channel's context (valid in M0). */
    int channelContextOffset(final int number)
    {
        return channelArrayOffset + number * ChannelContextFlyweight.LENGTH;
    }

    void listener(final DeviceStateListener listener)
    {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    /** Boot: publish the read-only registers and AMSS, then READY. @return the state reached. */
    int powerOn()
    {
        if (stateMachine.state() != MhiState.RESET)
        {
            return stateMachine.state();
        }
        registers.store32(MhiRegisterLayout.MHIREGLEN, MhiRegisterLayout.WINDOW_LENGTH);
        registers.store32(MhiRegisterLayout.MHIVER, MhiRegisterLayout.VERSION);
        registers.store32(MhiRegisterLayout.MHICFG,
            (eventRings.length << MhiRegisterLayout.MHICFG_NER_SHIFT) | (channelSlots & MhiRegisterLayout.MHICFG_COUNT_MASK));
        registers.store32(MhiRegisterLayout.CHDBOFF, MhiRegisterLayout.CHDB_BASE);
        registers.store32(MhiRegisterLayout.ERDBOFF, MhiRegisterLayout.ERDB_BASE);
        registers.store32(MhiRegisterLayout.BHIOFF, MhiRegisterLayout.BHI_BASE);
        registers.store32(MhiRegisterLayout.BHI_BASE + MhiRegisterLayout.BHI_EXECENV, ExecEnv.AMSS);
        return becomeReady();
    }

    /** The host wrote MHICTRL. @return work done. */
    int onControl()
    {
        final int control = registers.read32(MhiRegisterLayout.MHICTRL);
        if ((control & MhiRegisterLayout.MHICTRL_RESET) != 0)
        {
            reset(control);
            return 1;
        }
        final int requested = MhiRegisterLayout.state(control);
        final int current = stateMachine.state();
        if (requested == current)
        {
            return 0;
        }
        if (requested == MhiState.M0 && current == MhiState.READY)
        {
            return enterM0();
        }
        errors.record("refused state request: state=" + MhiState.name(requested) + ", current=" +
            MhiState.name(current));
        return 0;
    }

    /** Firmware crash. @return the state reached. */
    int enterSysErr(final String reason)
    {
        if (stateMachine.state() == MhiState.SYS_ERR)
        {
            return MhiState.SYS_ERR;
        }
        final boolean eventsUsable = stateMachine.state() == MhiState.M0 && eventRings[0].isValid();
        final int reached = stateMachine.trySetState(MhiState.SYS_ERR);
        errors.record("device entered SYS_ERR: reason=" + reason);
        registers.store32(MhiRegisterLayout.MHISTATUS, MhiRegisterLayout.stateField(MhiState.SYS_ERR) | MhiRegisterLayout.MHISTATUS_SYSERR);
        if (eventsUsable)
        {
            eventRings[0].postStateChange(MhiState.SYS_ERR);
        }
        registers.raiseInterrupt(eventsUsable ? eventRings[0].msiVector() : InterruptHandler.MHI_VECTOR);
        listener.onStateChange(reached);
        return reached;
    }

    /** Raise the interrupt of every event ring that received events since the last call. */
    void flushInterrupts()
    {
        for (final EventProxy e : eventRings)
        {
            e.flushInterrupt();
        }
    }

    private int enterM0()
    {
        final long ccabap = registers.read64(MhiRegisterLayout.CCABAP);
        final long ecabap = registers.read64(MhiRegisterLayout.ECABAP);
        final long crcbap = registers.read64(MhiRegisterLayout.CRCBAP);
        final int channelArray = region.offset(ccabap, channelSlots * ChannelContextFlyweight.LENGTH);
        final int eventArray = region.offset(ecabap, eventRings.length * EventContextFlyweight.LENGTH);
        final int commandContext = region.offset(crcbap, ChannelContextFlyweight.LENGTH);
        if (channelArray < 0 || (channelArray & 3) != 0)
        {
            return failM0("bad context array: ccabap=0x" + Long.toHexString(ccabap));
        }
        if (eventArray < 0 || (eventArray & 3) != 0)
        {
            return failM0("bad context array: ecabap=0x" + Long.toHexString(ecabap));
        }
        if (commandContext < 0 || (commandContext & 3) != 0)
        {
            return failM0("bad context array: crcbap=0x" + Long.toHexString(crcbap));
        }
        for (int i = 0; i < eventRings.length; i++)
        {
            final String bad = eventRings[i].init(eventArray + i * EventContextFlyweight.LENGTH);
            if (bad != null)
            {
                return failM0("bad event ring context: ring=" + i + ", " + bad);
            }
        }
        final String bad = commands.init(commandContext);
        if (bad != null)
        {
            return failM0("bad command ring context: " + bad);
        }
        channelArrayOffset = channelArray;
        stateMachine.trySetState(MhiState.M0);
        registers.store32(MhiRegisterLayout.MHISTATUS, MhiRegisterLayout.stateField(MhiState.M0) | MhiRegisterLayout.MHISTATUS_READY);
        eventRings[0].postStateChange(MhiState.M0);
        eventRings[0].postExecEnv(ExecEnv.AMSS);
        commandsPending = true;
        listener.onStateChange(MhiState.M0);
        flushInterrupts();
        return 1;
    }

    private int failM0(final String reason)
    {
        enterSysErr(reason);
        return 1;
    }

    private void reset(final int control)
    {
        stateMachine.trySetState(MhiState.RESET);
        forgetChannels.run();
        for (final EventProxy e : eventRings)
        {
            e.invalidate();
        }
        commands.invalidate();
        commandsPending = false;
        channelArrayOffset = -1;
        for (int n = 0; n < MhiRegisterLayout.MAX_CHANNELS; n++)
        {
            registers.store64(MhiRegisterLayout.channelDoorbell(MhiRegisterLayout.CHDB_BASE, n), 0L);
        }
        for (int n = 0; n < MhiRegisterLayout.MAX_EVENT_RINGS; n++)
        {
            registers.store64(MhiRegisterLayout.eventDoorbell(MhiRegisterLayout.ERDB_BASE, n), 0L);
        }
        registers.store64(MhiRegisterLayout.CRDB, 0L);
        registers.store32(MhiRegisterLayout.MHISTATUS, MhiRegisterLayout.stateField(MhiState.RESET));
        listener.onStateChange(MhiState.RESET);
        registers.store32(MhiRegisterLayout.MHICTRL, control & ~MhiRegisterLayout.MHICTRL_RESET);
        becomeReady();
    }

    private int becomeReady()
    {
        final int reached = stateMachine.trySetState(MhiState.READY);
        if (reached == MhiState.READY)
        {
            registers.store32(MhiRegisterLayout.MHISTATUS, MhiRegisterLayout.stateField(MhiState.READY) | MhiRegisterLayout.MHISTATUS_READY);
            listener.onStateChange(MhiState.READY);
        }
        return reached;
    }
}

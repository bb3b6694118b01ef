package dev.shadowdev.mhi.host;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.MhiStateMachine;

/**
 * The host's view of the device's MHI state and the sequences that change it (Linux {@code host/pm.c}):
 * power up (reset first if in SYS_ERR, wait for READY, program the contexts, request M0, wait for the M0 state
 * change event), reset (MHICTRL RESET, wait for READY, hand every uncompleted buffer back), and the reaction to
 * STATE_CHANGE, EE and SYS_ERR. Every transition goes through the {@link MhiStateMachine} gate.
 */
final class HostPower
{
    private final MhiHost host;
    private final MhiRegisters registers;
    private final HostLayout layout;
    private final ChannelCommands commands;
    private final HostOptions options;
    private final ErrorLog errors;
    private final MhiStateMachine stateMachine = new MhiStateMachine();
    private volatile int execEnv = -1;
    private volatile boolean sysErrReported;

    HostPower(final MhiHost host, final MhiRegisters registers, final HostLayout layout,
        final ChannelCommands commands, final HostOptions options, final ErrorLog errors)
    {
        this.host = host;
        this.registers = registers;
        this.layout = layout;
        this.commands = commands;
        this.options = options;
        this.errors = errors;
    }

    int state()
    {
        return stateMachine.state();
    }

    int execEnv()
    {
        return execEnv;
    }

    synchronized HostResult powerUp(final long timeoutNanos)
    {
        if (stateMachine.state() == MhiState.M0)
        {
            return HostResult.report(errors, Errno.EBUSY, "already powered up: state=M0");
        }
        final int status = registers.read32(MhiRegisterLayout.MHISTATUS);
        if (stateMachine.state() == MhiState.SYS_ERR || (status & MhiRegisterLayout.MHISTATUS_SYSERR) != 0)
        {
            final HostResult reset = reset(timeoutNanos);
            if (!reset.ok())
            {
                return reset;
            }
        }
        final HostResult ready = awaitReady(timeoutNanos);
        if (!ready.ok())
        {
            return ready;
        }
        stateMachine.trySetState(MhiState.READY);
        final HostResult allocated = layout.allocate(errors);
        if (!allocated.ok())
        {
            return allocated;
        }
        host.lockEvents();
        try
        {
            layout.program();
            commands.abandon();
        }
        finally
        {
            host.unlockEvents();
        }
        registers.write32(MhiRegisterLayout.MHICTRL, MhiRegisterLayout.stateField(MhiState.M0));
        final long deadline = options.nanoClock().getAsLong() + timeoutNanos;
        while (true)
        {
            host.doWork();
            final int state = stateMachine.state();
            if (state == MhiState.M0)
            {
                return HostResult.OK;
            }
            if (state == MhiState.SYS_ERR)
            {
                return HostResult.report(errors, Errno.EIO, "device failed to enter M0: state=SYS_ERR");
            }
            if (options.nanoClock().getAsLong() - deadline > 0)
            {
                return HostResult.report(errors, Errno.ETIMEDOUT, "timed out waiting for M0: mhistatus=0x" +
                    Integer.toHexString(registers.read32(MhiRegisterLayout.MHISTATUS)));
            }
            options.idle().run();
        }
    }

    synchronized HostResult reset(final long timeoutNanos)
    {
        host.lockEvents();
        try
        {
            stateMachine.trySetState(MhiState.RESET);
            registers.write32(MhiRegisterLayout.MHICTRL, MhiRegisterLayout.MHICTRL_RESET);
            final HostResult ready = awaitReady(timeoutNanos);
            layout.abortAll();
            commands.abandon();
            execEnv = -1;
            sysErrReported = false;
            return ready;
        }
        finally
        {
            host.unlockEvents();
        }
    }

    synchronized void close(final long timeoutNanos)
    {
        reset(timeoutNanos);
        host.lockEvents();
        try
        {
            layout.free();
        }
        finally
        {
            host.unlockEvents();
        }
    }

    /** SYSERR seen in MHISTATUS (event thread). */
    void checkStatus()
    {
        if ((registers.read32(MhiRegisterLayout.MHISTATUS) & MhiRegisterLayout.MHISTATUS_SYSERR) != 0 &&
            stateMachine.state() != MhiState.RESET)
        {
            onSysErr();
        }
    }

    /** A STATE_CHANGE event (event thread). */
    void onStateChange(final int state)
    {
        if (state == MhiState.SYS_ERR)
        {
            onSysErr();
            return;
        }
        if (stateMachine.trySetState(state) == state)
        {
            host.listener().onStateChange(state);
        }
        else
        {
            errors.record("refused state change: state=" + MhiState.name(state) + ", current=" +
                MhiState.name(stateMachine.state()));
        }
    }

    /** An EE event (event thread). */
    void onExecEnv(final int ee)
    {
        execEnv = ee;
        host.listener().onExecEnv(ee);
    }

    private void onSysErr()
    {
        if (stateMachine.trySetState(MhiState.SYS_ERR) == MhiState.SYS_ERR && !sysErrReported)
        {
            sysErrReported = true;
            errors.record("device in SYS_ERR: mhistatus=0x" +
                Integer.toHexString(registers.read32(MhiRegisterLayout.MHISTATUS)));
            host.listener().onStateChange(MhiState.SYS_ERR);
            host.listener().onSysErr();
        }
    }

    private HostResult awaitReady(final long timeoutNanos)
    {
        final long deadline = options.nanoClock().getAsLong() + timeoutNanos;
        while (true)
        {
            final int control = registers.read32(MhiRegisterLayout.MHICTRL);
            final int status = registers.read32(MhiRegisterLayout.MHISTATUS);
            if ((control & MhiRegisterLayout.MHICTRL_RESET) == 0 && (status & MhiRegisterLayout.MHISTATUS_READY) != 0 &&
                (status & MhiRegisterLayout.MHISTATUS_SYSERR) == 0 && MhiRegisterLayout.state(status) == MhiState.READY)
            {
                return HostResult.OK;
            }
            if (options.nanoClock().getAsLong() - deadline > 0)
            {
                return HostResult.report(errors, Errno.ETIMEDOUT,
                    "device not ready: mhictrl=0x" + Integer.toHexString(control) +
                    ", mhistatus=0x" + Integer.toHexString(status));
            }
            options.idle().run();
        }
    }
}

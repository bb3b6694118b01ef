package dev.shadowdev.mhi.host;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.PacketType;
import dev.shadowdev.mhi.RingElementFlyweight;

/**
 * Channel start, stop and reset through the command ring (Linux {@code host/main.c} {@code mhi_update_channel_state}):
 * one command at a time, sent by the {@link CommandProxy}, waited for until its CMD_COMPLETION event arrives,
 * the transport goes down, or the timeout passes. The waiting thread pumps {@link MhiHost#doWork()} and the
 * host's idle strategy, so it works with or without an event thread.
 */
final class ChannelCommands
{
    private final MhiHost host;
    private final HostLayout layout;
    private final HostOptions options;
    private final ErrorLog errors;
    private volatile long pendingCommand;
    private volatile int pendingCode = -1;

    ChannelCommands(final MhiHost host, final HostLayout layout, final HostOptions options, final ErrorLog errors)
    {
        this.host = host;
        this.layout = layout;
        this.options = options;
        this.errors = errors;
    }

    synchronized HostResult start(final int channel, final TransferListener listener, final long timeoutNanos)
    {
        final HostTransferRing ring = layout.ring(channel);
        if (ring == null)
        {
            return HostResult.report(errors, Errno.EINVAL, "bad channel: channel=" + channel);
        }
        if (listener == null)
        {
            return HostResult.report(errors, Errno.EINVAL, "missing listener: channel=" + channel);
        }
        if (ring.state() == ChannelState.RUNNING)
        {
            return HostResult.report(errors, Errno.EBUSY, "channel already running: channel=" + channel);
        }
        if (ring.state() != ChannelState.STOP)
        {
            ring.prepare(listener);
        }
        final HostResult code = issue(PacketType.START_CHAN, channel, timeoutNanos);
        if (code.status() < 0)
        {
            return code;
        }
        if (code.status() != CompletionCode.SUCCESS)
        {
            return refused("start", channel, code.status());
        }
        ring.state(ChannelState.RUNNING);
        return HostResult.OK;
    }

    synchronized int stop(final int channel, final long timeoutNanos)
    {
        final HostTransferRing ring = layout.ring(channel);
        if (ring == null)
        {
            return errors.report(Errno.EINVAL, "bad channel: channel=" + channel);
        }
        if (ring.state() != ChannelState.RUNNING)
        {
            return errors.report(Errno.EINVAL,
                "channel not running: channel=" + channel + ", state=" + ChannelState.name(ring.state()));
        }
        final int code = command(PacketType.STOP_CHAN, channel, timeoutNanos);
        if (code < 0)
        {
            return code;
        }
        if (code != CompletionCode.SUCCESS)
        {
            return refused("stop", channel, code).status();
        }
        ring.state(ChannelState.STOP);
        return 0;
    }

    synchronized int reset(final int channel, final long timeoutNanos)
    {
        final HostTransferRing ring = layout.ring(channel);
        if (ring == null)
        {
            return errors.report(Errno.EINVAL, "bad channel: channel=" + channel);
        }
        final int code = command(PacketType.RESET_CHAN, channel, timeoutNanos);
        if (code < 0)
        {
            return code;
        }
        if (code != CompletionCode.SUCCESS)
        {
            return refused("reset", channel, code).status();
        }
        host.lockEvents();
        try
        {
            ring.abortAll();
        }
        finally
        {
            host.unlockEvents();
        }
        return 0;
    }

    synchronized int command(final int type, final int channel, final long timeoutNanos)
    {
        return issue(type, channel, timeoutNanos).status();
    }

    /** @return the completion code (&gt;= 0, reason "") or the negative errno and why. */
    private HostResult issue(final int type, final int channel, final long timeoutNanos)
    {
        if (!PacketType.isCommand(type))
        {
            return HostResult.report(errors, Errno.EINVAL, "bad command type: type=0x" + Integer.toHexString(type));
        }
        if (channel < 0 || channel > RingElementFlyweight.BYTE_MASK)
        {
            return HostResult.report(errors, Errno.EINVAL, "bad command channel: channel=" + channel);
        }
        if (host.state() != MhiState.M0)
        {
            return HostResult.report(errors, Errno.EIO, "transport not in M0: state=" + MhiState.name(host.state()));
        }
        pendingCode = -1;
        final long pointer = layout.commands().nextPointer();
        if (pointer == 0)
        {
            return HostResult.report(errors, Errno.EBUSY, "command ring full: type=" + PacketType.name(type));
        }
        // Record what we wait for before the doorbell: the device thread may complete it before send returns.
        pendingCommand = pointer;
        layout.commands().send(type, channel);
        final long deadline = options.nanoClock().getAsLong() + timeoutNanos;
        while (true)
        {
            host.doWork();
            final int code = pendingCode;
            if (code >= 0 && pendingCommand == 0)
            {
                return new HostResult(code, "");
            }
            if (host.state() != MhiState.M0)
            {
                pendingCommand = 0;
                return HostResult.report(errors, Errno.EIO,
                    "transport down during command: type=" + PacketType.name(type) + ", channel=" + channel);
            }
            if (options.nanoClock().getAsLong() - deadline > 0)
            {
                pendingCommand = 0;
                return HostResult.report(errors, Errno.ETIMEDOUT,
                    "command timed out: type=" + PacketType.name(type) + ", channel=" + channel);
            }
            options.idle().run();
        }
    }

    /** A CMD_COMPLETION event (event thread). */
    void onCompletion(final long pointer, final int code)
    {
        final CommandProxy commands = layout.commands();
        if (commands == null || !commands.completed(pointer))
        {
            host.onStrayEvent("stray command completion: ptr=0x" + Long.toHexString(pointer) + ", code=" +
                CompletionCode.name(code));
            return;
        }
        if (pointer == pendingCommand)
        {
            pendingCommand = 0;
            pendingCode = code;
        }
    }

    /** The transport was reset: no command will complete. */
    void abandon()
    {
        pendingCommand = 0;
        pendingCode = -1;
    }

    private HostResult refused(final String what, final int channel, final int code)
    {
        return HostResult.report(errors, Errno.EIO,
            "channel " + what + " refused: channel=" + channel + ", code=" + CompletionCode.name(code));
    }
}

package dev.shadowdev.mhi.device;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.mhi.ChannelConfig;
import dev.shadowdev.mhi.ChannelState;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.ProblemListener;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.DeviceInvoker;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.MhiState;
import dev.shadowdev.mhi.SharedRegion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * The device (endpoint) side of the transport, after Linux {@code drivers/bus/mhi/ep}: it owns the device's MHI
 * state, answers MHICTRL (RESET, M0), reads the context arrays the host programmed, executes the command ring,
 * delivers to-device messages to the firmware's {@link DeviceChannelHandler}s and writes from-device messages
 * into host buffers with {@link #send}.
 * <p>
 * It sees the host only through the {@link SharedRegion} and the {@link MhiRegisters}. Work happens in
 * {@link #doWork()}, called by hand (deterministic tests) or by a {@link MhiDeviceRunner} woken by doorbells.
 * {@link #doWork()} and {@link #send} are serialised on this object; a handler running inside {@link #doWork()}
 * may call {@link #send} directly. Neither allocates nor throws on the data path; a malformed element from the
 * host is answered with a BAD_TRE event and never stops the device.
 */
public final class MhiDevice
{
    private static final Logger LOG = LoggerFactory.getLogger(MhiDevice.class);
    private static final int CHANNEL_WORDS = MhiRegisterLayout.MAX_CHANNELS / Long.SIZE;
    private static final long FROM_DEVICE_CHANNELS = 0xAAAA_AAAA_AAAA_AAAAL;

    private final MhiRegisters registers;
    private final ErrorLog errors = new ErrorLog(LOG);
    private final DeviceChannel[] channels;
    private final DevicePower power;
    private final long[] retry = new long[CHANNEL_WORDS];
    private final long[] wakeOnEventSpace = new long[CHANNEL_WORDS];
    private boolean inDoWork;
    private long refusedDoorbells;

    /**
     * @param region    the shared host memory.
     * @param registers the register block.
     * @param config    the channel table and event rings.
     */
    public MhiDevice(final SharedRegion region, final MhiRegisters registers, final MhiConfig config)
    {
        this.registers = registers;
        this.channels = new DeviceChannel[config.channelSlots()];
        for (final ChannelConfig c : config.channels())
        {
            channels[c.number()] = new DeviceChannel(c.number(), c.elements(), region, registers, errors);
        }
        this.power = new DevicePower(region, registers, errors, config.eventRings().size(), channels.length, this,
            this::forgetChannels);
    }

    /**
     * Boot: publish the read-only registers, AMSS in EXECENV, and move RESET -> READY (MHISTATUS READY).
     *
     * @return the state reached (READY, or the current state when the device is not in RESET).
     */
    public synchronized int powerOn()
    {
        return power.powerOn();
    }

    /**
     * Do whatever the registers ask for: MHICTRL requests, commands, channel doorbells, then raise the interrupts
     * of the event rings that received events.
     *
     * @return units of work done; 0 when there was nothing to do.
     */
    public synchronized int doWork()
    {
        inDoWork = true;
        try
        {
            int work = 0;
            final int control = registers.takeControlPending();
            if ((control & MhiRegisters.PENDING_MHICTRL) != 0)
            {
                work += power.onControl();
            }
            if (power.state() != MhiState.M0)
            {
                refuseDoorbells(control);
                return work;
            }
            if (power.takeCommandsPending() || (control & MhiRegisters.PENDING_CRDB) != 0)
            {
                work += power.processCommands();
            }
            for (int word = 0; word < CHANNEL_WORDS && power.state() == MhiState.M0; word++)
            {
                if ((control & MhiRegisters.PENDING_ERDB) != 0)
                {
                    retry[word] |= wakeOnEventSpace[word];
                    wakeOnEventSpace[word] = 0;
                }
                final long rung = registers.takeChannelDoorbells(word);
                final long due = rung | retry[word];
                retry[word] = 0;
                work += onChannels(word, due & FROM_DEVICE_CHANNELS, rung);
                work += onChannels(word, due & ~FROM_DEVICE_CHANNELS, rung);
            }
            power.flushInterrupts();
            return work;
        }
        finally
        {
            inDoWork = false;
        }
    }

    /**
     * Send one message on a from-device (odd) channel into the buffers the host queued there.
     *
     * @param channel the channel.
     * @param src     the bytes (absolute indexes; position untouched).
     * @param offset  first byte.
     * @param length  bytes, at least 1.
     * @return {@code length}; -EAGAIN when the host has not queued enough buffer space or the event ring is full
     *     (nothing sent: the handler's {@link DeviceChannelHandler#onCanSend} runs when the host queues buffers
     *     or frees event ring space); -EINVAL for a bad channel or range;
     *     -EIO when the device is not in M0; -ENODEV when the channel is not running.
     */
    public synchronized int send(final int channel, final ByteBuffer src, final int offset, final int length)
    {
        if (src == null || offset < 0 || length <= 0 || offset > src.capacity() - length)
        {
            return errors.report(Errno.EINVAL, "bad send range: channel=" + channel + ", length=" + length);
        }
        return sendChecked(channel, src, null, offset, length);
    }

    /**
     * Send one message on a from-device (odd) channel; see {@link #send(int, ByteBuffer, int, int)}.
     *
     * @param channel the channel.
     * @param src     the bytes.
     * @param offset  first byte.
     * @param length  bytes, at least 1.
     * @return {@code length} or a negative errno as for the buffer variant.
     */
    public synchronized int send(final int channel, final byte[] src, final int offset, final int length)
    {
        if (src == null || offset < 0 || length <= 0 || offset > src.length - length)
        {
            return errors.report(Errno.EINVAL, "bad send range: channel=" + channel + ", length=" + length);
        }
        return sendChecked(channel, null, src, offset, length);
    }

    /**
     * Plug the firmware into a channel.
     *
     * @param channel a configured channel.
     * @param handler the handler; null to unplug.
     * @return 0, or -EINVAL for a channel the table does not have.
     */
    public synchronized int setHandler(final int channel, final DeviceChannelHandler handler)
    {
        final DeviceChannel c = channel(channel);
        if (c == null)
        {
            return errors.report(Errno.EINVAL, "bad channel: channel=" + channel);
        }
        c.handler(handler);
        return 0;
    }

    /**
     * @param listener told about every MHI state change; null for none.
     */
    public void setStateListener(final DeviceStateListener listener)
    {
        power.listener(listener);
    }

    /**
     * @param waker run by every doorbell write (see {@link MhiRegisters#setDoorbellWaker}).
     */
    public void setWaker(final Runnable waker)
    {
        registers.setDoorbellWaker(waker);
    }

    /**
     * @param invoker how host threads run this device (see {@link MhiRegisters#setDeviceInvoker}); null for none.
     */
    public void setInvoker(final DeviceInvoker invoker)
    {
        registers.setDeviceInvoker(invoker);
    }

    /**
     * Firmware crash: enter SYS_ERR (MHISTATUS SYSERR, a STATE_CHANGE event if the primary event ring has room,
     * the MHI interrupt). Until the host resets the transport every doorbell is refused.
     *
     * @param reason why, for the log.
     * @return the state reached (SYS_ERR).
     */
    public synchronized int enterSysErr(final String reason)
    {
        return power.enterSysErr(reason);
    }

    /** @return the device's MHI state. */
    public int state()
    {
        return power.state();
    }

    /**
     * @param channel a channel number.
     * @return its state (see {@link ChannelState}), or -EINVAL for a channel the table does not have.
     */
    public synchronized int channelState(final int channel)
    {
        final DeviceChannel c = channel(channel);
        return c == null ? Errno.EINVAL.status() : c.state();
    }

    /** @return true when a doorbell is latched or a channel waits to be retried. */
    public boolean hasPendingWork()
    {
        return registers.hasPending();
    }

    /**
     * @param listener told of every problem the device finds from now on (bad elements, doorbells, contexts,
     *                 refused state requests and commands, refused sends), {@code what: name=value}.
     */
    public void setProblemListener(final ProblemListener listener)
    {
        errors.listener(listener);
    }

    /** @return doorbells refused because the device or the channel was not running. */
    public synchronized long refusedDoorbells()
    {
        return refusedDoorbells;
    }

    int startChannel(final int number)
    {
        final DeviceChannel c = channel(number);
        if (c == null)
        {
            errors.record("bad command channel: channel=" + number);
            return CompletionCode.UNDEFINED_ERR;
        }
        final int code = c.start(power.channelContextOffset(number), power.eventRings());
        if (code == CompletionCode.SUCCESS)
        {
            retry[number >>> 6] |= 1L << number;
        }
        return code;
    }

    int stopChannel(final int number)
    {
        final DeviceChannel c = channel(number);
        if (c == null)
        {
            errors.record("bad command channel: channel=" + number);
            return CompletionCode.UNDEFINED_ERR;
        }
        return c.stop();
    }

    int resetChannel(final int number)
    {
        final DeviceChannel c = channel(number);
        if (c == null)
        {
            errors.record("bad command channel: channel=" + number);
            return CompletionCode.UNDEFINED_ERR;
        }
        retry[number >>> 6] &= ~(1L << number);
        return c.reset();
    }

    private int sendChecked(
        final int channel, final ByteBuffer bufferSource, final byte[] arraySource, final int offset, final int length)
    {
        final DeviceChannel c = channel(channel);
        if (c == null || c.isOutbound())
        {
            return errors.report(Errno.EINVAL, "bad send channel: channel=" + channel);
        }
        if (power.state() != MhiState.M0)
        {
            return Errno.EIO.status();
        }
        final int result = c.send(bufferSource, arraySource, offset, length);
        if (c.takeBlocked())
        {
            retry[channel >>> 6] |= 1L << channel;
        }
        if (result == Errno.EAGAIN.status())
        {
            wakeOnEventSpace[channel >>> 6] |= 1L << channel;
        }
        if (!inDoWork)
        {
            power.flushInterrupts();
        }
        return result;
    }

    /** From-device channels first, so replies sent while delivering find the buffers the host just queued. */
    private int onChannels(final int word, final long channelBits, final long rung)
    {
        int work = 0;
        long bits = channelBits;
        while (bits != 0)
        {
            final int bit = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            work += onChannel((word << 6) + bit, (rung & (1L << bit)) != 0);
        }
        return work;
    }

    private int onChannel(final int number, final boolean rung)
    {
        final DeviceChannel c = channel(number);
        if (c == null || c.state() != ChannelState.RUNNING)
        {
            if (rung)
            {
                refusedDoorbells++;
            }
            return 0;
        }
        final int work = rung ? c.onDoorbell() : c.retry();
        if (c.takeBlocked())
        {
            retry[number >>> 6] |= 1L << number;
        }
        return work;
    }

    /** MHI reset: every channel forgets its ring; latched and retried doorbells are dropped. */
    private void forgetChannels()
    {
        for (final DeviceChannel c : channels)
        {
            if (c != null)
            {
                c.disable();
            }
        }
        for (int word = 0; word < CHANNEL_WORDS; word++)
        {
            retry[word] = 0;
            wakeOnEventSpace[word] = 0;
            registers.takeChannelDoorbells(word);
        }
    }

    private void refuseDoorbells(final int control)
    {
        final boolean sysErr = power.state() == MhiState.SYS_ERR;
        for (int word = 0; word < CHANNEL_WORDS; word++)
        {
            final long bits = registers.takeChannelDoorbells(word);
            if (sysErr)
            {
                refusedDoorbells += Long.bitCount(bits);
            }
        }
        if (sysErr && (control & MhiRegisters.PENDING_CRDB) != 0)
        {
            refusedDoorbells++;
        }
    }

    private DeviceChannel channel(final int number)
    {
        return number >= 0 && number < channels.length ? channels[number] : null;
    }
}

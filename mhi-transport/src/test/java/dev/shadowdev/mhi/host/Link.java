package dev.shadowdev.mhi.host;

import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.mhi.device.MhiDevice;
import dev.shadowdev.testkit.Problems;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Both ends over one region and one register block, driven by hand on the test thread: the host's idle hook
 * runs the device.
 */
final class Link
{
    static final long TIMEOUT = TimeUnit.SECONDS.toNanos(2);

    final SharedRegion region;
    final DmaAllocator allocator;
    final MhiRegisters registers = new MhiRegisters();
    final MhiDevice device;
    /** What the device told its problem listener. */
    final Problems deviceProblems = new Problems();
    final MhiHost host;
    final Recorder status = new Recorder();

    Link()
    {
        this(MhiConfig.qaic(), MhiConfig.qaic(), 4 << 20);
    }

    Link(final MhiConfig hostConfig, final MhiConfig deviceConfig, final int regionSize)
    {
        region = new SharedRegion(regionSize);
        allocator = new DmaAllocator(region);
        device = new MhiDevice(region, registers, deviceConfig);
        device.setProblemListener(deviceProblems::add);
        host = new MhiHost(region, allocator, registers, hostConfig, HostOptions.polling(device::doWork));
        host.setListener(status);
    }

    Link up()
    {
        device.powerOn();
        final HostResult up = host.powerUp(TIMEOUT);
        if (!up.ok())
        {
            throw new AssertionError(up.reason());
        }
        return this;
    }

    /** Drive both sides until neither has work. */
    void settle()
    {
        for (int i = 0; i < 100; i++)
        {
            if (device.doWork() + host.doWork() == 0)
            {
                return;
            }
        }
        throw new AssertionError("no quiescence");
    }

    long alloc(final int size)
    {
        final long address = allocator.alloc(size, 64);
        if (address <= 0)
        {
            throw new AssertionError("alloc failed: " + address);
        }
        return address;
    }

    /** Records transfer callbacks as text. */
    static final class Transfers implements TransferListener
    {
        final List<String> log = new ArrayList<>();

        @Override
        public void onTransfer(final int channel, final long trePointer, final long bufferAddress, final int length,
            final int code)
        {
            log.add("ch" + channel + " tre=0x" + Long.toHexString(trePointer) + " buf=0x" +
                Long.toHexString(bufferAddress) + " len=" + length + " " + dev.shadowdev.mhi.CompletionCode.name(code));
        }

        @Override
        public void onAbort(final int channel, final long trePointer, final long bufferAddress, final int length)
        {
            log.add("ch" + channel + " tre=0x" + Long.toHexString(trePointer) + " buf=0x" +
                Long.toHexString(bufferAddress) + " len=" + length + " ABORTED");
        }
    }

    /** Records host status callbacks as text. */
    static final class Recorder implements MhiHostListener
    {
        final List<String> log = new ArrayList<>();

        @Override
        public void onStateChange(final int state)
        {
            log.add("state " + dev.shadowdev.mhi.MhiState.name(state));
        }

        @Override
        public void onExecEnv(final int execEnv)
        {
            log.add("ee " + dev.shadowdev.mhi.ExecEnv.name(execEnv));
        }

        @Override
        public void onSysErr()
        {
            log.add("sys_err");
        }

        @Override
        public void onChannelError(final int channel, final long pointer, final int code)
        {
            log.add("channel error ch" + channel + " ptr=0x" + Long.toHexString(pointer) + " " +
                dev.shadowdev.mhi.CompletionCode.name(code));
        }
    }
}

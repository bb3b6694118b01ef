package dev.shadowdev.mhi.device;

import dev.shadowdev.mhi.CommandContextFlyweight;
import dev.shadowdev.mhi.CommandTreFlyweight;
import dev.shadowdev.mhi.CompletionCode;
import dev.shadowdev.mhi.ErrorLog;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.PacketType;
import dev.shadowdev.mhi.SharedRegion;

/**
 * Reads the command ring up to the CRDB doorbell and dispatches each command in one switch to the device, then
 * answers it with a CMD_COMPLETION event on the primary event ring (Linux {@code ep/main.c}
 * {@code mhi_ep_process_cmd_ring}). A command the device cannot answer for lack of event space stays queued.
 */
final class CommandAdapter
{
    private final SharedRegion region;
    private final MhiRegisters registers;
    private final ErrorLog errors;
    private final MhiDevice device;
    private final DeviceRing ring;
    private final CommandContextFlyweight context = new CommandContextFlyweight();
    private final CommandTreFlyweight command = new CommandTreFlyweight();
    private long lastBadDoorbell;
    private boolean blocked;

    CommandAdapter(final SharedRegion region, final MhiRegisters registers, final ErrorLog errors,
        final MhiDevice device)
    {
        this.region = region;
        this.registers = registers;
        this.errors = errors;
        this.device = device;
        this.ring = new DeviceRing(region);
    }

    /** @return null, or {@code name=value} of the bad context field. */
    String init(final int contextOffset)
    {
        context.wrap(region.buffer(), contextOffset);
        lastBadDoorbell = 0;
        blocked = false;
        return ring.init(context.rbase(), context.rlen(), context.rp());
    }

    void invalidate()
    {
        ring.invalidate();
        blocked = false;
    }

    boolean isBlocked()
    {
        return blocked;
    }

    /**
     * Execute the commands between the device's read index and the doorbell.
     *
     * @param events the primary event ring.
     * @return commands executed (or bad doorbells answered).
     */
    int process(final EventProxy events)
    {
        blocked = false;
        if (!ring.isValid())
        {
            return 0;
        }
        final long doorbell = registers.read64(MhiRegisterLayout.CRDB);
        final int target = ring.indexOf(doorbell);
        if (target < 0 || ring.distance(ring.rd, target) < ring.distance(ring.rd, ring.wr))
        {
            if (doorbell == lastBadDoorbell)
            {
                return 0;
            }
            if (!events.postCommandCompletion(doorbell, CompletionCode.BAD_TRE))
            {
                blocked = true;
                return 0;
            }
            lastBadDoorbell = doorbell;
            errors.record("bad command doorbell: wp=0x" + Long.toHexString(doorbell));
            return 1;
        }
        ring.wr = target;
        int work = 0;
        while (ring.rd != ring.wr)
        {
            if (!events.hasSpace(1))
            {
                blocked = true;
                break;
            }
            command.wrap(region.buffer(), ring.elementOffset(ring.rd));
            final int type = command.type();
            final int channel = command.chid();
            final int code;
            switch (type)
            {
                case PacketType.START_CHAN:
                    code = device.startChannel(channel);
                    break;
                case PacketType.STOP_CHAN:
                    code = device.stopChannel(channel);
                    break;
                case PacketType.RESET_CHAN:
                    code = device.resetChannel(channel);
                    break;
                default:
                    errors.record("bad command type: type=0x" + Integer.toHexString(type));
                    code = CompletionCode.UNDEFINED_ERR;
                    break;
            }
            events.postCommandCompletion(ring.pointer(ring.rd), code);
            ring.rd = ring.next(ring.rd);
            context.rpRelease(ring.pointer(ring.rd));
            work++;
        }
        return work;
    }
}

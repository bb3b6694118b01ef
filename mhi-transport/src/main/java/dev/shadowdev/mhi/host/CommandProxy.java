package dev.shadowdev.mhi.host;

import dev.shadowdev.mhi.CommandContextFlyweight;
import dev.shadowdev.mhi.CommandTreFlyweight;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.MhiRegisterLayout;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.RingElementFlyweight;
import dev.shadowdev.mhi.SharedRegion;

import java.nio.ByteBuffer;

/**
 * Writes channel commands to the command ring and rings CRDB (Linux {@code host/main.c} {@code mhi_send_cmd}).
 * Callers serialise; completions arrive through {@link #completed(long)}.
 */
final class CommandProxy
{
    private static final int ELEMENT_SHIFT = 4;

    private final MhiRegisters registers;
    private final ByteBuffer buffer;
    private final long rbase;
    private final int elements = MhiConfig.COMMAND_ELEMENTS;
    private final int ringOffset;
    private final CommandContextFlyweight context = new CommandContextFlyweight();
    private final CommandTreFlyweight command = new CommandTreFlyweight();
    private int wp;
    private volatile int rp;

    CommandProxy(final SharedRegion region, final MhiRegisters registers, final long rbase, final int contextOffset)
    {
        this.registers = registers;
        this.buffer = region.buffer();
        this.rbase = rbase;
        this.ringOffset = region.offset(rbase, elements << ELEMENT_SHIFT);
        context.wrap(buffer, contextOffset);
    }

    /** @return bytes the ring needs. */
    static int ringLength()
    {
        return MhiConfig.COMMAND_ELEMENTS * RingElementFlyweight.LENGTH;
    }

    void initContext()
    {
        context.clearReserved()
            .rbase(rbase)
            .rlen((long)elements << ELEMENT_SHIFT)
            .rp(rbase)
            .wp(rbase);
        wp = 0;
        rp = 0;
    }

    /**
     * Queue one command and ring the doorbell.
     *
     * @return bus address of the command element, or 0 when the ring is full.
     */
    /**
     * @return the bus address the next {@link #send} will use, or 0 when the ring is full; lets the caller record
     * what it waits for before the doorbell can make the device answer.
     */
    long nextPointer()
    {
        final int next = wp + 1 == elements ? 0 : wp + 1;
        return next == rp ? 0 : rbase + ((long)wp << ELEMENT_SHIFT);
    }

    long send(final int type, final int channel)
    {
        final int next = wp + 1 == elements ? 0 : wp + 1;
        if (next == rp)
        {
            return 0;
        }
        final long pointer = rbase + ((long)wp << ELEMENT_SHIFT);
        command.wrap(buffer, ringOffset + (wp << ELEMENT_SHIFT)).encode(type, channel);
        wp = next;
        final long doorbell = rbase + ((long)wp << ELEMENT_SHIFT);
        context.wpRelease(doorbell);
        registers.write64(MhiRegisterLayout.CRDB, doorbell);
        return pointer;
    }

    /**
     * A completion for the element at {@code pointer} arrived: everything up to it is done.
     *
     * @return true when the pointer is an element of this ring.
     */
    boolean completed(final long pointer)
    {
        final long delta = pointer - rbase;
        if (delta < 0 || delta >= ((long)elements << ELEMENT_SHIFT) || (delta & (RingElementFlyweight.LENGTH - 1)) != 0)
        {
            return false;
        }
        final int index = (int)(delta >>> ELEMENT_SHIFT);
        rp = index + 1 == elements ? 0 : index + 1;
        return true;
    }
}

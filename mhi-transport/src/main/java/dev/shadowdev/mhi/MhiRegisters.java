package dev.shadowdev.mhi;

import dev.shadowdev.abi.Errno;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The device's register block: the MHI register window ({@link MhiRegisterLayout}) and the DMA bridge window
 * ({@link DbcRegs}), plus the two signals that cross between the sides: doorbell wake-ups (to the device) and the
 * interrupt line (to the host). Together with the {@link SharedRegion} this is everything host and device share.
 * <p>
 * Two kinds of writes: {@code write32/write64/dbcWrite} are bus writes by the host and have hardware side effects
 * (a write to MHICTRL, CRDB, a channel or event doorbell, REQ_TAIL or RSP_HEAD latches a pending bit and wakes the
 * device); writes to registers the host may not write are refused with -EINVAL. {@code store32/store64/dbcStore}
 * are the device updating its own registers, without side effects. Reads of an unmapped or misaligned offset
 * return all ones, like a PCI read that nobody answers.
 * <p>
 * Hot path methods allocate nothing and throw nothing.
 */
public final class MhiRegisters
{
    private final java.util.concurrent.atomic.AtomicIntegerArray dbcGenerations =
        new java.util.concurrent.atomic.AtomicIntegerArray(DbcRegs.DBC_COUNT);
    private final java.util.concurrent.atomic.AtomicLong staleDbcWrites = new java.util.concurrent.atomic.AtomicLong();

    /** Pending bit: the host wrote MHICTRL. */
    public static final int PENDING_MHICTRL = 1;
    /** Pending bit: the host rang the command ring doorbell. */
    public static final int PENDING_CRDB = 1 << 1;
    /** Pending bit: the host rang an event ring doorbell (it freed event ring space). */
    public static final int PENDING_ERDB = 1 << 2;

    private static final int CHANNEL_WORDS = MhiRegisterLayout.MAX_CHANNELS / Long.SIZE;
    private static final int CHDB_END = MhiRegisterLayout.CHDB_BASE + MhiRegisterLayout.MAX_CHANNELS * MhiRegisterLayout.DOORBELL_STRIDE;
    private static final int ERDB_END = MhiRegisterLayout.ERDB_BASE + MhiRegisterLayout.MAX_EVENT_RINGS * MhiRegisterLayout.DOORBELL_STRIDE;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle CONTROL_PENDING;
    private static final VarHandle DBC_PENDING;
    private static final Runnable NO_WAKER = () -> {};
    private static final InterruptHandler NO_HANDLER = (vector) -> {};

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            CONTROL_PENDING = lookup.findVarHandle(MhiRegisters.class, "controlPending", int.class);
            DBC_PENDING = lookup.findVarHandle(MhiRegisters.class, "dbcPending", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ByteBuffer mhi = window(MhiRegisterLayout.WINDOW_LENGTH);
    private final ByteBuffer dbc = window(DbcRegs.WINDOW_LENGTH);
    private final long[] channelPending = new long[CHANNEL_WORDS];
    private volatile int controlPending;
    private volatile int dbcPending;
    private volatile Runnable doorbellWaker = NO_WAKER;
    private volatile InterruptHandler interruptHandler = NO_HANDLER;
    private volatile DeviceInvoker invoker = DeviceInvoker.NONE;

    /**
     * Read a 32-bit MHI register.
     *
     * @param offset register offset, 4-aligned, inside the window.
     * @return the value, or -1 (all ones) for a bad offset.
     */
    public int read32(final int offset)
    {
        if (!inWindow(offset, Integer.BYTES, MhiRegisterLayout.WINDOW_LENGTH))
        {
            return -1;
        }
        return (int)INT.getVolatile(mhi, offset);
    }

    /**
     * Read a 64-bit MHI register (an address register or a doorbell).
     *
     * @param offset register offset, 8-aligned, inside the window.
     * @return the value, or -1 (all ones) for a bad offset.
     */
    public long read64(final int offset)
    {
        if (!inWindow(offset, Long.BYTES, MhiRegisterLayout.WINDOW_LENGTH))
        {
            return -1L;
        }
        return (long)LONG.getAcquire(mhi, offset);
    }

    /**
     * Host bus write of a 32-bit register. Only MHICTRL is writable this way; the write latches
     * {@link #PENDING_MHICTRL} and wakes the device.
     *
     * @param offset register offset.
     * @param value  value.
     * @return 0, or -EINVAL for any other offset (nothing changes).
     */
    public int write32(final int offset, final int value)
    {
        if (offset != MhiRegisterLayout.MHICTRL)
        {
            return Errno.EINVAL.status();
        }
        INT.setVolatile(mhi, offset, value);
        latchControl(PENDING_MHICTRL);
        return 0;
    }

    /**
     * Host bus write of a 64-bit register: CCABAP, ECABAP, CRCBAP, CRDB, a channel doorbell or an event ring
     * doorbell. Doorbells latch their pending bit and wake the device.
     *
     * @param offset register offset.
     * @param value  value.
     * @return 0, or -EINVAL for an offset the host may not write this way (nothing changes).
     */
    public int write64(final int offset, final long value)
    {
        if (offset >= MhiRegisterLayout.CHDB_BASE && offset < CHDB_END && (offset & (MhiRegisterLayout.DOORBELL_STRIDE - 1)) == 0)
        {
            LONG.setRelease(mhi, offset, value);
            final int channel = (offset - MhiRegisterLayout.CHDB_BASE) / MhiRegisterLayout.DOORBELL_STRIDE;
            WORDS.getAndBitwiseOr(channelPending, channel >>> 6, 1L << channel);
            doorbellWaker.run();
            return 0;
        }
        if (offset >= MhiRegisterLayout.ERDB_BASE && offset < ERDB_END && (offset & (MhiRegisterLayout.DOORBELL_STRIDE - 1)) == 0)
        {
            LONG.setRelease(mhi, offset, value);
            latchControl(PENDING_ERDB);
            return 0;
        }
        switch (offset)
        {
            case MhiRegisterLayout.CRDB:
                LONG.setRelease(mhi, offset, value);
                latchControl(PENDING_CRDB);
                return 0;
            case MhiRegisterLayout.CCABAP:
            case MhiRegisterLayout.ECABAP:
            case MhiRegisterLayout.CRCBAP:
                LONG.setVolatile(mhi, offset, value);
                return 0;
            default:
                return Errno.EINVAL.status();
        }
    }

    /**
     * Device update of one of its own 32-bit registers (no side effects).
     *
     * @param offset register offset, 4-aligned, inside the window.
     * @param value  value.
     * @return 0, or -EINVAL for a bad offset.
     */
    public int store32(final int offset, final int value)
    {
        if (!inWindow(offset, Integer.BYTES, MhiRegisterLayout.WINDOW_LENGTH))
        {
            return Errno.EINVAL.status();
        }
        INT.setVolatile(mhi, offset, value);
        return 0;
    }

    /**
     * Device update of one of its own 64-bit registers (no side effects).
     *
     * @param offset register offset, 8-aligned, inside the window.
     * @param value  value.
     * @return 0, or -EINVAL for a bad offset.
     */
    public int store64(final int offset, final long value)
    {
        if (!inWindow(offset, Long.BYTES, MhiRegisterLayout.WINDOW_LENGTH))
        {
            return Errno.EINVAL.status();
        }
        LONG.setVolatile(mhi, offset, value);
        return 0;
    }

    /**
     * Read a DMA bridge register.
     *
     * @param dbcIndex DBC index, 0..15.
     * @param register one of the {@link DbcRegs} register offsets.
     * @return the value, or -1 (all ones) for a bad index or register.
     */
    public int dbcRead(final int dbcIndex, final int register)
    {
        if (dbcIndex < 0 || dbcIndex >= DbcRegs.DBC_COUNT || !DbcRegs.isRegister(register))
        {
            return -1;
        }
        return (int)INT.getVolatile(dbc, DbcRegs.offset(dbcIndex, register));
    }

    /**
     * Host bus write of a DMA bridge register: REQ_TAIL (the request doorbell) or RSP_HEAD (responses consumed).
     * Both latch the DBC's pending bit and wake the device.
     *
     * @param dbcIndex DBC index, 0..15.
     * @param register {@link DbcRegs#REQ_TAIL} or {@link DbcRegs#RSP_HEAD}.
     * @param value    value.
     * @return 0, or -EINVAL for a bad index or a device-owned register (nothing changes).
     */
    public int dbcWrite(final int dbcIndex, final int register, final int value)
    {
        if (dbcIndex < 0 || dbcIndex >= DbcRegs.DBC_COUNT ||
            (register != DbcRegs.REQ_TAIL && register != DbcRegs.RSP_HEAD))
        {
            return Errno.EINVAL.status();
        }
        INT.setVolatile(dbc, DbcRegs.offset(dbcIndex, register), value);
        DBC_PENDING.getAndBitwiseOr(this, 1 << dbcIndex);
        doorbellWaker.run();
        return 0;
    }

    /**
     * Device update of a DMA bridge register (no side effects; raise the DBC's interrupt separately).
     *
     * @param dbcIndex DBC index, 0..15.
     * @param register one of the {@link DbcRegs} register offsets.
     * @param value    value.
     * @return 0, or -EINVAL for a bad index or register.
     */
    /**
     * Host bus write of a DMA bridge register by the owner of one binding of the DBC: dropped (-EACCES, counted)
     * when {@code generation} is not the DBC's current binding's (see {@link #dbcGeneration(int, int)}), so a
     * preempted workload's session that rings before it has heard of the preemption cannot touch the queues of the
     * workload the DBC serves now.
     */
    public int dbcWrite(final int dbcIndex, final int register, final int value, final int generation)
    {
        if (dbcIndex >= 0 && dbcIndex < DbcRegs.DBC_COUNT && dbcGenerations.get(dbcIndex) != generation)
        {
            staleDbcWrites.incrementAndGet();
            return Errno.EACCES.status();
        }
        return dbcWrite(dbcIndex, register, value);
    }

    /** Device side: the DBC now serves a binding of this generation (it answered the ACTIVATE with it). */
    public void dbcGeneration(final int dbcIndex, final int generation)
    {
        dbcGenerations.set(dbcIndex, generation);
    }

    /** @return host writes dropped for carrying a binding generation the DBC no longer serves. */
    public long staleDbcWrites()
    {
        return staleDbcWrites.get();
    }

    public int dbcStore(final int dbcIndex, final int register, final int value)
    {
        if (dbcIndex < 0 || dbcIndex >= DbcRegs.DBC_COUNT || !DbcRegs.isRegister(register))
        {
            return Errno.EINVAL.status();
        }
        INT.setVolatile(dbc, DbcRegs.offset(dbcIndex, register), value);
        return 0;
    }

    /**
     * Device side: take and clear the control pending bits.
     *
     * @return any of {@link #PENDING_MHICTRL}, {@link #PENDING_CRDB}, {@link #PENDING_ERDB}.
     */
    public int takeControlPending()
    {
        return controlPending == 0 ? 0 : (int)CONTROL_PENDING.getAndSet(this, 0);
    }

    /**
     * Device side: take and clear one word of channel doorbell bits.
     *
     * @param word 0 for channels 0..63, 1 for channels 64..127.
     * @return bit n set when channel {@code 64 * word + n} was rung.
     */
    public long takeChannelDoorbells(final int word)
    {
        final long bits = (long)WORDS.getVolatile(channelPending, word);
        return bits == 0 ? 0 : (long)WORDS.getAndSet(channelPending, word, 0L);
    }

    /**
     * Device side: take and clear the DMA bridge pending bits.
     *
     * @return bit i set when the host wrote DBC i's REQ_TAIL or RSP_HEAD.
     */
    public int takeDbcDoorbells()
    {
        return dbcPending == 0 ? 0 : (int)DBC_PENDING.getAndSet(this, 0);
    }

    /** @return true when any doorbell or control bit is latched and not yet taken. */
    public boolean hasPending()
    {
        if (controlPending != 0 || dbcPending != 0)
        {
            return true;
        }
        for (int i = 0; i < CHANNEL_WORDS; i++)
        {
            if ((long)WORDS.getVolatile(channelPending, i) != 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Device side: install what a doorbell write runs to wake the device (e.g. unpark its thread).
     *
     * @param waker the wake-up; null for none.
     */
    public void setDoorbellWaker(final Runnable waker)
    {
        this.doorbellWaker = waker == null ? NO_WAKER : waker;
    }

    /**
     * Device side: install how a host thread may run the device (see {@link DeviceInvoker}).
     *
     * @param value the invoker; null for none.
     */
    public void setDeviceInvoker(final DeviceInvoker value)
    {
        this.invoker = value == null ? DeviceInvoker.NONE : value;
    }

    /**
     * Host side: doorbells this thread rings until the matching {@link #endDoorbells()} wake nobody (nestable).
     * Allocation-free.
     */
    public void beginDoorbells()
    {
        invoker.beginDoorbells();
    }

    /**
     * Host side, holding none of its own locks: the outermost end lends this thread to the device when it is idle,
     * so the device's answers (and the host's completions, from the interrupt) may run before this returns.
     */
    public void endDoorbells()
    {
        invoker.endDoorbells();
    }

    /**
     * Host side: install the interrupt handler.
     *
     * @param handler the handler; null for none.
     */
    public void setInterruptHandler(final InterruptHandler handler)
    {
        this.interruptHandler = handler == null ? NO_HANDLER : handler;
    }

    /**
     * Device side: raise an interrupt; the host's handler runs on the calling thread.
     *
     * @param vector the vector ({@link InterruptHandler#MHI_VECTOR} or a DBC vector).
     */
    public void raiseInterrupt(final int vector)
    {
        interruptHandler.onInterrupt(vector);
    }

    private void latchControl(final int bit)
    {
        CONTROL_PENDING.getAndBitwiseOr(this, bit);
        doorbellWaker.run();
    }

    private static boolean inWindow(final int offset, final int width, final int length)
    {
        return offset >= 0 && offset <= length - width && (offset & (width - 1)) == 0;
    }

    private static ByteBuffer window(final int length)
    {
        return ByteBuffer.allocateDirect(length + SharedRegion.PAGE_SIZE)
            .alignedSlice(SharedRegion.PAGE_SIZE)
            .slice(0, length)
            .order(ByteOrder.LITTLE_ENDIAN);
    }
}

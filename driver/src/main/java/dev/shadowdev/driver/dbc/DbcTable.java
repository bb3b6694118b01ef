package dev.shadowdev.driver.dbc;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.wiretap.WireRecorder;
import dev.shadowdev.mhi.DbcRegs;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.InterruptHandler;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * The host's DMA bridge channels: which {@link DbcBinding} (session queues) each of the 16 DBCs is bound to, the
 * DBC interrupt ({@code *Adapter} role: vector {@code 1 + dbc} -> that binding's {@link DbcBinding#drain()}),
 * EXECUTE timeouts, and a quarantine for bindings whose ACTIVATE ended without an answer: the firmware may have
 * bound them, so their memory is only given back once it certainly forgot them (their owner's TERMINATE was
 * answered, or the transport was reset).
 * <p>
 * Thread-safe: lookups by DBC are lock-free reads; changes take this object's monitor.
 */
public final class DbcTable
{
    private static final Logger LOG = LoggerFactory.getLogger(DbcTable.class);

    private final SharedRegion region;
    private final DmaAllocator allocator;
    private final MhiRegisters registers;
    private final WireRecorder recorder;
    private final DriverCounters counters;
    private final LongSupplier nanoClock;
    private final AtomicReferenceArray<DbcBinding> bound = new AtomicReferenceArray<>(DbcRegs.DBC_COUNT);
    private final List<DbcBinding> quarantined = new ArrayList<>();

    /**
     * @param allocator host memory for the queues and buffers.
     * @param registers the DBC register window.
     * @param recorder  trace and tap.
     * @param counters  the driver's counters.
     * @param nanoClock time source for EXECUTE deadlines.
     */
    public DbcTable(
        final DmaAllocator allocator,
        final MhiRegisters registers,
        final WireRecorder recorder,
        final DriverCounters counters,
        final LongSupplier nanoClock)
    {
        this.region = allocator.region();
        this.allocator = allocator;
        this.registers = registers;
        this.recorder = recorder;
        this.counters = counters;
        this.nanoClock = nanoClock;
    }

    /**
     * Allocate the host memory of one workload's queues and buffers (before ACTIVATE).
     *
     * @param owner       the session.
     * @param elements    queue length, at least 2.
     * @param bufferBytes EXECUTE input and output capacity.
     * @return the binding (not bound yet), or null when host memory is short.
     */
    public DbcBinding allocate(final Object owner, final int elements, final int bufferBytes)
    {
        final DbcLayout layout = new DbcLayout(elements, bufferBytes);
        final long base = allocator.alloc(layout.totalBytes(), DmaAllocator.GRANULE);
        if (base < 0)
        {
            LOG.warn("dbc queues not allocated: reason=no host memory bytes={} free={}", layout.totalBytes(),
                allocator.freeBytes());
            return null;
        }
        return new DbcBinding(this, layout, base, owner);
    }

    /**
     * ACTIVATE succeeded: {@code dbc} now serves {@code binding}'s queues (the firmware zeroed its registers).
     *
     * @return 0, or -EINVAL for a DBC index the card does not have (the binding is quarantined).
     */
    public synchronized int bind(final DbcBinding binding, final int dbc)
    {
        if (dbc < 0 || dbc >= DbcRegs.DBC_COUNT)
        {
            LOG.warn("activate answered a bad dbc: dbc_id={}", dbc);
            quarantined.add(binding);
            return Errno.EINVAL.status();
        }
        final DbcBinding previous = bound.get(dbc);
        if (previous != null)
        {
            LOG.warn("dbc bound twice: dbc_id={} previous={} next={}", dbc, previous, binding);
            previous.release();
        }
        binding.bound(dbc);
        bound.set(dbc, binding);
        return 0;
    }

    /**
     * @return the binding of {@code dbc} when {@code owner} activated it, else null (EACCES for the caller).
     */
    public DbcBinding ownedBy(final int dbc, final Object owner)
    {
        if (dbc < 0 || dbc >= DbcRegs.DBC_COUNT)
        {
            return null;
        }
        final DbcBinding binding = bound.get(dbc);
        return binding != null && binding.owner() == owner ? binding : null;
    }

    /** @return how many bound DBCs {@code owner} holds. */
    public int countOwnedBy(final Object owner)
    {
        int count = 0;
        for (int i = 0; i < DbcRegs.DBC_COUNT; i++)
        {
            final DbcBinding binding = bound.get(i);
            if (binding != null && binding.owner() == owner)
            {
                count++;
            }
        }
        return count;
    }

    /** DEACTIVATE succeeded (or the owner's TERMINATE): unbind and give the memory back. */
    public synchronized void release(final DbcBinding binding)
    {
        final int dbc = binding.dbc();
        if (dbc >= 0 && bound.get(dbc) == binding)
        {
            bound.set(dbc, null);
        }
        binding.release();
    }

    /** Give back every binding of {@code owner}, bound or quarantined (its TERMINATE was answered). */
    public synchronized void releaseOwnedBy(final Object owner)
    {
        for (int i = 0; i < DbcRegs.DBC_COUNT; i++)
        {
            final DbcBinding binding = bound.get(i);
            if (binding != null && binding.owner() == owner)
            {
                bound.set(i, null);
                binding.release();
            }
        }
        quarantined.removeIf(binding ->
        {
            if (binding.owner() == owner)
            {
                binding.release();
                return true;
            }
            return false;
        });
    }

    /** Keep a binding whose ACTIVATE has an unknown outcome until its owner terminates or the transport resets. */
    public synchronized void quarantine(final DbcBinding binding)
    {
        quarantined.add(binding);
    }

    /** The transport was reset: the firmware forgot every binding; give every one back (EXECUTEs fail with EIO). */
    public synchronized void releaseAll()
    {
        for (int i = 0; i < DbcRegs.DBC_COUNT; i++)
        {
            final DbcBinding binding = bound.getAndSet(i, null);
            if (binding != null)
            {
                binding.release();
            }
        }
        for (final DbcBinding binding : quarantined)
        {
            binding.release();
        }
        quarantined.clear();
    }

    /**
     * The firmware is gone: fail every EXECUTE in flight with {@code status}; the memory stays until
     * {@link #releaseAll()} after the transport reset (the device may still write it until then).
     */
    public void abortAll(final int status)
    {
        for (int i = 0; i < DbcRegs.DBC_COUNT; i++)
        {
            final DbcBinding binding = bound.get(i);
            if (binding != null)
            {
                binding.abort(status);
            }
        }
    }

    /** The interrupt of a DBC vector: consume that DBC's responses. */
    public void onInterrupt(final int vector)
    {
        final int dbc = vector - InterruptHandler.dbcVector(0);
        if (dbc >= 0 && dbc < DbcRegs.DBC_COUNT)
        {
            final DbcBinding binding = bound.get(dbc);
            if (binding != null)
            {
                binding.drain();
            }
        }
    }

    /** Timer duty: consume responses whose interrupt was missed, then fail overdue EXECUTEs. */
    public void poll()
    {
        final long now = nanoClock.getAsLong();
        for (int i = 0; i < DbcRegs.DBC_COUNT; i++)
        {
            final DbcBinding binding = bound.get(i);
            if (binding != null)
            {
                binding.drain();
                binding.checkTimeout(now);
            }
        }
    }

    /** @return bindings waiting in quarantine. */
    public synchronized int quarantinedCount()
    {
        return quarantined.size();
    }

    SharedRegion region()
    {
        return region;
    }

    DmaAllocator allocator()
    {
        return allocator;
    }

    MhiRegisters registers()
    {
        return registers;
    }

    WireRecorder recorder()
    {
        return recorder;
    }

    DriverCounters counters()
    {
        return counters;
    }

    LongSupplier nanoClock()
    {
        return nanoClock;
    }
}

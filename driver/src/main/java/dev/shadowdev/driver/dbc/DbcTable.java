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
 * Preemption (ABI.md 6): when the firmware preempts a workload, its binding leaves the DBC
 * ({@link #preempt}, on the card's notice) and is kept aside, still found by {@link #ownedBy} for its owner, so the
 * owner's EXECUTE on it answers ECANCELED at once (and DEACTIVATE reaches the firmware, which answers ECANCELED),
 * until its owner releases it, terminates, or the transport resets. The card may give the DBC to another workload in
 * the very request that preempted it, and that request's answer may arrive before the notice: a {@link #bind} that
 * finds the DBC still bound to another binding preempts that one the same way (the card rebound the DBC to new
 * queues, so the old ones are free).
 * <p>
 * Thread-safe: lookups by DBC are lock-free reads; changes take this object's monitor; completions run outside it.
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
    private final List<DbcBinding> preempted = new ArrayList<>();
    private volatile int preemptedCount;

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
    public int bind(final DbcBinding binding, final int dbc)
    {
        return bind(binding, dbc, 0);
    }

    /**
     * As {@link #bind(DbcBinding, int)}, for the card's binding generation {@code generation} (from the ACTIVATE
     * answer): the binding's doorbells carry it.
     */
    public int bind(final DbcBinding binding, final int dbc, final int generation)
    {
        final DbcBinding previous;
        synchronized (this)
        {
            if (dbc < 0 || dbc >= DbcRegs.DBC_COUNT)
            {
                LOG.warn("activate answered a bad dbc: dbc_id={}", dbc);
                quarantined.add(binding);
                return Errno.EINVAL.status();
            }
            previous = bound.get(dbc);
            if (previous != null && previous != binding)
            {
                LOG.debug("dbc taken over: the firmware gave it to another workload: dbc_id={} previous={} next={}",
                    dbc, previous, binding);
                setAside(previous);
            }
            binding.bound(dbc, generation);
            bound.set(dbc, binding);
        }
        if (previous != null && previous != binding)
        {
            previous.preempt();
        }
        return 0;
    }

    /**
     * The firmware preempted the workload {@code owner} has on {@code dbc} (the card's notice): fail its EXECUTE in
     * flight with -ECANCELED, make every later one answer -ECANCELED at once, give its memory back (the card no
     * longer serves its queues), and keep it aside for {@link #ownedBy}.
     *
     * @return 1 when an EXECUTE in flight was failed, 0 when none was, -ENOENT when {@code owner} has no workload on
     *     {@code dbc} (it was released already, or never existed here).
     */
    public int preempt(final int dbc, final Object owner)
    {
        final DbcBinding target;
        synchronized (this)
        {
            if (dbc < 0 || dbc >= DbcRegs.DBC_COUNT)
            {
                return Errno.ENOENT.status();
            }
            // Set aside already: a bind() took the DBC over before the notice came. Looked up first, since the
            // owner's own next workload may hold the DBC by now and must not be taken for the preempted one.
            final DbcBinding aside = findPreempted(dbc, owner);
            final DbcBinding current = bound.get(dbc);
            if (aside == null && current != null && current.owner() == owner)
            {
                setAside(current);
                bound.set(dbc, null);
                target = current;
            }
            else
            {
                target = aside;
            }
        }
        if (target == null)
        {
            return Errno.ENOENT.status();
        }
        return target.preempt() ? 1 : 0;
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
        if (binding != null && binding.owner() == owner)
        {
            return binding;
        }
        if (preemptedCount == 0)
        {
            return null;
        }
        synchronized (this)
        {
            return findPreempted(dbc, owner);
        }
    }

    /** @return bindings kept aside because their workload was preempted. */
    public int preemptedCount()
    {
        return preemptedCount;
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
        if (preempted.remove(binding))
        {
            preemptedCount = preempted.size();
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
        preempted.removeIf(binding -> binding.owner() == owner);
        preemptedCount = preempted.size();
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
        preempted.clear();
        preemptedCount = 0;
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

    /** Under the monitor: keep a preempted binding findable by its owner (its memory goes back in preempt()). */
    private void setAside(final DbcBinding binding)
    {
        if (!preempted.contains(binding))
        {
            preempted.add(binding);
            preemptedCount = preempted.size();
        }
    }

    /** Under the monitor. */
    private DbcBinding findPreempted(final int dbc, final Object owner)
    {
        for (int i = 0; i < preempted.size(); i++)
        {
            final DbcBinding binding = preempted.get(i);
            if (binding.owner() == owner && binding.dbc() == dbc)
            {
                return binding;
            }
        }
        return null;
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

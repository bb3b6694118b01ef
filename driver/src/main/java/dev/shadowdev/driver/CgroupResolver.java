package dev.shadowdev.driver;

import dev.shadowdev.abi.Errno;
import dev.shadowdev.driver.api.CgroupBinding;
import dev.shadowdev.driver.cgroup.ProcCgroups;
import dev.shadowdev.driver.node.DeviceNode;
import dev.shadowdev.driver.node.NodeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Which partition an {@code open()} of the shared cgroup node reaches (ABI.md 7): the caller's pid as the kernel gave
 * it to the FUSE request, its cgroup from {@code /proc/<pid>/cgroup} ({@link ProcCgroups#select}), and the bound
 * path that is its longest component-wise prefix. Once per session, on the opening thread; nothing here is on the
 * per-request path. Refusals are logged at most once a second with how many there were (a process looping on an
 * unbound cgroup cannot flood the log).
 */
final class CgroupResolver
{
    private static final Logger LOG = LoggerFactory.getLogger(CgroupResolver.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * @param node   the node the session uses, or null when refused.
     * @param status 0, or the negative errno: ESRCH (process gone), EACCES (no binding), ENODEV (node offline).
     */
    record Resolution(DeviceNode node, int status)
    {
    }

    private final NodeRegistry registry;
    private final IntFunction<String> source;
    private final LongSupplier nanoClock;
    private final AtomicLong lastLogNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong unlogged = new AtomicLong();

    CgroupResolver(final NodeRegistry registry, final IntFunction<String> source, final LongSupplier nanoClock)
    {
        this.registry = registry;
        this.source = source != null ? source : ProcCgroups::read;
        this.nanoClock = nanoClock;
    }

    Resolution resolve(final int pid)
    {
        final String content = source.apply(pid);
        if (content == null)
        {
            final long more = logPermit();
            if (more >= 0)
            {
                LOG.warn("open refused: process gone: pid={} more={}", pid, more);
            }
            return new Resolution(null, Errno.ESRCH.status());
        }
        final String cgroup = ProcCgroups.select(content);
        final CgroupBinding binding = cgroup == null ? null : registry.bindings().lookup(cgroup);
        if (binding == null)
        {
            final long more = logPermit();
            if (more >= 0)
            {
                LOG.warn("open refused: no partition bound to the caller's cgroup: pid={} cgroup={} more={}", pid,
                    cgroup, more);
            }
            return new Resolution(null, Errno.EACCES.status());
        }
        final DeviceNode target = registry.cgroupTarget(binding.partitionId(), binding.partitionName());
        if (target == null)
        {
            return new Resolution(null, Errno.ENODEV.status());
        }
        LOG.debug("cgroup open: pid={} cgroup={} path={} partition={}", pid, cgroup, binding.path(),
            binding.partitionId());
        return new Resolution(target, 0);
    }

    /** @return -1 when a refusal was logged less than a second ago (counted), else how many were not logged. */
    private long logPermit()
    {
        final long now = nanoClock.getAsLong();
        final long last = lastLogNanos.get();
        if (last != Long.MIN_VALUE && now - last < LOG_EVERY_NANOS || !lastLogNanos.compareAndSet(last, now))
        {
            unlogged.incrementAndGet();
            return -1;
        }
        return unlogged.getAndSet(0);
    }
}

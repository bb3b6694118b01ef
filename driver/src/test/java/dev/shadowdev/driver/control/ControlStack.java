package dev.shadowdev.driver.control;

import dev.shadowdev.driver.api.ProbeResult;
import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.testing.ScriptedCard;
import dev.shadowdev.driver.wiretap.WireRecorder;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.MhiConfig;
import dev.shadowdev.mhi.QaicChannels;
import dev.shadowdev.mhi.host.HostOptions;
import dev.shadowdev.mhi.host.MhiHost;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The control client's pieces over the real transport against a {@link ScriptedCard}, with a manual clock. */
final class ControlStack implements AutoCloseable
{
    static final long TIMEOUT = TimeUnit.SECONDS.toNanos(1);

    final ScriptedCard card = new ScriptedCard();
    final DmaAllocator allocator = new DmaAllocator(card.region);
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final DriverCounters counters = new DriverCounters();
    final BufferPool pool = new BufferPool(16);
    final MhiHost host = new MhiHost(card.region, allocator, card.registers, MhiConfig.qaic(), HostOptions.defaults());
    final ControlProxy proxy;
    final ControlClient client;
    final ControlAdapter adapter;
    final ControlLink link;

    ControlStack(final int deadAfterTimeouts)
    {
        final WireRecorder recorder = new WireRecorder(null, null);
        proxy = new ControlProxy(host, allocator, recorder, QaicChannels.CONTROL, 256);
        client = new ControlClient(proxy, pool, counters, clock::get, 256, deadAfterTimeouts);
        adapter = new ControlAdapter(host, allocator, pool, client, recorder, counters, QaicChannels.CONTROL + 1, 16);
        link = new ControlLink(host, proxy, adapter, client);
        final ProbeResult open = link.open(TIMEOUT * 5);
        if (!open.ok())
        {
            throw new AssertionError(open.reason());
        }
    }

    @Override
    public void close()
    {
        link.close(TIMEOUT);
        pool.close();
        card.close();
    }
}

package dev.shadowdev.driver.session;

import dev.shadowdev.driver.counters.DriverCounters;
import dev.shadowdev.driver.options.DriverOptions;
import dev.shadowdev.driver.control.ControlClient;
import dev.shadowdev.driver.dbc.DbcTable;
import dev.shadowdev.driver.node.NodeRegistry;
import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.mhi.DmaAllocator;
import dev.shadowdev.mhi.MhiRegisters;
import dev.shadowdev.mhi.SharedRegion;
import dev.shadowdev.wire.WireBuffer;

import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The driver's parts every session uses, handed over in one piece by the driver assembly.
 *
 * @param options   the driver's options.
 * @param client    the control client.
 * @param dbcTable  the DMA bridge channels.
 * @param registry  the device nodes.
 * @param pool      request and response buffers.
 * @param registers the card's register block: sessions lend their thread to the card through it.
 * @param counters  the driver's counters.
 * @param allocator host memory.
 * @param handles   the sessions' user handles.
 * @param epoch     how many times the firmware was probed (changes at each reset).
 * @param onClosed  told when a session has given everything back.
 * @param penalty   what a caller refused for abuse waits.
 */
public record SessionServices(
    DriverOptions options,
    ControlClient client,
    DbcTable dbcTable,
    NodeRegistry registry,
    BufferPool pool,
    MhiRegisters registers,
    DriverCounters counters,
    DmaAllocator allocator,
    HandleAllocator handles,
    IntSupplier epoch,
    Consumer<Session> onClosed,
    RefusalPenalty penalty)
{
    /** @return the host memory region. */
    public SharedRegion region()
    {
        return allocator.region();
    }

    /** @return a new view of the whole host memory region (one per session). */
    WireBuffer regionView()
    {
        return new WireBuffer(allocator.region().buffer());
    }
}

package dev.shadowdev.bench.pool;

import dev.shadowdev.driver.pool.BufferPool;
import dev.shadowdev.driver.pool.PooledBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The driver's buffer pool (memory from Netty's pooled allocator, direct and heap) beside the hand-written heap
 * pool it replaced ({@link LegacyBufferPool}), in the same run:
 * <ul>
 *   <li>{@code *AcquireRelease}: acquire and release one buffer of {@code size} bytes;</li>
 *   <li>{@code nettyPerAcquire}: what taking fresh memory from Netty on every acquire would cost (a pooled
 *   {@code ByteBuf} and the index-0 {@code ByteBuffer} view the driver's call sites need, then release);</li>
 *   <li>{@code *Path}: the driver's use, to choose heap or direct: copy {@code size} bytes in from a direct buffer
 *   (FUSE's), read the 8-byte header through the wire view, copy them out to a direct region (the shared region),
 *   release.</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar BufferPoolBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BufferPoolBenchmark
{
    @Param({ "64", "4096", "65536" })
    int size;

    private final LegacyBufferPool legacy = new LegacyBufferPool(64);
    private final BufferPool direct = new BufferPool(PooledByteBufAllocator.DEFAULT, true, 64);
    private final BufferPool heap = new BufferPool(PooledByteBufAllocator.DEFAULT, false, 64);
    private ByteBuffer source;
    private ByteBuffer region;

    @Setup(Level.Trial)
    public void setUp()
    {
        source = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        region = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < size; i++)
        {
            source.put(i, (byte)i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        direct.close();
        heap.close();
    }

    @Benchmark
    public int legacyAcquireRelease()
    {
        final LegacyBufferPool.Buffer buffer = legacy.acquire(size);
        final int capacity = buffer.byteBuffer.capacity();
        legacy.release(buffer);
        return capacity;
    }

    @Benchmark
    public int directAcquireRelease()
    {
        final PooledBuffer buffer = direct.acquire(size);
        final int capacity = buffer.capacity();
        direct.release(buffer);
        return capacity;
    }

    @Benchmark
    public int heapAcquireRelease()
    {
        final PooledBuffer buffer = heap.acquire(size);
        final int capacity = buffer.capacity();
        heap.release(buffer);
        return capacity;
    }

    @Benchmark
    public int nettyPerAcquire()
    {
        final ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(size, size);
        final ByteBuffer view = buf.nioBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
        final int capacity = view.capacity();
        buf.release();
        return capacity;
    }

    @Benchmark
    public long legacyPath()
    {
        final LegacyBufferPool.Buffer buffer = legacy.acquire(size);
        buffer.byteBuffer.put(0, source, 0, size);
        final long header = buffer.wire.getLong(0);
        region.put(0, buffer.byteBuffer, 0, size);
        legacy.release(buffer);
        return header;
    }

    @Benchmark
    public long directPath()
    {
        return path(direct);
    }

    @Benchmark
    public long heapPath()
    {
        return path(heap);
    }

    private long path(final BufferPool pool)
    {
        final PooledBuffer buffer = pool.acquire(size);
        buffer.byteBuffer().put(0, source, 0, size);
        final long header = buffer.wire().getLong(0);
        region.put(0, buffer.byteBuffer(), 0, size);
        pool.release(buffer);
        return header;
    }
}

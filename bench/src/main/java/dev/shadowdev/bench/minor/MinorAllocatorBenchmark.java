package dev.shadowdev.bench.minor;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;

import dev.shadowdev.driver.minor.MinorAllocator;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The steady-state minor operation, take the lowest free minor and give it back, at a given occupancy of the
 * {@code 2^20} minors, for {@link MinorAllocator} beside its two baselines in the same run: {@link BitSet}
 * ({@code nextClearBit(0)} + {@code set}/{@code clear}) and {@link IdaModel} (Linux IDA). All three start from the
 * same {@link MinorFillPattern set of minors in use}. {@link MinorAllocator} and {@link IdaModel} take a lock per
 * operation (as the kernel's {@code xa_lock}); the bare {@link BitSet} takes none.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MinorAllocatorBenchmark
{
    @Param({"0.10", "0.50", "0.90", "0.99"})
    public double occupancy;

    @Param({MinorFillPattern.DENSE, MinorFillPattern.RANDOM})
    public String pattern;

    private MinorAllocator minorAllocator;
    private BitSet bitSet;
    private IdaModel ida;

    @Setup(Level.Trial)
    public void setUp()
    {
        final BitSet inUse = MinorFillPattern.minorsInUse(pattern, occupancy, MinorAllocators.RANGE);
        minorAllocator = MinorAllocators.minorAllocator(inUse);
        bitSet = MinorAllocators.bitSet(inUse);
        ida = MinorAllocators.ida(inUse);

        final int lowest = inUse.nextClearBit(0);
        MinorAllocators.expect(lowest, minorAllocator(), "MinorAllocator lowest free");
        MinorAllocators.expect(lowest, bitSet(), "BitSet lowest free");
        MinorAllocators.expect(lowest, ida(), "IDA lowest free");
    }

    @Benchmark
    public int minorAllocator()
    {
        final int minor = minorAllocator.allocate();
        minorAllocator.free(minor);
        return minor;
    }

    @Benchmark
    public int bitSet()
    {
        final int minor = bitSet.nextClearBit(0);
        bitSet.set(minor);
        bitSet.clear(minor);
        return minor;
    }

    @Benchmark
    public int ida()
    {
        final int minor = ida.alloc();
        ida.free(minor);
        return minor;
    }
}

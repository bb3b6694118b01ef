package dev.shadowdev.bench.minor;

import java.util.BitSet;
import java.util.SplittableRandom;

import dev.shadowdev.driver.minor.MinorAllocator;

/**
 * Prints the memory of the three minor allocators at a few occupancies, in bytes and in bits per minor of the whole
 * {@code 2^20} range, after checking that they agree with each other over a random run of operations that fills
 * about 90000 minors and empties them again, twice.
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.shadowdev.bench.minor.MinorMemoryReport
 * </pre>
 * MinorAllocator: its backing arrays with their headers ({@link MinorAllocator#memoryBytes()}). BitSet: its
 * {@code long[]} with header plus the 24-byte object. IDA: the kernel's sizes of the live bitmaps and nodes
 * ({@link IdaModel#memoryBytes()}).
 */
public final class MinorMemoryReport
{
    private static final int RANGE = MinorAllocators.RANGE;
    private static final int BITSET_OBJECT_BYTES = 24;
    private static final int ARRAY_HEADER_BYTES = 16;
    private static final int PHASE_OPERATIONS = 150_000;

    private MinorMemoryReport()
    {
    }

    public static void main(final String[] args)
    {
        crossCheck(4 * PHASE_OPERATIONS);
        System.out.println("minor allocator memory, range 2^20 = " + RANGE + " minors (bits/minor = bytes * 8 / 2^20)");
        System.out.printf("%-10s %-8s %14s %14s %14s %10s %10s %10s%n",
            "in use", "pattern", "Minor bytes", "BitSet bytes", "IDA bytes", "Minor b/m", "BitSet b/m", "IDA b/m");
        report(MinorFillPattern.DENSE, 10.0 / RANGE);
        for (final double occupancy : new double[]{0.10, 0.50, 0.90, 0.99, 1.0})
        {
            report(MinorFillPattern.DENSE, occupancy);
        }
        report(MinorFillPattern.RANDOM, 0.50);
    }

    private static void report(final String pattern, final double occupancy)
    {
        final BitSet inUse = MinorFillPattern.minorsInUse(pattern, occupancy, RANGE);
        final long minorBytes = MinorAllocators.minorAllocator(inUse).memoryBytes();
        final long bitSetBytes = bitSetBytes(MinorAllocators.bitSet(inUse));
        final long idaBytes = MinorAllocators.ida(inUse).memoryBytes();
        System.out.printf("%-10d %-8s %14d %14d %14d %10.4f %10.4f %10.4f%n",
            inUse.cardinality(), pattern, minorBytes, bitSetBytes, idaBytes,
            bitsPerMinor(minorBytes), bitsPerMinor(bitSetBytes), bitsPerMinor(idaBytes));
    }

    private static long bitSetBytes(final BitSet bitSet)
    {
        return BITSET_OBJECT_BYTES + ARRAY_HEADER_BYTES + bitSet.size() / Byte.SIZE;
    }

    private static double bitsPerMinor(final long bytes)
    {
        return bytes * (double)Byte.SIZE / RANGE;
    }

    /**
     * Drive all three with the same random allocations and frees and require the same answers.
     */
    private static void crossCheck(final int operations)
    {
        final MinorAllocator minorAllocator = new MinorAllocator(RANGE);
        final BitSet bitSet = new BitSet(RANGE);
        final IdaModel ida = new IdaModel(RANGE);
        final SplittableRandom random = new SplittableRandom(MinorFillPattern.SEED);
        for (int i = 0; i < operations; i++)
        {
            final int allocatePercent = (i / PHASE_OPERATIONS) % 2 == 0 ? 80 : 20;
            if (bitSet.isEmpty() || random.nextInt(100) < allocatePercent)
            {
                final int lowest = bitSet.nextClearBit(0);
                bitSet.set(lowest);
                MinorAllocators.expect(lowest, minorAllocator.allocate(), "MinorAllocator allocate");
                MinorAllocators.expect(lowest, ida.alloc(), "IDA allocate");
            }
            else
            {
                int minor = random.nextInt(bitSet.length());
                minor = bitSet.get(minor) ? minor : bitSet.previousSetBit(minor);
                minor = minor >= 0 ? minor : bitSet.nextSetBit(0);
                bitSet.clear(minor);
                MinorAllocators.expect(0, minorAllocator.free(minor), "MinorAllocator free");
                MinorAllocators.expect(0, ida.free(minor), "IDA free");
            }
        }
        MinorAllocators.expect(bitSet.cardinality(), minorAllocator.inUse(), "MinorAllocator in use");

        for (int minor = bitSet.nextSetBit(0); minor >= 0; minor = bitSet.nextSetBit(minor + 1))
        {
            MinorAllocators.expect(0, minorAllocator.free(minor), "MinorAllocator free");
            MinorAllocators.expect(0, ida.free(minor), "IDA free");
        }
        MinorAllocators.expect(Long.SIZE, minorAllocator.memoryBits(), "MinorAllocator bits when empty");
        MinorAllocators.expect(0, ida.bitmapCount(), "IDA bitmaps when empty");
        MinorAllocators.expect(0, ida.nodeCount(), "IDA nodes when empty");
    }
}

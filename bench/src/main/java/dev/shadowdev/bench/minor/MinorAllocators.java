package dev.shadowdev.bench.minor;

import java.util.BitSet;

import dev.shadowdev.driver.minor.MinorAllocator;

/**
 * Brings the three allocators of the minor benchmarks to the same set of minors in use, through their own
 * allocate/free operations: take every minor up to the highest one wanted, lowest first, then give back those not
 * wanted in a seeded random order (the {@link BitSet} sets the same prefix in one call, since scanning from 0 for
 * each of a million minors is quadratic). Every answer is checked, so a wrong allocator cannot produce figures.
 */
final class MinorAllocators
{
    static final int RANGE = MinorAllocator.MAX_MINORS;

    private MinorAllocators()
    {
    }

    static MinorAllocator minorAllocator(final BitSet inUse)
    {
        final MinorAllocator allocator = new MinorAllocator(RANGE);
        final int top = inUse.length();
        for (int minor = 0; minor < top; minor++)
        {
            expect(minor, allocator.allocate(), "MinorAllocator allocate");
        }
        for (final int minor : toFree(inUse))
        {
            expect(0, allocator.free(minor), "MinorAllocator free");
        }
        expect(inUse.cardinality(), allocator.inUse(), "MinorAllocator in use");
        return allocator;
    }

    static BitSet bitSet(final BitSet inUse)
    {
        final BitSet bitSet = new BitSet(RANGE);
        bitSet.set(0, inUse.length());
        for (final int minor : toFree(inUse))
        {
            bitSet.clear(minor);
        }
        expect(inUse.cardinality(), bitSet.cardinality(), "BitSet in use");
        return bitSet;
    }

    static IdaModel ida(final BitSet inUse)
    {
        final IdaModel ida = new IdaModel(RANGE);
        final int top = inUse.length();
        for (int minor = 0; minor < top; minor++)
        {
            expect(minor, ida.alloc(), "IDA allocate");
        }
        for (final int minor : toFree(inUse))
        {
            expect(0, ida.free(minor), "IDA free");
        }
        return ida;
    }

    /**
     * @return the minors below {@code inUse.length()} that are not in the set, in a seeded random order.
     */
    private static int[] toFree(final BitSet inUse)
    {
        final int top = inUse.length();
        final int[] order = MinorFillPattern.shuffledMinors(top, MinorFillPattern.SEED + 1);
        final int[] free = new int[top - inUse.cardinality()];
        int count = 0;
        for (final int minor : order)
        {
            if (!inUse.get(minor))
            {
                free[count++] = minor;
            }
        }
        return free;
    }

    static void expect(final long expected, final long actual, final String what)
    {
        if (expected != actual)
        {
            throw new IllegalStateException(what + " disagrees: expected=" + expected + " actual=" + actual);
        }
    }
}

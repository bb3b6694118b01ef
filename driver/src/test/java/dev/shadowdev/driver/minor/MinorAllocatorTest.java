package dev.shadowdev.driver.minor;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinorAllocatorTest
{
    private static final int MAX = MinorAllocator.MAX_MINORS;

    @Test
    void sentinelsAreTheNegativeErrnoValues()
    {
        assertEquals(-28, MinorAllocator.NO_SPACE);
        assertEquals(-16, MinorAllocator.IN_USE);
        assertEquals(-22, MinorAllocator.OUT_OF_RANGE);
        assertEquals(-2, MinorAllocator.NOT_IN_USE);
        assertEquals(1_048_576, MAX);
    }

    @Test
    void startsEmpty()
    {
        final MinorAllocator allocator = new MinorAllocator();

        assertEquals(0, allocator.inUse());
        assertEquals(-1, allocator.highestInUse());
        assertEquals(MAX, allocator.capacity());
        assertEquals(64, allocator.memoryBits());
        assertFalse(allocator.isInUse(0));
    }

    @Test
    void exhaustsAtExactlyTwoToTheTwentyThenReturnsNoSpace()
    {
        final MinorAllocator allocator = new MinorAllocator();

        for (int expected = 0; expected < MAX; expected++)
        {
            final int minor = allocator.allocate();
            if (minor != expected)
            {
                assertEquals(expected, minor, "allocation " + expected);
            }
        }

        assertEquals(MAX, allocator.inUse());
        assertEquals(MAX - 1, allocator.highestInUse());
        assertEquals(MinorAllocator.NO_SPACE, allocator.allocate());
        assertEquals(MinorAllocator.NO_SPACE, allocator.allocate());
        assertEquals(MAX, allocator.inUse());

        assertEquals(0, allocator.free(MAX - 1));
        assertEquals(MAX - 2, allocator.highestInUse());
        assertEquals(MAX - 1, allocator.allocate());
        assertEquals(MinorAllocator.NO_SPACE, allocator.allocate());
    }

    @Test
    void smallCapacityIsExhaustedAtItsCapacity()
    {
        final MinorAllocator allocator = new MinorAllocator(100);

        for (int expected = 0; expected < 100; expected++)
        {
            assertEquals(expected, allocator.allocate());
        }

        assertEquals(MinorAllocator.NO_SPACE, allocator.allocate());
        assertEquals(MinorAllocator.OUT_OF_RANGE, allocator.allocate(100));
        assertEquals(MinorAllocator.OUT_OF_RANGE, allocator.free(100));
    }

    @Test
    void handsOutTheLowestFreeMinorsAfterRandomFrees()
    {
        final MinorAllocator allocator = new MinorAllocator();
        final int count = 300_000;
        for (int i = 0; i < count; i++)
        {
            allocator.allocate();
        }

        final Random random = new Random(42);
        final List<Integer> freed = new ArrayList<>();
        while (freed.size() < 500)
        {
            final int minor = random.nextInt(count);
            if (allocator.isInUse(minor))
            {
                assertEquals(0, allocator.free(minor));
                freed.add(minor);
            }
        }
        Collections.sort(freed);

        for (final int expected : freed)
        {
            assertEquals(expected, allocator.allocate());
        }
        assertEquals(count, allocator.allocate());
        assertEquals(count + 1, allocator.inUse());
    }

    @Test
    void allocatesASpecificFreeMinor()
    {
        final MinorAllocator allocator = new MinorAllocator();
        allocator.allocate();
        allocator.allocate();

        assertEquals(5, allocator.allocate(5));

        assertTrue(allocator.isInUse(5));
        assertEquals(5, allocator.highestInUse());
        assertEquals(3, allocator.inUse());
        assertEquals(2, allocator.allocate());
        assertEquals(3, allocator.allocate());
        assertEquals(4, allocator.allocate());
        assertEquals(6, allocator.allocate());
    }

    @Test
    void refusesASpecificMinorThatIsTaken()
    {
        final MinorAllocator allocator = new MinorAllocator();
        assertEquals(7, allocator.allocate(7));

        assertEquals(MinorAllocator.IN_USE, allocator.allocate(7));
        assertEquals(1, allocator.inUse());
    }

    @Test
    void refusesASpecificMinorOutOfRange()
    {
        final MinorAllocator allocator = new MinorAllocator();

        assertEquals(MinorAllocator.OUT_OF_RANGE, allocator.allocate(-1));
        assertEquals(MinorAllocator.OUT_OF_RANGE, allocator.allocate(MAX));
        assertEquals(MinorAllocator.OUT_OF_RANGE, allocator.allocate(Integer.MIN_VALUE));
        assertEquals(MinorAllocator.OUT_OF_RANGE, allocator.allocate(Integer.MAX_VALUE));
        assertEquals(0, allocator.inUse());
        assertEquals(64, allocator.memoryBits());
    }

    @Test
    void growsWhenASpecificMinorIsAboveTheHighest()
    {
        final MinorAllocator allocator = new MinorAllocator();
        assertEquals(0, allocator.allocate());
        assertEquals(1, allocator.leafWords());

        assertEquals(MAX - 1, allocator.allocate(MAX - 1));

        assertEquals(MAX - 1, allocator.highestInUse());
        assertEquals(MAX / 64, allocator.leafWords());
        assertEquals(1, allocator.allocate());
        assertEquals(3, allocator.inUse());

        assertEquals(0, allocator.free(MAX - 1));
        assertEquals(1, allocator.highestInUse());
        assertEquals(1, allocator.leafWords());
        assertEquals(64, allocator.memoryBits());
    }

    @Test
    void freeReportsMinorsThatAreNotInUse()
    {
        final MinorAllocator allocator = new MinorAllocator();
        allocator.allocate();

        assertEquals(MinorAllocator.NOT_IN_USE, allocator.free(1));
        assertEquals(MinorAllocator.NOT_IN_USE, allocator.free(500_000));
        assertEquals(MinorAllocator.OUT_OF_RANGE, allocator.free(-1));
        assertEquals(MinorAllocator.OUT_OF_RANGE, allocator.free(MAX));
        assertEquals(0, allocator.free(0));
        assertEquals(MinorAllocator.NOT_IN_USE, allocator.free(0));
        assertEquals(0, allocator.inUse());
        assertEquals(-1, allocator.highestInUse());
    }

    @Test
    void highestInUseFollowsFreesDownTheTree()
    {
        final MinorAllocator allocator = new MinorAllocator();
        allocator.allocate(3);
        allocator.allocate(4_095);
        allocator.allocate(262_143);
        allocator.allocate(700_000);

        allocator.free(700_000);
        assertEquals(262_143, allocator.highestInUse());
        allocator.free(262_143);
        assertEquals(4_095, allocator.highestInUse());
        allocator.free(4_095);
        assertEquals(3, allocator.highestInUse());
        allocator.free(3);
        assertEquals(-1, allocator.highestInUse());
    }

    @Test
    void usesAboutOneBitPerMinorAtFullOccupancy()
    {
        final MinorAllocator allocator = new MinorAllocator();
        for (int i = 0; i < MAX; i++)
        {
            allocator.allocate();
        }

        final double bitsPerMinor = (double)allocator.memoryBits() / MAX;
        final double heapBitsPerMinor = allocator.memoryBytes() * 8.0 / MAX;

        assertTrue(bitsPerMinor <= 1.05, "bits per minor: bits=" + bitsPerMinor);
        assertTrue(heapBitsPerMinor <= 1.05, "heap bits per minor: bits=" + heapBitsPerMinor);
        assertTrue(bitsPerMinor >= 1.0, "bits per minor: bits=" + bitsPerMinor);
        assertEquals((16_384 + 2 * (256 + 4 + 1)) * 64L, allocator.memoryBits());
    }

    @Test
    void usesLittleMemoryAtLowOccupancy()
    {
        final MinorAllocator allocator = new MinorAllocator();
        for (int i = 0; i < 10; i++)
        {
            allocator.allocate();
        }

        assertEquals(64, allocator.memoryBits());
        assertTrue(allocator.memoryBytes() < 128, "memory bytes: bytes=" + allocator.memoryBytes());
    }

    @Test
    void memoryFollowsTheHighestMinorInUseDownAgain()
    {
        final MinorAllocator allocator = new MinorAllocator();
        for (int i = 0; i < 100_000; i++)
        {
            allocator.allocate();
        }
        assertTrue(allocator.memoryBytes() > 100_000 / 8);

        for (int i = 99_999; i >= 10; i--)
        {
            allocator.free(i);
        }

        assertEquals(9, allocator.highestInUse());
        assertEquals(2, allocator.leafWords());
        assertEquals((2 + 1 + 1) * 64, allocator.memoryBits());
        assertTrue(allocator.memoryBytes() < 1024, "memory bytes: bytes=" + allocator.memoryBytes());

        for (int i = 9; i >= 0; i--)
        {
            allocator.free(i);
        }
        assertEquals(1, allocator.leafWords());
        assertEquals(64, allocator.memoryBits());
    }

    @Test
    void allocateAndFreeAllocateNothingInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final MinorAllocator allocator = new MinorAllocator();
        for (int i = 0; i < 900_000; i++)
        {
            allocator.allocate();
        }
        allocator.free(123_456);
        allocator.free(700_001);
        final long threadId = Thread.currentThread().getId();
        long sink = steadyState(allocator, 20_000);

        final long before = threads.getThreadAllocatedBytes(threadId);
        sink += steadyState(allocator, 100_000);
        final long after = threads.getThreadAllocatedBytes(threadId);

        assertEquals(0, after - before, "allocated bytes: sink=" + sink);
    }

    @Test
    void rejectsACapacityOutOfRange()
    {
        final IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new MinorAllocator(0));
        final IllegalArgumentException big =
            assertThrows(IllegalArgumentException.class, () -> new MinorAllocator(MAX + 1));

        assertEquals("minor capacity out of range: capacity=0", zero.getMessage());
        assertEquals("minor capacity out of range: capacity=1048577", big.getMessage());
    }

    @Test
    void treeGeometryMatchesTheDiagram()
    {
        assertEquals(0, MinorTreeGeometry.summaryLevels(1));
        assertEquals(1, MinorTreeGeometry.summaryLevels(2));
        assertEquals(1, MinorTreeGeometry.summaryLevels(64));
        assertEquals(2, MinorTreeGeometry.summaryLevels(65));
        assertEquals(2, MinorTreeGeometry.summaryLevels(4_096));
        assertEquals(3, MinorTreeGeometry.summaryLevels(4_097));
        assertEquals(3, MinorTreeGeometry.summaryLevels(16_384));
        assertEquals(16_384, MinorTreeGeometry.wordsFor(MAX));
        assertEquals(2, MinorTreeGeometry.wordsFor(65));
        assertEquals(1, MinorTreeGeometry.nextPowerOfTwo(1));
        assertEquals(8, MinorTreeGeometry.nextPowerOfTwo(5));
        assertEquals(8, MinorTreeGeometry.nextPowerOfTwo(8));
        assertEquals(32, MinorTreeGeometry.referenceArrayBytes(3));
    }

    private static long steadyState(final MinorAllocator allocator, final int operations)
    {
        long sum = 0;
        for (int i = 0; i < operations; i++)
        {
            final int minor = allocator.allocate();
            sum += minor + allocator.free(minor);
        }
        return sum;
    }
}

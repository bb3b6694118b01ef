package dev.shadowdev.mhi;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DmaAllocatorTest
{
    private final SharedRegion region = new SharedRegion(64 * 1024);
    private final DmaAllocator allocator = new DmaAllocator(region);

    @Test
    void allocatesGranulesFirstFit()
    {
        assertEquals(0x1_0000_0000L, allocator.alloc(1, 1));
        assertEquals(0x1_0000_0040L, allocator.alloc(64, 8));
        assertEquals(0x1_0000_0080L, allocator.alloc(65, 64));
        assertEquals(4 * 64, allocator.allocatedBytes());
        assertEquals(64 * 1024 - 4 * 64, allocator.freeBytes());
    }

    @Test
    void honoursAlignment()
    {
        assertEquals(0x1_0000_0000L, allocator.alloc(64, 64));
        assertEquals(0x1_0000_1000L, allocator.alloc(100, 4096));
        assertEquals(0x1_0000_0040L, allocator.alloc(64, 64));
        assertEquals(0x1_0000_2000L, allocator.alloc(1, 8192));
    }

    @Test
    void fullRegionReturnsTheSentinelAndFreeMakesRoom()
    {
        final long whole = allocator.alloc(64 * 1024, 64);
        assertEquals(0x1_0000_0000L, whole);
        assertEquals(DmaAllocator.NO_SPACE, allocator.alloc(1, 1));
        assertEquals(-28L, DmaAllocator.NO_SPACE);
        assertEquals(0, allocator.free(whole));
        assertEquals(0x1_0000_0000L, allocator.alloc(1024, 64));
    }

    @Test
    void freedRangesAreReusedAndNeighboursKept()
    {
        final long a = allocator.alloc(128, 64);
        final long b = allocator.alloc(128, 64);
        final long c = allocator.alloc(128, 64);
        assertEquals(0, allocator.free(b));
        assertEquals(b, allocator.alloc(100, 64));
        assertEquals(0, allocator.free(a));
        assertEquals(0, allocator.free(c));
        assertEquals(2 * 64, allocator.allocatedBytes());
    }

    @Test
    void badArgumentsAndBadFreesAreEinval()
    {
        assertEquals(-22L, allocator.alloc(0, 64));
        assertEquals(-22L, allocator.alloc(-5, 64));
        assertEquals(-22L, allocator.alloc(64, 48));
        assertEquals(-22L, allocator.alloc(64, 0));
        assertEquals(-22L, allocator.alloc(64 * 1024 + 1, 64));
        final long a = allocator.alloc(256, 64);
        assertEquals(-22, allocator.free(a + 64));
        assertEquals(-22, allocator.free(0));
        assertEquals(-22, allocator.free(a + 1));
        assertEquals(0, allocator.free(a));
        assertEquals(-22, allocator.free(a));
        assertEquals(0, allocator.allocatedBytes());
    }

    @Test
    void concurrentAllocAndFreeNeverOverlap() throws Exception
    {
        final SharedRegion big = new SharedRegion(1 << 20);
        final DmaAllocator shared = new DmaAllocator(big);
        final List<Thread> threads = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < 2; t++)
        {
            final byte mark = (byte)(t + 1);
            threads.add(new Thread(() ->
            {
                try
                {
                    for (int i = 0; i < 2000; i++)
                    {
                        final long address = shared.alloc(64 + (i % 7) * 64, 64);
                        assertTrue(address > 0);
                        final int offset = big.offset(address, 64);
                        big.buffer().put(offset, mark);
                        Thread.onSpinWait();
                        assertEquals(mark, big.buffer().get(offset));
                        assertEquals(0, shared.free(address));
                    }
                }
                catch (final Throwable ex)
                {
                    synchronized (failures)
                    {
                        failures.add(ex);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(0, shared.allocatedBytes());
    }

    @Property(tries = 50)
    void allocationsStayInsideTheRegionAndNeverOverlap(
        @ForAll @Size(max = 60) final List<@IntRange(min = 1, max = 3000) Integer> sizes,
        @ForAll @IntRange(min = 0, max = 6) final int alignShift)
    {
        final DmaAllocator fresh = new DmaAllocator(region);
        final TreeMap<Long, Long> live = new TreeMap<>();
        int step = 0;
        for (final int size : sizes)
        {
            final int align = 1 << (alignShift + 4);
            final long address = fresh.alloc(size, align);
            if (address > 0)
            {
                assertEquals(0, address % align);
                assertTrue(region.contains(address, size));
                final Long below = live.floorKey(address);
                assertTrue(below == null || live.get(below) <= address);
                final Long above = live.ceilingKey(address);
                assertTrue(above == null || above >= address + size);
                live.put(address, address + size);
            }
            else
            {
                assertEquals(DmaAllocator.NO_SPACE, address);
            }
            if (++step % 3 == 0 && !live.isEmpty())
            {
                final long victim = live.firstKey();
                live.remove(victim);
                assertEquals(0, fresh.free(victim));
            }
        }
    }
}

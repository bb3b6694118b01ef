package dev.shadowdev.mhi;

import dev.shadowdev.abi.Errno;

/**
 * Thread-safe allocator of host-side DMA memory inside a {@link SharedRegion}: context arrays, rings, image
 * buffers, DMA bridge queues. Memory is handed out in 64-byte granules, lowest address first (the search starts
 * at the lowest free granule), tracked by two bitmaps (granule used, granule starts an allocation), so neither call allocates and memory overhead is two
 * bits per granule. Allocated memory is not cleared.
 * <p>
 * {@link #alloc(int, int)} returns a bus address (always positive) or a negative errno: {@link #NO_SPACE} when no
 * free range fits, -EINVAL for a bad size or alignment.
 */
public final class DmaAllocator
{
    /** Allocation unit in bytes; also the smallest alignment. */
    public static final int GRANULE = 64;
    /** Largest alignment {@link #alloc(int, int)} accepts. */
    public static final int MAX_ALIGN = 1 << 20;
    /** Returned by {@link #alloc(int, int)} when the region has no free range that fits. */
    public static final long NO_SPACE = Errno.ENOSPC.status();

    private static final int GRANULE_SHIFT = 6;

    private final SharedRegion region;
    private final int granules;
    private final long[] used;
    private final long[] starts;
    /** Every granule below this one is in use. */
    private int hint;
    private int usedGranules;

    /**
     * @param region the region whose whole address range this allocator manages.
     */
    public DmaAllocator(final SharedRegion region)
    {
        this.region = region;
        this.granules = region.size() >>> GRANULE_SHIFT;
        this.used = new long[(granules + 63) >>> 6];
        this.starts = new long[used.length];
    }

    /** @return the managed region. */
    public SharedRegion region()
    {
        return region;
    }

    /**
     * @param size  bytes, at least 1.
     * @param align a power of two up to {@link #MAX_ALIGN}; values below {@link #GRANULE} act as {@link #GRANULE}.
     * @return the bus address of the allocation, {@link #NO_SPACE}, or -EINVAL.
     */
    public synchronized long alloc(final int size, final int align)
    {
        if (size <= 0 || size > region.size() || align <= 0 || align > MAX_ALIGN || Integer.bitCount(align) != 1)
        {
            return Errno.EINVAL.status();
        }
        final int count = (int)(((long)size + GRANULE - 1) >>> GRANULE_SHIFT);
        final int step = Math.max(1, align >>> GRANULE_SHIFT);
        final int start = find(hint, granules, count, step);
        if (start < 0)
        {
            return NO_SPACE;
        }
        setRange(used, start, count);
        setBit(starts, start);
        usedGranules += count;
        hint = nextClearBit(hint);
        return region.address(start << GRANULE_SHIFT);
    }

    /**
     * @param address an address returned by {@link #alloc(int, int)} and not yet freed.
     * @return 0, or -EINVAL when {@code address} does not start a live allocation (nothing changes).
     */
    public synchronized int free(final long address)
    {
        final int offset = region.offset(address, 1);
        if (offset == SharedRegion.OUT_OF_BOUNDS || (offset & (GRANULE - 1)) != 0)
        {
            return Errno.EINVAL.status();
        }
        final int start = offset >>> GRANULE_SHIFT;
        if (!testBit(starts, start))
        {
            return Errno.EINVAL.status();
        }
        clearBit(starts, start);
        int g = start;
        do
        {
            clearBit(used, g);
            usedGranules--;
            g++;
        }
        while (g < granules && testBit(used, g) && !testBit(starts, g));
        if (start < hint)
        {
            hint = start;
        }
        return 0;
    }

    /** @return bytes currently allocated (whole granules). */
    public synchronized long allocatedBytes()
    {
        return (long)usedGranules << GRANULE_SHIFT;
    }

    /** @return bytes currently free (whole granules). */
    public synchronized long freeBytes()
    {
        return (long)(granules - usedGranules) << GRANULE_SHIFT;
    }

    private int find(final int from, final int limit, final int count, final int step)
    {
        int g = alignUp(from, step);
        while (g + count <= limit && g + count <= granules)
        {
            final int busy = nextSetBit(g, g + count);
            if (busy < 0)
            {
                return g;
            }
            g = alignUp(nextClearBit(busy + 1), step);
        }
        return -1;
    }

    private int alignUp(final int granule, final int step)
    {
        final long baseGranules = region.base() >>> GRANULE_SHIFT;
        final long absolute = baseGranules + granule;
        final long aligned = (absolute + step - 1) / step * step;
        return (int)Math.min(Integer.MAX_VALUE, aligned - baseGranules);
    }

    private int nextSetBit(final int from, final int to)
    {
        int word = from >>> 6;
        long bits = used[word] & (-1L << from);
        while (true)
        {
            if (bits != 0)
            {
                final int bit = (word << 6) + Long.numberOfTrailingZeros(bits);
                return bit < to ? bit : -1;
            }
            word++;
            if ((word << 6) >= to || word >= used.length)
            {
                return -1;
            }
            bits = used[word];
        }
    }

    private int nextClearBit(final int from)
    {
        if (from >= granules)
        {
            return granules;
        }
        int word = from >>> 6;
        long bits = ~used[word] & (-1L << from);
        while (bits == 0)
        {
            word++;
            if (word >= used.length)
            {
                return granules;
            }
            bits = ~used[word];
        }
        return Math.min(granules, (word << 6) + Long.numberOfTrailingZeros(bits));
    }

    private static void setRange(final long[] bits, final int from, final int count)
    {
        for (int g = from, end = from + count; g < end; g++)
        {
            setBit(bits, g);
        }
    }

    private static void setBit(final long[] bits, final int bit)
    {
        bits[bit >>> 6] |= 1L << bit;
    }

    private static void clearBit(final long[] bits, final int bit)
    {
        bits[bit >>> 6] &= ~(1L << bit);
    }

    private static boolean testBit(final long[] bits, final int bit)
    {
        return (bits[bit >>> 6] & (1L << bit)) != 0;
    }
}

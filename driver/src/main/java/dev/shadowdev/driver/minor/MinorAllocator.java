package dev.shadowdev.driver.minor;

import dev.shadowdev.abi.Errno;

/**
 * Compact allocator for the minor numbers of every device node, base devices included: minors live in
 * {@code [0, capacity)} with {@code capacity <= 2^20} (Linux {@code MINORBITS}), the lowest free minor is handed out
 * first, and a saved layout can be restored minor by minor with {@link #allocate(int)}.
 * <p>
 * <b>Layout.</b> A 64-ary bitmap tree. The leaves are one bit per minor (set = in use), 64 minors per {@code long}.
 * Above them sit {@link MinorTreeGeometry#summaryLevels(int) summary levels}, each with one bit per word of the level
 * below, kept twice:
 * <pre>
 *   full[k]  bit i set = word i of the level below is all ones (every minor under it is in use)
 *   any[k]   bit i set = word i of the level below is not zero (some minor under it is in use)
 *
 *   level 3        [1 word]                         top: a single word
 *   level 2        [4 words]           full + any   one bit per level-1 word
 *   level 1        [256 words]         full + any   one bit per leaf word
 *   leaves         [16384 words]                    one bit per minor, 2^20 minors
 * </pre>
 * {@code full} finds the lowest free minor by descending along the lowest clear bit; {@code any} finds the highest
 * minor in use by descending along the highest set bit, which keeps {@link #highestInUse()} exact after frees and
 * lets the arrays shrink. Both cost one bit per 64 words below, so the tree needs
 * {@code 1 + 2 * (1/64 + 1/64^2 + ...)} ~ 1.032 bits per minor at full occupancy. Every operation touches one word
 * per level: O(log64 n).
 * <p>
 * <b>Growth.</b> The arrays cover the highest minor in use and no more than about four times it: they grow
 * geometrically (powers of two words) when an allocation goes past their end and shrink when a free leaves the
 * highest minor in use below a quarter of them. Resizing is the only time {@link #allocate()},
 * {@link #allocate(int)} and {@link #free(int)} allocate; the hysteresis makes it amortised O(1). Ten minors in use
 * cost one leaf word.
 * <p>
 * <b>Errors.</b> Nothing here throws after construction; operations return a minor (&gt;= 0), 0, or one of the
 * negative sentinels {@link #NO_SPACE}, {@link #IN_USE}, {@link #OUT_OF_RANGE}, {@link #NOT_IN_USE}, which are the
 * wire statuses of {@link Errno}.
 * <p>
 * <b>Threads.</b> Every method takes one private monitor. An operation is a handful of word updates (tens of
 * nanoseconds) and minors are handed out when nodes are created, a control-plane event, so contention is negligible;
 * a lock keeps the leaf and both summaries consistent in one step, which a lock-free design could only do with far
 * more machinery.
 */
public final class MinorAllocator
{
    /** Bits of a minor number, as Linux {@code MINORBITS}. */
    public static final int MINOR_BITS = 20;

    /** Number of minors a device major can carry: {@code 2^20}. */
    public static final int MAX_MINORS = 1 << MINOR_BITS;

    /** {@link #allocate()}: every minor below the capacity is in use ({@code -ENOSPC}). */
    public static final int NO_SPACE = Errno.ENOSPC.status();

    /** {@link #allocate(int)}: the minor is already in use ({@code -EBUSY}). */
    public static final int IN_USE = Errno.EBUSY.status();

    /** {@link #allocate(int)}, {@link #free(int)}: the minor is outside {@code [0, capacity)} ({@code -EINVAL}). */
    public static final int OUT_OF_RANGE = Errno.EINVAL.status();

    /** {@link #free(int)}: the minor is not in use ({@code -ENOENT}). */
    public static final int NOT_IN_USE = Errno.ENOENT.status();

    private static final long ALL_IN_USE = -1L;

    private final Object lock = new Object();
    private final int capacity;
    private final int maxLeafWords;
    private final long[][] full;
    private final long[][] any;
    private long[] leaves = new long[1];
    private int summaryLevels;
    private int inUse;
    private int highest = -1;

    /**
     * An allocator over the whole minor space {@code [0, 2^20)}.
     */
    public MinorAllocator()
    {
        this(MAX_MINORS);
    }

    /**
     * @param capacity number of minors, {@code [0, capacity)}; {@code 1 <= capacity <= 2^20}.
     * @throws IllegalArgumentException when the capacity is out of range.
     */
    public MinorAllocator(final int capacity)
    {
        if (capacity < 1 || capacity > MAX_MINORS)
        {
            throw new IllegalArgumentException("minor capacity out of range: capacity=" + capacity);
        }
        this.capacity = capacity;
        this.maxLeafWords = MinorTreeGeometry.wordsFor(capacity);
        final int maxLevels = MinorTreeGeometry.summaryLevels(maxLeafWords);
        this.full = new long[maxLevels][];
        this.any = new long[maxLevels][];
    }

    /**
     * Take the lowest free minor.
     *
     * @return the minor, or {@link #NO_SPACE} when every minor is in use.
     */
    public int allocate()
    {
        synchronized (lock)
        {
            final int minor = lowestFree();
            if (minor >= capacity)
            {
                return NO_SPACE;
            }
            if (minor >= leaves.length << MinorTreeGeometry.WORD_SHIFT)
            {
                grow(minor);
            }
            markInUse(minor);
            return minor;
        }
    }

    /**
     * Take one given minor, e.g. to restore a saved layout.
     *
     * @param minor the minor wanted.
     * @return {@code minor}, {@link #IN_USE} when it is taken, or {@link #OUT_OF_RANGE}.
     */
    public int allocate(final int minor)
    {
        if (minor < 0 || minor >= capacity)
        {
            return OUT_OF_RANGE;
        }
        synchronized (lock)
        {
            if (minor >= leaves.length << MinorTreeGeometry.WORD_SHIFT)
            {
                grow(minor);
            }
            else if ((leaves[minor >>> MinorTreeGeometry.WORD_SHIFT] & (1L << minor)) != 0)
            {
                return IN_USE;
            }
            markInUse(minor);
            return minor;
        }
    }

    /**
     * Give a minor back.
     *
     * @param minor a minor in use.
     * @return 0, {@link #NOT_IN_USE} when it was free, or {@link #OUT_OF_RANGE}.
     */
    public int free(final int minor)
    {
        if (minor < 0 || minor >= capacity)
        {
            return OUT_OF_RANGE;
        }
        synchronized (lock)
        {
            final int word = minor >>> MinorTreeGeometry.WORD_SHIFT;
            if (word >= leaves.length || (leaves[word] & (1L << minor)) == 0)
            {
                return NOT_IN_USE;
            }
            markFree(minor);
            if (minor == highest)
            {
                highest = inUse == 0 ? -1 : highestSet();
                shrinkIfSparse();
            }
            return 0;
        }
    }

    /**
     * @param minor any int.
     * @return true when the minor is in use.
     */
    public boolean isInUse(final int minor)
    {
        if (minor < 0 || minor >= capacity)
        {
            return false;
        }
        synchronized (lock)
        {
            final int word = minor >>> MinorTreeGeometry.WORD_SHIFT;
            return word < leaves.length && (leaves[word] & (1L << minor)) != 0;
        }
    }

    /**
     * @return the highest minor in use, or -1 when none is.
     */
    public int highestInUse()
    {
        synchronized (lock)
        {
            return highest;
        }
    }

    /**
     * @return how many minors are in use.
     */
    public int inUse()
    {
        synchronized (lock)
        {
            return inUse;
        }
    }

    /**
     * @return the number of minors this allocator hands out, {@code [0, capacity)}.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return bits held by the backing word arrays right now (leaves and both summaries), 64 per word.
     */
    public long memoryBits()
    {
        synchronized (lock)
        {
            return (long)backingWords() * Long.SIZE;
        }
    }

    /**
     * @return bytes of the backing arrays right now: their words plus a {@link MinorTreeGeometry#ARRAY_HEADER_BYTES}
     * header for each array, as HotSpot lays arrays out, and the two fixed arrays of summary references.
     */
    public long memoryBytes()
    {
        synchronized (lock)
        {
            final int arrays = 1 + 2 * summaryLevels;
            final long wordBytes = (long)backingWords() * Long.BYTES;
            return wordBytes + (long)arrays * MinorTreeGeometry.ARRAY_HEADER_BYTES +
                2L * MinorTreeGeometry.referenceArrayBytes(full.length);
        }
    }

    /**
     * @return the length of the leaf array right now, in 64-minor words (tests check the growth bound with it).
     */
    int leafWords()
    {
        synchronized (lock)
        {
            return leaves.length;
        }
    }

    private int backingWords()
    {
        int words = leaves.length;
        for (int level = 0; level < summaryLevels; level++)
        {
            words += full[level].length + any[level].length;
        }
        return words;
    }

    /**
     * Descend along the lowest word that is not full. When every word that exists is full the answer is the first
     * minor past the leaves, which the caller grows into or reports as no space.
     */
    private int lowestFree()
    {
        int index = 0;
        for (int level = summaryLevels - 1; level >= 0; level--)
        {
            final int child = (index << MinorTreeGeometry.WORD_SHIFT) + Long.numberOfTrailingZeros(~full[level][index]);
            if (child >= wordsBelow(level))
            {
                return leaves.length << MinorTreeGeometry.WORD_SHIFT;
            }
            index = child;
        }
        return (index << MinorTreeGeometry.WORD_SHIFT) + Long.numberOfTrailingZeros(~leaves[index]);
    }

    /**
     * Descend along the highest word that is not empty; only called while some minor is in use.
     */
    private int highestSet()
    {
        int index = 0;
        for (int level = summaryLevels - 1; level >= 0; level--)
        {
            index = (index << MinorTreeGeometry.WORD_SHIFT) + MinorTreeGeometry.highestBit(any[level][index]);
        }
        return (index << MinorTreeGeometry.WORD_SHIFT) + MinorTreeGeometry.highestBit(leaves[index]);
    }

    private int wordsBelow(final int summaryLevel)
    {
        return summaryLevel == 0 ? leaves.length : full[summaryLevel - 1].length;
    }

    private void markInUse(final int minor)
    {
        int index = minor >>> MinorTreeGeometry.WORD_SHIFT;
        final long before = leaves[index];
        final long after = before | (1L << minor);
        leaves[index] = after;
        inUse++;
        if (minor > highest)
        {
            highest = minor;
        }

        boolean becameFull = after == ALL_IN_USE;
        boolean becameAny = before == 0L;
        for (int level = 0; level < summaryLevels && (becameFull || becameAny); level++)
        {
            final long bit = 1L << index;
            index >>>= MinorTreeGeometry.WORD_SHIFT;
            if (becameFull)
            {
                final long word = full[level][index] | bit;
                full[level][index] = word;
                becameFull = word == ALL_IN_USE;
            }
            if (becameAny)
            {
                final long word = any[level][index];
                any[level][index] = word | bit;
                becameAny = word == 0L;
            }
        }
    }

    private void markFree(final int minor)
    {
        int index = minor >>> MinorTreeGeometry.WORD_SHIFT;
        final long before = leaves[index];
        final long after = before & ~(1L << minor);
        leaves[index] = after;
        inUse--;

        boolean wasFull = before == ALL_IN_USE;
        boolean becameEmpty = after == 0L;
        for (int level = 0; level < summaryLevels && (wasFull || becameEmpty); level++)
        {
            final long bit = 1L << index;
            index >>>= MinorTreeGeometry.WORD_SHIFT;
            if (wasFull)
            {
                final long word = full[level][index];
                full[level][index] = word & ~bit;
                wasFull = word == ALL_IN_USE;
            }
            if (becameEmpty)
            {
                final long word = any[level][index] & ~bit;
                any[level][index] = word;
                becameEmpty = word == 0L;
            }
        }
    }

    private void grow(final int minor)
    {
        final int needed = (minor >>> MinorTreeGeometry.WORD_SHIFT) + 1;
        final int doubled = Math.max(leaves.length << 1, MinorTreeGeometry.nextPowerOfTwo(needed));
        resize(Math.min(maxLeafWords, doubled));
    }

    private void shrinkIfSparse()
    {
        final int needed = highest < 0 ? 0 : (highest >>> MinorTreeGeometry.WORD_SHIFT) + 1;
        if (leaves.length > 1 && needed <= leaves.length >>> 2)
        {
            resize(MinorTreeGeometry.nextPowerOfTwo(Math.max(1, needed)));
        }
    }

    /**
     * Replace the leaves by {@code newWords} words (every minor in use fits) and rebuild both summaries from them.
     */
    private void resize(final int newWords)
    {
        final long[] newLeaves = new long[newWords];
        System.arraycopy(leaves, 0, newLeaves, 0, Math.min(leaves.length, newWords));
        leaves = newLeaves;
        summaryLevels = MinorTreeGeometry.summaryLevels(newWords);

        long[] fullBelow = newLeaves;
        long[] anyBelow = newLeaves;
        for (int level = 0; level < full.length; level++)
        {
            if (level >= summaryLevels)
            {
                full[level] = null;
                any[level] = null;
                continue;
            }
            final int words = MinorTreeGeometry.wordsFor(fullBelow.length);
            final long[] fullWords = new long[words];
            final long[] anyWords = new long[words];
            for (int child = 0; child < fullBelow.length; child++)
            {
                final long bit = 1L << child;
                if (fullBelow[child] == ALL_IN_USE)
                {
                    fullWords[child >>> MinorTreeGeometry.WORD_SHIFT] |= bit;
                }
                if (anyBelow[child] != 0L)
                {
                    anyWords[child >>> MinorTreeGeometry.WORD_SHIFT] |= bit;
                }
            }
            full[level] = fullWords;
            any[level] = anyWords;
            fullBelow = fullWords;
            anyBelow = anyWords;
        }
    }
}

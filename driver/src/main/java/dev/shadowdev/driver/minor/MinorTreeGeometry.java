package dev.shadowdev.driver.minor;

/**
 * Arithmetic of the 64-ary bitmap tree behind {@link MinorAllocator}: how many words cover a number of bits, how
 * many summary levels sit above a leaf array, and what the arrays cost on the heap.
 */
final class MinorTreeGeometry
{
    /** {@code log2(64)}: bits of an index that select the bit inside a {@code long} word. */
    static final int WORD_SHIFT = 6;

    /** Bits in one word, and children of one summary word. */
    static final int WORD_BITS = 1 << WORD_SHIFT;

    /** Header of a Java array on 64-bit HotSpot with compressed class pointers: mark, klass, length, padding. */
    static final int ARRAY_HEADER_BYTES = 16;

    /** Size of a compressed object reference. */
    static final int REFERENCE_BYTES = 4;

    /** Heap objects are aligned to 8 bytes. */
    static final int OBJECT_ALIGNMENT = 8;

    private MinorTreeGeometry()
    {
    }

    /**
     * @param bits a count of bits (minors or words of the level below), &gt;= 0.
     * @return the words needed to hold one bit each: {@code ceil(bits / 64)}.
     */
    static int wordsFor(final int bits)
    {
        return (bits + WORD_BITS - 1) >>> WORD_SHIFT;
    }

    /**
     * @param leafWords length of the leaf array, &gt;= 1.
     * @return the summary levels above it, each 64 times shorter, up to a level of one word: 0 for one leaf word,
     * 1 for up to 64, 2 for up to 4096, 3 for up to 262144.
     */
    static int summaryLevels(final int leafWords)
    {
        int levels = 0;
        for (int words = leafWords; words > 1; words = wordsFor(words))
        {
            levels++;
        }
        return levels;
    }

    /**
     * @param value &gt;= 1.
     * @return the smallest power of two &gt;= value.
     */
    static int nextPowerOfTwo(final int value)
    {
        return 1 << (Integer.SIZE - Integer.numberOfLeadingZeros(value - 1));
    }

    /**
     * @param word a word with at least one bit set.
     * @return the index of its highest set bit.
     */
    static int highestBit(final long word)
    {
        return Long.SIZE - 1 - Long.numberOfLeadingZeros(word);
    }

    /**
     * @param length number of references.
     * @return heap bytes of an array of that many references, header and alignment included.
     */
    static long referenceArrayBytes(final int length)
    {
        final long raw = ARRAY_HEADER_BYTES + (long)length * REFERENCE_BYTES;
        return (raw + OBJECT_ALIGNMENT - 1) & -OBJECT_ALIGNMENT;
    }
}

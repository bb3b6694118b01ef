package dev.shadowdev.driver.minor;

import java.util.List;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The allocator against a {@link TreeSet} model: the same random operations, the same answers, after every step.
 */
class MinorAllocatorPropertyTest
{
    private static final int ALLOCATE_LOWEST = 0;
    private static final int ALLOCATE_SPECIFIC = 1;
    private static final int FREE = 2;

    record Op(int kind, int minor)
    {
    }

    @Property(tries = 300)
    void behavesLikeASortedSetOfMinors(
        @ForAll("capacities") final int capacity,
        @ForAll("operations") final List<Op> operations)
    {
        final MinorAllocator allocator = new MinorAllocator(capacity);
        final TreeSet<Integer> model = new TreeSet<>();

        for (final Op op : operations)
        {
            switch (op.kind())
            {
                case ALLOCATE_LOWEST -> assertEquals(expectLowest(model, capacity), allocator.allocate(), "allocate");
                case ALLOCATE_SPECIFIC -> assertEquals(
                    expectSpecific(model, capacity, op.minor()), allocator.allocate(op.minor()), "allocate " + op);
                default -> assertEquals(expectFree(model, capacity, op.minor()), allocator.free(op.minor()), "free " + op);
            }

            assertEquals(model.size(), allocator.inUse(), "in use");
            assertEquals(model.isEmpty() ? -1 : model.last(), allocator.highestInUse(), "highest");
            final int neededWords = model.isEmpty() ? 1 : (model.last() >>> 6) + 1;
            final int leafWords = allocator.leafWords();
            assertTrue(leafWords >= neededWords, "leaf words too few: leafWords=" + leafWords);
            assertTrue(leafWords == 1 || leafWords < 4 * neededWords, "leaf words too many: leafWords=" + leafWords);
        }

        for (final int minor : model)
        {
            assertTrue(allocator.isInUse(minor), "in use: minor=" + minor);
        }
    }

    @Property(tries = 40)
    void behavesLikeASortedSetWhenUpperLevelsFillUp(
        @ForAll("denseCases") final DenseCase dense,
        @ForAll("offsets") final List<Op> operations)
    {
        final MinorAllocator allocator = new MinorAllocator(dense.capacity());
        final SetModel model = new SetModel(dense.capacity());
        for (int i = 0; i < dense.prefill(); i++)
        {
            assertEquals(model.allocate(), allocator.allocate(), "prefill");
        }

        for (final Op op : operations)
        {
            final int minor = dense.prefill() + op.minor();
            switch (op.kind())
            {
                case ALLOCATE_LOWEST -> assertEquals(model.allocate(), allocator.allocate(), "allocate");
                case ALLOCATE_SPECIFIC -> assertEquals(model.allocate(minor), allocator.allocate(minor), "allocate " + minor);
                default -> assertEquals(model.free(minor), allocator.free(minor), "free " + minor);
            }
            assertEquals(model.size(), allocator.inUse(), "in use");
            assertEquals(model.highest(), allocator.highestInUse(), "highest");
        }
    }

    @Property(tries = 50)
    void restoresAnySavedLayoutAndContinuesLowestFirst(@ForAll("layouts") final List<Integer> layout)
    {
        final MinorAllocator allocator = new MinorAllocator();
        final TreeSet<Integer> model = new TreeSet<>();
        for (final int minor : layout)
        {
            assertEquals(expectSpecific(model, MinorAllocator.MAX_MINORS, minor), allocator.allocate(minor));
        }

        for (int i = 0; i < 100; i++)
        {
            assertEquals(expectLowest(model, MinorAllocator.MAX_MINORS), allocator.allocate());
        }
    }

    @Provide
    Arbitrary<Integer> capacities()
    {
        return Arbitraries.of(1, 63, 64, 65, 100, 4_096, 4_160, 300_000, MinorAllocator.MAX_MINORS);
    }

    @Provide
    Arbitrary<List<Op>> operations()
    {
        final Arbitrary<Integer> minors = Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0, 200)),
            Tuple.of(2, Arbitraries.integers().between(0, 5_000)),
            Tuple.of(2, Arbitraries.integers().between(0, MinorAllocator.MAX_MINORS - 1)),
            Tuple.of(1, Arbitraries.of(-1, MinorAllocator.MAX_MINORS, Integer.MAX_VALUE)));
        final Arbitrary<Op> op = Combinators.combine(Arbitraries.frequency(
            Tuple.of(5, ALLOCATE_LOWEST),
            Tuple.of(2, ALLOCATE_SPECIFIC),
            Tuple.of(4, FREE)), minors).as(Op::new);
        return op.list().ofMaxSize(400);
    }

    record DenseCase(int capacity, int prefill)
    {
    }

    @Provide
    Arbitrary<DenseCase> denseCases()
    {
        return Arbitraries.of(
            new DenseCase(MinorAllocator.MAX_MINORS, 4_000),
            new DenseCase(MinorAllocator.MAX_MINORS, 4_096),
            new DenseCase(MinorAllocator.MAX_MINORS, 8_190),
            new DenseCase(8_192, 8_100),
            new DenseCase(MinorAllocator.MAX_MINORS, 262_100),
            new DenseCase(MinorAllocator.MAX_MINORS, 262_144),
            new DenseCase(262_144, 262_050));
    }

    /**
     * Operations on minors at an offset from the prefilled prefix, mostly around its end.
     */
    @Provide
    Arbitrary<List<Op>> offsets()
    {
        final Arbitrary<Integer> offsets = Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(-200, 200)),
            Tuple.of(2, Arbitraries.integers().between(-4_100, 4_100)),
            Tuple.of(1, Arbitraries.integers().between(-262_144, 0)));
        final Arbitrary<Op> op = Combinators.combine(Arbitraries.frequency(
            Tuple.of(5, ALLOCATE_LOWEST),
            Tuple.of(2, ALLOCATE_SPECIFIC),
            Tuple.of(4, FREE)), offsets).as(Op::new);
        return op.list().ofMinSize(50).ofMaxSize(400);
    }

    @Provide
    Arbitrary<List<Integer>> layouts()
    {
        return Arbitraries.integers().between(0, 70_000).list().ofMaxSize(300);
    }

    /**
     * A {@link TreeSet} of the minors in use plus a cursor below which every minor is in use, so the lowest free
     * minor is found without walking a large prefix from zero every time.
     */
    private static final class SetModel
    {
        private final TreeSet<Integer> used = new TreeSet<>();
        private final int capacity;
        private int cursor;

        SetModel(final int capacity)
        {
            this.capacity = capacity;
        }

        int allocate()
        {
            while (used.contains(cursor))
            {
                cursor++;
            }
            if (cursor >= capacity)
            {
                return MinorAllocator.NO_SPACE;
            }
            used.add(cursor);
            return cursor;
        }

        int allocate(final int minor)
        {
            return expectSpecific(used, capacity, minor);
        }

        int free(final int minor)
        {
            final int status = expectFree(used, capacity, minor);
            if (status == 0 && minor < cursor)
            {
                cursor = minor;
            }
            return status;
        }

        int size()
        {
            return used.size();
        }

        int highest()
        {
            return used.isEmpty() ? -1 : used.last();
        }
    }

    private static int expectLowest(final TreeSet<Integer> model, final int capacity)
    {
        int minor = 0;
        while (model.contains(minor))
        {
            minor++;
        }
        if (minor >= capacity)
        {
            return MinorAllocator.NO_SPACE;
        }
        model.add(minor);
        return minor;
    }

    private static int expectSpecific(final TreeSet<Integer> model, final int capacity, final int minor)
    {
        if (minor < 0 || minor >= capacity)
        {
            return MinorAllocator.OUT_OF_RANGE;
        }
        return model.add(minor) ? minor : MinorAllocator.IN_USE;
    }

    private static int expectFree(final TreeSet<Integer> model, final int capacity, final int minor)
    {
        if (minor < 0 || minor >= capacity)
        {
            return MinorAllocator.OUT_OF_RANGE;
        }
        return model.remove(minor) ? 0 : MinorAllocator.NOT_IN_USE;
    }
}

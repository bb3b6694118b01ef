package dev.shadowdev.devfs.resource;

import dev.shadowdev.abi.Resource;

import java.util.Arrays;

/**
 * An immutable vector of the five resource amounts in {@link Resource} order (ABI {@code u64 res[5]}): a
 * partition's reservation, a device's capacity, a pool's free amounts. Compared by content.
 */
public final class Resources
{
    /** All five amounts zero. */
    public static final Resources ZERO = new Resources(new long[Resource.COUNT]);

    private final long[] values;

    private Resources(final long[] values)
    {
        this.values = values;
    }

    /**
     * @param values five non-negative amounts in {@link Resource} order; copied.
     * @return the vector.
     * @throws IllegalArgumentException when there are not five values or one is negative.
     */
    public static Resources of(final long... values)
    {
        if (values.length != Resource.COUNT)
        {
            throw new IllegalArgumentException("bad resource vector: length=" + values.length);
        }
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (values[i] < 0)
            {
                throw new IllegalArgumentException("negative amount: " + Resource.of(i).key() + "=" + values[i]);
            }
        }
        return new Resources(values.clone());
    }

    public long get(final Resource resource)
    {
        return values[resource.ordinal()];
    }

    public long get(final int index)
    {
        return values[index];
    }

    /** @return a copy of the five amounts. */
    public long[] toArray()
    {
        return values.clone();
    }

    /**
     * @return the sum, element by element.
     * @throws ArithmeticException on overflow.
     */
    public Resources plus(final Resources other)
    {
        final long[] sum = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            sum[i] = Math.addExact(values[i], other.values[i]);
        }
        return new Resources(sum);
    }

    /** @return the difference, element by element, floored at zero. */
    public Resources minusFloored(final Resources other)
    {
        final long[] difference = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            difference[i] = Math.max(0, values[i] - other.values[i]);
        }
        return new Resources(difference);
    }

    /**
     * @param limit the amounts that must not be exceeded.
     * @return the first resource of this vector that exceeds {@code limit}, or {@code null} when all fit.
     */
    public Resource firstExceeding(final Resources limit)
    {
        for (int i = 0; i < Resource.COUNT; i++)
        {
            if (values[i] > limit.values[i])
            {
                return Resource.of(i);
            }
        }
        return null;
    }

    @Override
    public boolean equals(final Object o)
    {
        return this == o || (o instanceof Resources && Arrays.equals(values, ((Resources)o).values));
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(values);
    }

    /** @return {@code cores=4 memory=8GiB bus_replicators=8 semaphores=16 dma_channels=4}. */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Resource.COUNT; i++)
        {
            sb.append(i == 0 ? "" : " ").append(Resource.of(i).key()).append('=')
                .append(i == Resource.MEMORY.ordinal() ? Sizes.format(values[i]) : Long.toString(values[i]));
        }
        return sb.toString();
    }
}

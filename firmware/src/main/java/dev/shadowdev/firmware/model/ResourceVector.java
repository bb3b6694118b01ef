package dev.shadowdev.firmware.model;

import dev.shadowdev.abi.Resource;

import java.util.Arrays;

/**
 * An immutable vector of the five resource amounts in {@link Resource} order, as in every {@code u64 res[5]}
 * of the ABI. Values are compared by content.
 */
public final class ResourceVector
{
    /** All five amounts zero. */
    public static final ResourceVector ZERO = new ResourceVector(new long[Resource.COUNT]);

    private final long[] values;

    private ResourceVector(final long[] values)
    {
        this.values = values;
    }

    /**
     * @param values five amounts in {@link Resource} order; copied.
     * @return the vector.
     * @throws IllegalArgumentException when there are not five values.
     */
    public static ResourceVector of(final long... values)
    {
        if (values.length != Resource.COUNT)
        {
            throw new IllegalArgumentException("bad resource vector: length=" + values.length);
        }
        return new ResourceVector(values.clone());
    }

    /**
     * @param index resource index, {@link Resource#ordinal()}.
     * @return the amount.
     */
    public long get(final int index)
    {
        return values[index];
    }

    /**
     * @param resource which one.
     * @return the amount.
     */
    public long get(final Resource resource)
    {
        return values[resource.ordinal()];
    }

    /** @return a copy of the five amounts. */
    public long[] toArray()
    {
        return values.clone();
    }

    @Override
    public boolean equals(final Object o)
    {
        return this == o || (o instanceof ResourceVector && Arrays.equals(values, ((ResourceVector)o).values));
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < Resource.COUNT; i++)
        {
            sb.append(i == 0 ? "" : ", ").append(Resource.of(i).key()).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}

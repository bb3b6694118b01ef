package dev.shadowdev.dra.slices;

import dev.shadowdev.abi.Resource;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Locale;

/** Resource amounts in Kubernetes Quantity form: memory in the largest binary unit that divides it, counts plain. */
public final class Quantities
{
    private static final String[] UNITS = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};

    private Quantities()
    {
    }

    /** @return the counter, capacity and attribute name of a resource: {@code bus-replicators}. */
    public static String name(final Resource resource)
    {
        return resource.key().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    /** @return {@code 2Gi} for 2 GiB of memory, {@code 3} for 3 cores. */
    public static Quantity of(final Resource resource, final long amount)
    {
        return new Quantity(resource == Resource.MEMORY ? bytes(amount) : Long.toString(amount));
    }

    /** @return the amount a quantity stands for, exactly (a fraction is an error). */
    public static long amount(final Quantity quantity)
    {
        return Quantity.getAmountInBytes(quantity).longValueExact();
    }

    static String bytes(final long amount)
    {
        if (amount == 0)
        {
            return "0";
        }
        for (int i = 0; i < UNITS.length; i++)
        {
            final int shift = 10 * (UNITS.length - i);
            if (amount % (1L << shift) == 0)
            {
                return (amount >> shift) + UNITS[i];
            }
        }
        return Long.toString(amount);
    }
}

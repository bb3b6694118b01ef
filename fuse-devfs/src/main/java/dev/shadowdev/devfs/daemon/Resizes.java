package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.devfs.resource.Sizes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** How the {@link Planner} plans a resize in place (ABI.md 6.1 PART_RESIZE) and how its steps print. */
public final class Resizes
{
    private Resizes()
    {
    }

    /**
     * @param spec  the wanted sizes.
     * @param entry the partition as PART_QUERY_EX reports it: its {@code used} tells what a lower {@code max} preempts.
     * @param minor its node's minor as the state knows it.
     * @param all   every partition on the card: their {@code borrowed} tells whom a grown {@code min} may preempt.
     * @param force whether FORCE is given (a lower {@code max} below {@code used} preempts).
     */
    static PlanStep.Resize step(final PartitionSpec spec, final PartitionEntryEx entry, final int minor,
        final List<PartitionEntryEx> all, final boolean force)
    {
        final String over = over(entry, spec.max());
        final String preempts = force && over != null ?
            "newest workloads of " + entry.name() + " until used <= max (" + over + ")" : null;
        return new PlanStep.Resize(spec.name(), entry.id(), minor, entry.activeWorkloads(), entry.min(), entry.max(),
            entry.lends(), spec.min(), spec.max(), spec.lend(), preempts, borrowers(entry, spec.min(), all));
    }

    /** @return the refusal of a resize whose {@code max} is below what the partition uses, without force. */
    static Optional<String> refusal(final PlanStep.Resize step, final PartitionEntryEx entry, final boolean force)
    {
        final String over = over(entry, step.toMax());
        if (over == null || force)
        {
            return Optional.empty();
        }
        return Optional.of("resize " + entry.name() + ": partition uses more than the new max (--force to preempt " +
            "its newest workloads): id=" + entry.id() + " active=" + entry.activeWorkloads() + " " + over);
    }

    /** @return the resizes that free a reservation first, those that only take one last (stable otherwise). */
    static List<PlanStep.Resize> shrinksFirst(final List<PlanStep> resizes)
    {
        final List<PlanStep.Resize> list = new ArrayList<>();
        resizes.forEach((s) -> list.add((PlanStep.Resize)s));
        list.sort(Comparator.comparingInt((PlanStep.Resize r) -> r.grows() ? 1 : 0)
            .thenComparingInt((r) -> r.firstMin().equals(r.fromMin()) ? 1 : 0));
        return list;
    }

    /** @return the smaller of the two, element by element. */
    static Resources lower(final Resources a, final Resources b)
    {
        final long[] v = new long[Resource.COUNT];
        for (int i = 0; i < Resource.COUNT; i++)
        {
            v[i] = Math.min(a.get(i), b.get(i));
        }
        return Resources.of(v);
    }

    /** @return {@code cores=1..4 memory=2GiB..8GiB ...}, a resource with {@code min = max} as one amount. */
    public static String ranges(final Resources min, final Resources max)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Resource r : Resource.values())
        {
            sb.append(sb.length() == 0 ? "" : " ").append(r.key()).append('=').append(range(r, min.get(r), max.get(r)));
        }
        return sb.toString();
    }

    /** @return {@code 2..6}, or {@code 4} when both ends are equal; memory in binary units. */
    public static String range(final Resource r, final long min, final long max)
    {
        return min == max ? amount(r, min) : amount(r, min) + ".." + amount(r, max);
    }

    static String amount(final Resource r, final long value)
    {
        return r == Resource.MEMORY ? Sizes.format(value) : Long.toString(value);
    }

    /** @return {@code cores used=4 max=2 ...} for each resource used beyond {@code max}, or {@code null}. */
    private static String over(final PartitionEntryEx entry, final Resources max)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Resource r : Resource.values())
        {
            if (entry.used().get(r) > max.get(r))
            {
                sb.append(sb.length() == 0 ? "" : " ").append(r.key()).append(" used=")
                    .append(amount(r, entry.used().get(r))).append(" max=").append(amount(r, max.get(r)));
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** @return {@code c (cores borrowed=2), d (...)}: the others borrowing what the grown {@code min} takes. */
    private static String borrowers(final PartitionEntryEx entry, final Resources min, final List<PartitionEntryEx> all)
    {
        final List<String> list = new ArrayList<>();
        for (final PartitionEntryEx other : all)
        {
            if (other.id() == entry.id())
            {
                continue;
            }
            final StringBuilder sb = new StringBuilder();
            for (final Resource r : Resource.values())
            {
                if (min.get(r) > entry.min().get(r) && other.borrowed().get(r) > 0)
                {
                    sb.append(sb.length() == 0 ? "" : " ").append(r.key()).append(" borrowed=")
                        .append(amount(r, other.borrowed().get(r)));
                }
            }
            if (sb.length() > 0)
            {
                list.add(other.name() + " (" + sb + ")");
            }
        }
        return list.isEmpty() ? null : String.join(", ", list);
    }
}

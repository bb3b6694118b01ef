package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.devfs.resource.Sizes;

import java.util.List;

/** One step of a {@link Plan}; {@link #describe()} is its line in the printed plan. */
public sealed interface PlanStep
    permits PlanStep.Keep, PlanStep.Create, PlanStep.Destroy, PlanStep.Recreate, PlanStep.Resize, PlanStep.Attach,
    PlanStep.Chmod, PlanStep.Detach, PlanStep.Bind, PlanStep.Unbind
{
    /** @return the partition's name. */
    String name();

    /** @return what the step does: keep, create, destroy, recreate, resize, attach, chmod, detach, bind, unbind. */
    String verb();

    /** @return the step's facts, {@code key=value ...}. */
    String details();

    /** @return {@code verb name key=value ...}, the verb padded to 8 columns. */
    default String describe()
    {
        return String.format("%-8s %s %s", verb(), name(), details());
    }

    /** @return {@code verb name}, for the one-line summaries of a report. */
    default String label()
    {
        return verb() + " " + name();
    }

    /** @return true when the step changes nothing. */
    default boolean isNoop()
    {
        return false;
    }

    /** The partition and its node are as the config wants. */
    record Keep(String name, int partitionId, int minor) implements PlanStep
    {
        @Override
        public String verb()
        {
            return "keep";
        }

        @Override
        public String details()
        {
            return "id=" + partitionId + " minor=" + minorText(minor);
        }

        @Override
        public boolean isNoop()
        {
            return true;
        }
    }

    /**
     * A new partition: PART_CREATE, then its node (with the saved minor when there is one), then mode and owner;
     * without a node ({@code node = false}) only PART_CREATE, and {@code wantedMinor} is
     * {@link PartitionRecord#NO_MINOR}. Its cgroups are bound by {@link Bind} steps.
     */
    record Create(PartitionSpec spec, int wantedMinor) implements PlanStep
    {
        @Override
        public String name()
        {
            return spec.name();
        }

        @Override
        public String verb()
        {
            return "create";
        }

        @Override
        public String details()
        {
            final String sizes = spec.elastic() ?
                Resizes.ranges(spec.min(), spec.max()) + " lend=" + spec.lend() : spec.resources().toString();
            if (!spec.shadowNode())
            {
                return sizes + " minor=none";
            }
            return sizes + " " + spec.node() + " minor=" + minorText(wantedMinor);
        }
    }

    /** A partition the config no longer has: PART_DESTROY, then its node goes. */
    record Destroy(String name, int partitionId, int activeWorkloads, int minor, Resources reserved)
        implements PlanStep
    {
        @Override
        public String verb()
        {
            return "destroy";
        }

        @Override
        public String details()
        {
            return "id=" + partitionId + " minor=" + minorText(minor) + " active=" + activeWorkloads;
        }
    }

    /** A partition whose resources changed: destroy and create again, keeping its node's minor. */
    record Recreate(PartitionSpec spec, int oldPartitionId, int activeWorkloads, Resources oldResources,
        int wantedMinor) implements PlanStep
    {
        @Override
        public String name()
        {
            return spec.name();
        }

        @Override
        public String verb()
        {
            return "recreate";
        }

        @Override
        public String details()
        {
            final StringBuilder sb = new StringBuilder("id=").append(oldPartitionId)
                .append(" minor=").append(minorText(wantedMinor)).append(" active=").append(activeWorkloads);
            for (final Resource r : Resource.values())
            {
                final long from = oldResources.get(r);
                final long to = spec.resources().get(r);
                if (from != to)
                {
                    sb.append(' ').append(r.key()).append('=').append(amount(r, from)).append("->")
                        .append(amount(r, to));
                }
            }
            return sb.toString();
        }
    }

    /**
     * A partition whose sizes or lending changed, on a card that resizes in place (PART_RESIZE): its ID, node, minor,
     * sessions and running workloads stay. {@link PlanExecutor} makes it in up to two calls so that every
     * reservation given back is free before any is taken: with the frees, {@code min} lowered where it shrinks,
     * the new {@code max} and lending; with the creations, {@code min} raised where it grows.
     *
     * @param minor     its node's minor as the state knows it, {@link PartitionControl#ANY_MINOR} when unknown.
     * @param preempts  what FORCE will preempt (the new {@code max} below what it uses), or {@code null}.
     * @param borrowers the partitions whose borrowed capacity a grown {@code min} may take back, or {@code null}.
     */
    record Resize(String name, int partitionId, int minor, int activeWorkloads, Resources fromMin, Resources fromMax,
        boolean fromLend, Resources toMin, Resources toMax, boolean toLend, String preempts, String borrowers)
        implements PlanStep
    {
        @Override
        public String verb()
        {
            return "resize";
        }

        @Override
        public String details()
        {
            final StringBuilder sb = new StringBuilder("id=").append(partitionId)
                .append(" minor=").append(minorText(minor)).append(" active=").append(activeWorkloads);
            for (final Resource r : Resource.values())
            {
                if (fromMin.get(r) != toMin.get(r) || fromMax.get(r) != toMax.get(r))
                {
                    sb.append(' ').append(r.key()).append('=').append(Resizes.range(r, fromMin.get(r), fromMax.get(r)))
                        .append("->").append(Resizes.range(r, toMin.get(r), toMax.get(r)));
                }
            }
            if (fromLend != toLend)
            {
                sb.append(" lend=").append(fromLend).append("->").append(toLend);
            }
            if (preempts != null)
            {
                sb.append("; preempts: ").append(preempts);
            }
            if (borrowers != null)
            {
                sb.append("; may preempt borrowers: ").append(borrowers);
            }
            return sb.toString();
        }

        /** @return the reservation after the first call: lowered where it shrinks, as it was where it grows. */
        public Resources firstMin()
        {
            return Resizes.lower(fromMin, toMin);
        }

        /** @return whether a first call (with the frees) is needed: a lower {@code min}, another max or lending. */
        public boolean shrinks()
        {
            return !firstMin().equals(fromMin) || !toMax.equals(fromMax) || fromLend != toLend;
        }

        /** @return whether a second call (with the creations) is needed: a higher {@code min}. */
        public boolean grows()
        {
            return !toMin.equals(firstMin());
        }
    }

    /**
     * A partition that exists as wanted but whose node the daemon does not know, or that had no node and now
     * wants one: ask for its node.
     *
     * @param kept the paths bound to it now that stay bound (its record starts with them).
     */
    record Attach(PartitionSpec spec, int partitionId, int wantedMinor, List<String> kept) implements PlanStep
    {
        public Attach
        {
            kept = List.copyOf(kept);
        }

        public Attach(final PartitionSpec spec, final int partitionId, final int wantedMinor)
        {
            this(spec, partitionId, wantedMinor, List.of());
        }

        @Override
        public String name()
        {
            return spec.name();
        }

        @Override
        public String verb()
        {
            return "attach";
        }

        @Override
        public String details()
        {
            return "id=" + partitionId + " minor=" + minorText(wantedMinor) + " " + spec.node();
        }
    }

    /** Only the node's mode or owner changed, or they were never set ({@code from} is {@code null}). */
    record Chmod(String name, int partitionId, int minor, NodeMode from, NodeMode to) implements PlanStep
    {
        @Override
        public String verb()
        {
            return "chmod";
        }

        @Override
        public String details()
        {
            if (from == null)
            {
                return "minor=" + minor + " mode=?->" + to.octal() + " uid=?->" + to.uid() + " gid=?->" + to.gid();
            }
            return "minor=" + minor + " mode=" + from.octal() + "->" + to.octal() +
                " uid=" + from.uid() + "->" + to.uid() + " gid=" + from.gid() + "->" + to.gid();
        }
    }

    /**
     * A partition that exists as wanted but should have no shadow node ({@code node = false}): remove its node
     * (SD_IOC_PART_DEV remove; a node already gone is fine), freeing the minor.
     *
     * @param minor its node's minor, {@link PartitionControl#ANY_MINOR} when the daemon does not know it.
     * @param kept  the paths bound to it now that stay bound (its record starts with them).
     */
    record Detach(PartitionSpec spec, int partitionId, int minor, List<String> kept) implements PlanStep
    {
        public Detach
        {
            kept = List.copyOf(kept);
        }

        @Override
        public String name()
        {
            return spec.name();
        }

        @Override
        public String verb()
        {
            return "detach";
        }

        @Override
        public String details()
        {
            return "id=" + partitionId + " minor=" + minorText(minor);
        }
    }

    /**
     * Bind a cgroup path to the partition (PART_BIND). The partition's ID is the one the state holds when the step
     * runs, so a partition created by the same plan is bound once it exists.
     */
    record Bind(String name, String path) implements PlanStep
    {
        @Override
        public String verb()
        {
            return "bind";
        }

        @Override
        public String details()
        {
            return path;
        }

        @Override
        public String label()
        {
            return "bind " + name + " " + path;
        }
    }

    /** Remove a binding (PART_BIND with UNBIND) from the partition that has it now, {@code partitionId}. */
    record Unbind(String name, int partitionId, String path) implements PlanStep
    {
        @Override
        public String verb()
        {
            return "unbind";
        }

        @Override
        public String details()
        {
            return path;
        }

        @Override
        public String label()
        {
            return "unbind " + name + " " + path;
        }
    }

    private static String minorText(final int minor)
    {
        if (minor == PartitionRecord.NO_MINOR)
        {
            return "none";
        }
        return minor == PartitionControl.ANY_MINOR ? "any" : Integer.toString(minor);
    }

    private static String amount(final Resource r, final long value)
    {
        return r == Resource.MEMORY ? Sizes.format(value) : Long.toString(value);
    }
}

package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.config.NodeMode;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.devfs.resource.Sizes;

/** One step of a {@link Plan}; {@link #describe()} is its line in the printed plan. */
public sealed interface PlanStep
    permits PlanStep.Keep, PlanStep.Create, PlanStep.Destroy, PlanStep.Recreate, PlanStep.Attach, PlanStep.Chmod
{
    /** @return the partition's name. */
    String name();

    /** @return what the step does: keep, create, destroy, recreate, attach, chmod. */
    String verb();

    /** @return the step's facts, {@code key=value ...}. */
    String details();

    /** @return {@code verb name key=value ...}, the verb padded to 8 columns. */
    default String describe()
    {
        return String.format("%-8s %s %s", verb(), name(), details());
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
            return "id=" + partitionId + " minor=" + minor;
        }

        @Override
        public boolean isNoop()
        {
            return true;
        }
    }

    /** A new partition: PART_CREATE, then its node (with the saved minor when there is one), then mode and owner. */
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
            return spec.resources() + " " + spec.node() + " minor=" + minorText(wantedMinor);
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

    /** A partition that exists as wanted but whose node the daemon does not know: ask for its node. */
    record Attach(PartitionSpec spec, int partitionId, int wantedMinor) implements PlanStep
    {
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

    private static String minorText(final int minor)
    {
        return minor == PartitionControl.ANY_MINOR ? "any" : Integer.toString(minor);
    }

    private static String amount(final Resource r, final long value)
    {
        return r == Resource.MEMORY ? Sizes.format(value) : Long.toString(value);
    }
}

package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.devfs.resource.Sizes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a config with what the firmware has and what the daemon saved, and plans the difference. Pure: it reads
 * its arguments and returns a {@link Plan}; nothing is asked or changed.
 * <ul>
 *     <li>in the config, not on the card: create (with the saved minor, so a restart keeps the node path);</li>
 *     <li>on the card, not in the config: destroy;</li>
 *     <li>on both, other resources: recreate (destroy, create, same minor);</li>
 *     <li>on both, same resources, node unknown to the daemon: attach (ask for its node);</li>
 *     <li>on both, same resources, other mode or owner: chmod;</li>
 *     <li>otherwise keep.</li>
 * </ul>
 * Destroying or recreating a partition with active workloads is refused unless forced, and so is a plan whose new
 * partitions need more than the global pool will have once the destroys are done.
 */
public final class Planner
{
    private Planner()
    {
    }

    /**
     * @param config     the wanted partitions.
     * @param actual     the firmware's partitions (PART_QUERY on the base node).
     * @param globalFree the global pool's free amounts now (POOL_QUERY on the base node).
     * @param saved      the daemon's saved state.
     * @param force      destroy or recreate partitions even with active workloads.
     * @return the plan.
     */
    public static Plan plan(
        final DevfsConfig config,
        final List<PartitionEntry> actual,
        final Resources globalFree,
        final DaemonState saved,
        final boolean force)
    {
        final Map<String, PartitionEntry> byName = new LinkedHashMap<>();
        final List<PartitionEntry> extras = new ArrayList<>();
        for (final PartitionEntry e : actual)
        {
            if (byName.putIfAbsent(e.name(), e) != null)
            {
                extras.add(e);
            }
        }

        final List<PlanStep> destroys = new ArrayList<>();
        final List<PlanStep> recreates = new ArrayList<>();
        final List<PlanStep> creates = new ArrayList<>();
        final List<PlanStep> attaches = new ArrayList<>();
        final List<PlanStep> chmods = new ArrayList<>();
        final List<PlanStep> keeps = new ArrayList<>();
        final List<String> refusals = new ArrayList<>();
        Resources freed = Resources.ZERO;
        Resources needed = Resources.ZERO;

        final Set<String> wanted = new HashSet<>();
        for (final PartitionSpec spec : config.partitions())
        {
            wanted.add(spec.name());
            final PartitionEntry entry = byName.get(spec.name());
            final PartitionRecord record = saved.find(spec.name());
            final int savedMinor = record != null ? record.minor() : PartitionControl.ANY_MINOR;
            if (entry == null)
            {
                creates.add(new PlanStep.Create(spec, savedMinor));
                needed = needed.plus(spec.resources());
            }
            else if (!entry.reserved().equals(spec.resources()))
            {
                recreates.add(new PlanStep.Recreate(
                    spec, entry.id(), entry.activeWorkloads(), entry.reserved(), savedMinor));
                freed = freed.plus(entry.reserved());
                needed = needed.plus(spec.resources());
                refuseBusy("recreate", entry, force, refusals);
            }
            else if (record == null || record.partitionId() != entry.id())
            {
                attaches.add(new PlanStep.Attach(spec, entry.id(), savedMinor));
            }
            else if (!spec.node().equals(record.node()))
            {
                chmods.add(new PlanStep.Chmod(spec.name(), entry.id(), record.minor(), record.node(), spec.node()));
            }
            else
            {
                keeps.add(new PlanStep.Keep(spec.name(), entry.id(), record.minor()));
            }
        }

        final List<PartitionEntry> gone = new ArrayList<>();
        for (final PartitionEntry e : byName.values())
        {
            if (!wanted.contains(e.name()))
            {
                gone.add(e);
            }
        }
        gone.addAll(extras);
        for (final PartitionEntry e : gone)
        {
            final PartitionRecord record = saved.find(e.name());
            final int minor = record != null && record.partitionId() == e.id() ?
                record.minor() : PartitionControl.ANY_MINOR;
            destroys.add(new PlanStep.Destroy(e.name(), e.id(), e.activeWorkloads(), minor, e.reserved()));
            freed = freed.plus(e.reserved());
            refuseBusy("destroy", e, force, refusals);
        }

        final Resources available = globalFree.plus(freed);
        for (final Resource r : Resource.values())
        {
            if (needed.get(r) > available.get(r))
            {
                refusals.add("not enough free resources for the new partitions: " + r.key() + " need=" +
                    amount(r, needed.get(r)) + " free=" + amount(r, available.get(r)));
            }
        }

        final List<PlanStep> steps = new ArrayList<>(destroys);
        steps.addAll(recreates);
        steps.addAll(creates);
        steps.addAll(attaches);
        steps.addAll(chmods);
        steps.addAll(keeps);
        return new Plan(steps, refusals);
    }

    private static void refuseBusy(
        final String verb, final PartitionEntry e, final boolean force, final List<String> refusals)
    {
        if (e.activeWorkloads() > 0 && !force)
        {
            refusals.add(verb + " " + e.name() + ": partition has active workloads (--force to " + verb +
                " anyway): id=" + e.id() + " active=" + e.activeWorkloads());
        }
    }

    private static String amount(final Resource r, final long value)
    {
        return r == Resource.MEMORY ? Sizes.format(value) : Long.toString(value);
    }
}

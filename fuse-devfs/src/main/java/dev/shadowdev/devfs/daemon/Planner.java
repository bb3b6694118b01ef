package dev.shadowdev.devfs.daemon;

import dev.shadowdev.abi.Resource;
import dev.shadowdev.devfs.client.PartitionEntry;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.resource.Resources;
import dev.shadowdev.devfs.resource.Sizes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a config with what the firmware has, the cgroup bindings the driver has and what the daemon saved, and
 * plans the difference. Pure: it reads its arguments and returns a {@link Plan}; nothing is asked or changed.
 * <ul>
 *     <li>in the config, not on the card: create (with the saved minor, so a restart keeps the node path; without
 *     a node for {@code node = false}), then bind each of its cgroups;</li>
 *     <li>on the card, not in the config: destroy (its bindings go with it);</li>
 *     <li>on both, other sizes (min, max) or lend, on a card with elastic partitions (it answers PART_QUERY_EX):
 *     resize in place (PART_RESIZE: same ID, node and minor, workloads running); refused when the new {@code max}
 *     is below what the partition uses unless forced (FORCE preempts its newest workloads, and the step says so),
 *     and the step names the partitions whose borrowed capacity a grown {@code min} may take back;</li>
 *     <li>on both, other resources, on a card without elastic partitions: recreate (destroy, create, same minor),
 *     then bind each of its cgroups again;</li>
 *     <li>on both, same resources, a node wanted that the daemon does not know (or the partition had none):
 *     attach (ask for its node);</li>
 *     <li>on both, same resources, no node wanted but one known or possible: detach (remove the node);</li>
 *     <li>on both, same resources, other mode or owner: chmod;</li>
 *     <li>otherwise keep;</li>
 *     <li>and for every partition that stays: unbind the paths bound to it that it should not have, bind the ones
 *     it should have and lacks.</li>
 * </ul>
 * Destroying or recreating a partition with active workloads is refused unless forced, and so is a plan whose new
 * partitions need more than the global pool will have once the destroys are done (on an elastic card: whose
 * reservations together, {@code sum(min)}, would pass the card).
 */
public final class Planner
{
    private Planner()
    {
    }

    /** {@link #plan(DevfsConfig, List, List, Resources, DaemonState, boolean, boolean)} with no bindings. */
    public static Plan plan(
        final DevfsConfig config,
        final List<PartitionEntry> actual,
        final Resources globalFree,
        final DaemonState saved,
        final boolean force)
    {
        return plan(config, actual, List.of(), globalFree, saved, force, false);
    }

    /**
     * @param config       the wanted partitions.
     * @param actual       the firmware's partitions (PART_QUERY on the base node).
     * @param bindings     the driver's cgroup bindings ({@code <mount>/cgroups}).
     * @param globalFree   the global pool's free amounts now (POOL_QUERY on the base node).
     * @param saved        the daemon's saved state.
     * @param force        destroy or recreate partitions even with active workloads.
     * @param restoreSaved also want the bindings the state records for a partition of the config (made by
     *                     {@code shadowdev bind}) unless the config gives the path to another partition: for the
     *                     rebuild after a reset and for {@code up}. {@code apply} wants exactly the config's.
     * @return the plan.
     */
    public static Plan plan(
        final DevfsConfig config,
        final List<PartitionEntry> actual,
        final List<CgroupBinding> bindings,
        final Resources globalFree,
        final DaemonState saved,
        final boolean force,
        final boolean restoreSaved)
    {
        return plan(config, CardView.fixed(actual, globalFree), bindings, saved, force, restoreSaved);
    }

    /**
     * @param config       the wanted partitions.
     * @param card         the firmware's partitions, the free pool, the card's total, whether it resizes in place.
     * @param bindings     the driver's cgroup bindings ({@code <mount>/cgroups}).
     * @param saved        the daemon's saved state.
     * @param force        destroy or recreate partitions even with active workloads; resize below what they use.
     * @param restoreSaved as in {@link #plan(DevfsConfig, List, List, Resources, DaemonState, boolean, boolean)}.
     * @return the plan.
     */
    public static Plan plan(
        final DevfsConfig config,
        final CardView card,
        final List<CgroupBinding> bindings,
        final DaemonState saved,
        final boolean force,
        final boolean restoreSaved)
    {
        final Map<String, PartitionEntryEx> byName = new LinkedHashMap<>();
        final List<PartitionEntryEx> extras = new ArrayList<>();
        for (final PartitionEntryEx e : card.partitions())
        {
            if (byName.putIfAbsent(e.name(), e) != null)
            {
                extras.add(e);
            }
        }
        final Map<Integer, List<String>> boundById = new HashMap<>();
        for (final CgroupBinding b : bindings)
        {
            boundById.computeIfAbsent(b.partitionId(), (id) -> new ArrayList<>()).add(b.path());
        }
        final Set<String> configPaths = new HashSet<>();
        for (final PartitionSpec spec : config.partitions())
        {
            configPaths.addAll(spec.cgroups());
        }
        final Set<String> restored = new HashSet<>();

        final List<PlanStep> destroys = new ArrayList<>();
        final List<PlanStep> recreates = new ArrayList<>();
        final List<PlanStep> resizes = new ArrayList<>();
        final List<PlanStep> creates = new ArrayList<>();
        final List<PlanStep> attaches = new ArrayList<>();
        final List<PlanStep> detaches = new ArrayList<>();
        final List<PlanStep> chmods = new ArrayList<>();
        final List<PlanStep> unbinds = new ArrayList<>();
        final List<PlanStep> binds = new ArrayList<>();
        final List<PlanStep> keeps = new ArrayList<>();
        final List<String> refusals = new ArrayList<>();
        Resources freed = Resources.ZERO;
        Resources needed = Resources.ZERO;
        Resources reserved = Resources.ZERO;

        final Set<String> wanted = new HashSet<>();
        for (final PartitionSpec spec : config.partitions())
        {
            wanted.add(spec.name());
            final PartitionEntryEx entry = byName.get(spec.name());
            final PartitionRecord record = saved.find(spec.name());
            final int savedMinor = record != null && record.hasNode() ? record.minor() : PartitionControl.ANY_MINOR;
            final int createMinor = spec.shadowNode() ? savedMinor : PartitionRecord.NO_MINOR;
            final Set<String> paths = new LinkedHashSet<>(spec.cgroups());
            if (restoreSaved && record != null)
            {
                for (final String path : record.cgroups())
                {
                    if (!configPaths.contains(path) && restored.add(path))
                    {
                        paths.add(path);
                    }
                }
            }
            if (entry == null)
            {
                creates.add(new PlanStep.Create(spec, createMinor));
                needed = needed.plus(spec.min());
                paths.forEach((path) -> binds.add(new PlanStep.Bind(spec.name(), path)));
                continue;
            }
            final boolean resized = !entry.min().equals(spec.min()) || !entry.max().equals(spec.max()) ||
                entry.lends() != spec.lend();
            if (resized && !card.elastic())
            {
                recreates.add(new PlanStep.Recreate(
                    spec, entry.id(), entry.activeWorkloads(), entry.min(), createMinor));
                freed = freed.plus(entry.min());
                needed = needed.plus(spec.min());
                refuseBusy("recreate", entry, force, refusals);
                paths.forEach((path) -> binds.add(new PlanStep.Bind(spec.name(), path)));
                continue;
            }
            if (resized)
            {
                final boolean knownNode = record != null && record.partitionId() == entry.id();
                final PlanStep.Resize resize = Resizes.step(spec, entry, knownNode ? record.minor() :
                    PartitionControl.ANY_MINOR, card.partitions(), force);
                resizes.add(resize);
                Resizes.refusal(resize, entry, force).ifPresent(refusals::add);
                reserved = reserved.plus(Resizes.lower(entry.min(), spec.min()));
                needed = needed.plus(spec.min().minusFloored(entry.min()));
            }
            else
            {
                reserved = reserved.plus(entry.min());
            }
            final List<String> bound = boundById.getOrDefault(entry.id(), List.of());
            final List<String> kept = new ArrayList<>();
            for (final String path : bound)
            {
                if (paths.contains(path))
                {
                    kept.add(path);
                }
                else
                {
                    unbinds.add(new PlanStep.Unbind(spec.name(), entry.id(), path));
                }
            }
            for (final String path : paths)
            {
                if (!bound.contains(path))
                {
                    binds.add(new PlanStep.Bind(spec.name(), path));
                }
            }
            final boolean known = record != null && record.partitionId() == entry.id();
            if (spec.shadowNode())
            {
                if (!known || !record.hasNode())
                {
                    attaches.add(new PlanStep.Attach(spec, entry.id(), savedMinor, kept));
                }
                else if (!spec.node().equals(record.node()))
                {
                    chmods.add(new PlanStep.Chmod(spec.name(), entry.id(), record.minor(), record.node(), spec.node()));
                }
                else if (!resized)
                {
                    keeps.add(new PlanStep.Keep(spec.name(), entry.id(), record.minor()));
                }
            }
            else if (!known || record.hasNode())
            {
                detaches.add(new PlanStep.Detach(spec, entry.id(), known ? record.minor() : PartitionControl.ANY_MINOR,
                    kept));
            }
            else if (!resized)
            {
                keeps.add(new PlanStep.Keep(spec.name(), entry.id(), PartitionRecord.NO_MINOR));
            }
        }

        final List<PartitionEntryEx> gone = new ArrayList<>();
        for (final PartitionEntryEx e : byName.values())
        {
            if (!wanted.contains(e.name()))
            {
                gone.add(e);
            }
        }
        gone.addAll(extras);
        for (final PartitionEntryEx e : gone)
        {
            final PartitionRecord record = saved.find(e.name());
            final int minor = record != null && record.partitionId() == e.id() ?
                record.minor() : PartitionControl.ANY_MINOR;
            destroys.add(new PlanStep.Destroy(e.name(), e.id(), e.activeWorkloads(), minor, e.min()));
            freed = freed.plus(e.min());
            refuseBusy("destroy", e, force, refusals);
        }

        final Resources available = card.elastic() ? card.total().minusFloored(reserved) : card.free().plus(freed);
        final String what = card.elastic() ? "the new reservations" : "the new partitions";
        for (final Resource r : Resource.values())
        {
            if (needed.get(r) > available.get(r))
            {
                refusals.add("not enough free resources for " + what + ": " + r.key() + " need=" +
                    amount(r, needed.get(r)) + " free=" + amount(r, available.get(r)));
            }
        }

        final List<PlanStep> steps = new ArrayList<>(destroys);
        steps.addAll(recreates);
        steps.addAll(Resizes.shrinksFirst(resizes));
        steps.addAll(creates);
        steps.addAll(attaches);
        steps.addAll(detaches);
        steps.addAll(chmods);
        steps.addAll(unbinds);
        steps.addAll(binds);
        steps.addAll(keeps);
        final List<String> forget = new ArrayList<>();
        for (final PartitionRecord record : saved.partitions())
        {
            if (!byName.containsKey(record.name()) && !wanted.contains(record.name()))
            {
                forget.add(record.name());
            }
        }
        return new Plan(steps, refusals, forget);
    }

    private static void refuseBusy(
        final String verb, final PartitionEntryEx e, final boolean force, final List<String> refusals)
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

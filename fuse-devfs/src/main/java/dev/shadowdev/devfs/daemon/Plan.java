package dev.shadowdev.devfs.daemon;

import java.util.List;

/**
 * What {@code apply} will do, in the order it will do it, and why it may refuse. A plan with refusals is not
 * executed at all.
 *
 * @param steps    destroys, re-creations, resizes (those that free reservations first), creations, attaches, detaches, mode changes, unbinds, binds, then the
 *                 unchanged partitions; {@link PlanExecutor} runs every destroy (and the destroy half of every
 *                 re-creation), the lowered reservations of every resize and every unbind before any creation or bind, so a plan whose end state fits the
 *                 card never runs out of resources half way, and a cgroup path can move between partitions.
 * @param refusals reasons not to act, one line each; empty when the plan may run.
 * @param forget   the partitions the saved state records but the card does not have and the config does not want
 *                 (a state left by a daemon with another config, on a card that has been reset since): dropped
 *                 from the state with the first change saved (logged, not a step), so their old IDs and minors
 *                 never stand beside the new partitions' (a state holding both was refused at the next start).
 */
public record Plan(List<PlanStep> steps, List<String> refusals, List<String> forget)
{
    public Plan
    {
        steps = List.copyOf(steps);
        refusals = List.copyOf(refusals);
        forget = List.copyOf(forget);
    }

    /** A plan that forgets nothing. */
    public Plan(final List<PlanStep> steps, final List<String> refusals)
    {
        this(steps, refusals, List.of());
    }

    /** @return true when there are no refusals. */
    public boolean executable()
    {
        return refusals.isEmpty();
    }

    /** @return true when no step changes anything. */
    public boolean isEmpty()
    {
        return steps.stream().allMatch(PlanStep::isNoop);
    }

    /** @return the printable plan: a summary line, one line per step, one per refusal. */
    public String render()
    {
        final StringBuilder sb = new StringBuilder("plan: ")
            .append(count(PlanStep.Create.class)).append(" to create, ")
            .append(count(PlanStep.Destroy.class)).append(" to destroy, ")
            .append(count(PlanStep.Recreate.class)).append(" to recreate, ");
        optional(sb, PlanStep.Resize.class, " to resize, ");
        sb
            .append(count(PlanStep.Attach.class)).append(" to attach, ")
            .append(count(PlanStep.Chmod.class)).append(" to chmod, ");
        optional(sb, PlanStep.Detach.class, " to detach, ");
        optional(sb, PlanStep.Unbind.class, " to unbind, ");
        optional(sb, PlanStep.Bind.class, " to bind, ");
        sb.append(count(PlanStep.Keep.class)).append(" unchanged\n");
        for (final PlanStep step : steps)
        {
            sb.append("  ").append(step.describe()).append('\n');
        }
        for (final String refusal : refusals)
        {
            sb.append("refused: ").append(refusal).append('\n');
        }
        return sb.toString();
    }

    /** The counts of the steps cgroup bindings brought appear only when there are some, so older plans read the same. */
    private void optional(final StringBuilder sb, final Class<? extends PlanStep> type, final String what)
    {
        final long n = count(type);
        if (n > 0)
        {
            sb.append(n).append(what);
        }
    }

    private long count(final Class<? extends PlanStep> type)
    {
        return steps.stream().filter(type::isInstance).count();
    }
}

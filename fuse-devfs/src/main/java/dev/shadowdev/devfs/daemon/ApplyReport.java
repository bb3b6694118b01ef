package dev.shadowdev.devfs.daemon;

import java.util.List;

/**
 * How an {@code apply} went: the steps done, the step that failed and why, the steps not attempted, and the state
 * as saved after the last step that succeeded.
 *
 * @param done    steps completed, in order.
 * @param failed  the step that failed, or {@code null} when all succeeded.
 * @param error   why it failed ({@code what: name=value}), or {@code null}.
 * @param notDone steps not completed besides the failed one; see {@code partial} for those half done.
 * @param partial re-creations whose old partition was destroyed but whose new one was not created, and resizes whose
 *                first call (lowering reservations) was made but not the second (raising them).
 * @param state   the state saved last.
 */
public record ApplyReport(List<PlanStep> done, PlanStep failed, String error, List<PlanStep> notDone,
    List<PlanStep> partial, DaemonState state)
{
    public ApplyReport
    {
        done = List.copyOf(done);
        notDone = List.copyOf(notDone);
        partial = List.copyOf(partial);
    }

    /** @return true when every step succeeded. */
    public boolean ok()
    {
        return failed == null;
    }

    /** @return a printable summary, one line per fact. */
    public String render()
    {
        final StringBuilder sb = new StringBuilder();
        final long changed = done.stream().filter((s) -> !s.isNoop()).count();
        if (ok())
        {
            sb.append("apply: ok: ").append(changed).append(changed == 1 ? " change\n" : " changes\n");
            return sb.toString();
        }
        sb.append("apply: failed: ").append(failed.label()).append(": ").append(error)
            .append('\n');
        sb.append("apply: done: ").append(names(done)).append('\n');
        sb.append("apply: not done: ").append(names(notDone)).append('\n');
        final List<PlanStep> recreates = partial.stream().filter((s) -> s instanceof PlanStep.Recreate).toList();
        final List<PlanStep> resizes = partial.stream().filter((s) -> s instanceof PlanStep.Resize).toList();
        if (!recreates.isEmpty())
        {
            sb.append("apply: destroyed but not created again: ").append(names(recreates)).append('\n');
        }
        if (!resizes.isEmpty())
        {
            sb.append("apply: reservations lowered but not raised again: ").append(names(resizes)).append('\n');
        }
        return sb.toString();
    }

    private static String names(final List<PlanStep> steps)
    {
        final StringBuilder sb = new StringBuilder();
        for (final PlanStep s : steps)
        {
            if (!s.isNoop())
            {
                sb.append(sb.length() == 0 ? "" : ", ").append(s.label());
            }
        }
        return sb.length() == 0 ? "nothing" : sb.toString();
    }
}

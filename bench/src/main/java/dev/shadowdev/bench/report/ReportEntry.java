package dev.shadowdev.bench.report;

import java.util.Arrays;

/**
 * One line of {@code latest.json}: a measured figure beside its named baseline from the same run, as the median of
 * rounds with the spread of the per-round ratios.
 *
 * @param name          what was measured, e.g. {@code e2e.passthrough.4096B.1s.quiet.ops_per_s}.
 * @param figure        shadowdev's figure, the median of its rounds.
 * @param unit          the unit of both figures.
 * @param baselineName  what it is compared with.
 * @param baseline      the baseline's figure, the median of its rounds.
 * @param ratio         the median over the rounds of {@code figure / baseline} taken round by round.
 * @param min           the smallest per-round ratio.
 * @param max           the largest per-round ratio.
 * @param rounds        how many rounds the ratio is the median of.
 * @param better        {@code higher} or {@code lower}: which way of the ratio is better.
 * @param target        the goal, if there is one (e.g. {@code ratio >= 0.9}).
 * @param met           whether the median met the goal; null without a goal.
 */
public record ReportEntry(
    String name,
    double figure,
    String unit,
    String baselineName,
    double baseline,
    double ratio,
    double min,
    double max,
    int rounds,
    String better,
    String target,
    Boolean met)
{
    /** A figure measured once (e.g. a deterministic count): one round. */
    static ReportEntry of(final String name, final double figure, final String unit, final String baselineName,
        final double baseline, final boolean higherIsBetter)
    {
        return of(name, unit, baselineName, new double[]{figure}, new double[]{baseline}, higherIsBetter);
    }

    /** Rounds paired by index: round r of the figure ran beside round r of the baseline. */
    static ReportEntry of(final String name, final String unit, final String baselineName, final double[] figures,
        final double[] baselines, final boolean higherIsBetter)
    {
        final Rounds.Stats ratios = Rounds.Stats.of(Rounds.ratios(figures, baselines));
        return new ReportEntry(name, Rounds.Stats.of(figures).median(), unit, baselineName,
            Rounds.Stats.of(baselines).median(), ratios.median(), ratios.min(), ratios.max(), ratios.rounds(),
            higherIsBetter ? "higher" : "lower", null, null);
    }

    /**
     * Counts over rounds (e.g. failed revocations out of revocations): the figure and the baseline are the totals,
     * the ratio is total over total, min and max are the per-round ratios.
     */
    static ReportEntry totals(final String name, final String unit, final String baselineName,
        final double[] figures, final double[] baselines)
    {
        final Rounds.Stats ratios = Rounds.Stats.of(Rounds.ratios(figures, baselines));
        final double figure = Arrays.stream(figures).sum();
        final double baseline = Arrays.stream(baselines).sum();
        return new ReportEntry(name, figure, unit, baselineName, baseline, baseline == 0 ? Double.NaN :
            figure / baseline, ratios.min(), ratios.max(), ratios.rounds(), "lower", null, null);
    }

    /** @return this with a goal on the median ratio: above {@code bound}. */
    ReportEntry ratioAbove(final double bound)
    {
        return withTarget("ratio > " + bound, ratio > bound);
    }

    /** @return this with a goal on the median ratio: at least {@code bound}. */
    ReportEntry ratioAtLeast(final double bound)
    {
        return withTarget("ratio >= " + bound, ratio >= bound);
    }

    /** @return this with a goal on the median ratio: at most {@code bound}. */
    ReportEntry ratioAtMost(final double bound)
    {
        return withTarget("ratio <= " + bound, ratio <= bound);
    }

    /** @return this with a goal on the figure: at most {@code bound}. */
    ReportEntry valueAtMost(final double bound)
    {
        return withTarget("figure <= " + bound, figure <= bound);
    }

    private ReportEntry withTarget(final String goal, final boolean reached)
    {
        return new ReportEntry(name, figure, unit, baselineName, baseline, ratio, min, max, rounds, better, goal,
            reached);
    }
}

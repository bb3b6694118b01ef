package dev.shadowdev.bench.report;

/**
 * One line of {@code latest.json}: a measured value beside its named baseline from the same run.
 *
 * @param name           what was measured, e.g. {@code e2e.passthrough.4096B.1s.ops_per_s}.
 * @param value          shadowdev's figure.
 * @param unit           the unit of both figures.
 * @param baseline       what it is compared with.
 * @param baselineValue  the baseline's figure.
 * @param ratio          {@code value / baseline_value}.
 * @param better         {@code higher} or {@code lower}: which way of the ratio is better.
 * @param target         the goal, if there is one (e.g. {@code ratio >= 0.8}).
 * @param met            whether the goal was met; null without a goal.
 */
public record ReportEntry(
    String name,
    double value,
    String unit,
    String baseline,
    double baselineValue,
    double ratio,
    String better,
    String target,
    Boolean met)
{
    static ReportEntry of(final String name, final double value, final String unit, final String baseline,
        final double baselineValue, final boolean higherIsBetter)
    {
        return new ReportEntry(name, value, unit, baseline, baselineValue,
            baselineValue == 0 ? Double.NaN : value / baselineValue, higherIsBetter ? "higher" : "lower", null, null);
    }

    /** @return this with a goal on the ratio: at least {@code min}. */
    ReportEntry ratioAtLeast(final double min)
    {
        return new ReportEntry(name, value, unit, baseline, baselineValue, ratio, better, "ratio >= " + min,
            ratio >= min);
    }

    /** @return this with a goal on the value: at most {@code max}. */
    ReportEntry valueAtMost(final double max)
    {
        return new ReportEntry(name, value, unit, baseline, baselineValue, ratio, better, "value <= " + max,
            value <= max);
    }
}

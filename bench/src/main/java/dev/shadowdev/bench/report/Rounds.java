package dev.shadowdev.bench.report;

import java.util.Arrays;
import java.util.Map;

/**
 * The arithmetic of rounds taken in turns: a figure is the median of its rounds, with their min and max; a ratio is
 * taken per round (round r of one target over round r of its baseline, which ran beside it) and reported the same
 * way; the baseline of a scenario is whichever C server had the higher median; and the order in which the arms of a
 * scenario take their turns alternates every round, so that drift on the machine falls on all of them alike.
 */
public final class Rounds
{
    private Rounds()
    {
    }

    /**
     * The median, min and max of some rounds.
     *
     * @param median the middle value (the mean of the two middle values for an even count).
     */
    public record Stats(double median, double min, double max, int rounds)
    {
        public static Stats of(final double[] values)
        {
            if (values.length == 0)
            {
                throw new IllegalArgumentException("no rounds: values=" + Arrays.toString(values));
            }
            final double[] v = values.clone();
            Arrays.sort(v);
            final int n = v.length;
            final double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Stats(median, v[0], v[n - 1], n);
        }
    }

    /** @return {@code figures[r] / baselines[r]} per round r; NaN where the baseline is 0. */
    public static double[] ratios(final double[] figures, final double[] baselines)
    {
        if (figures.length != baselines.length)
        {
            throw new IllegalArgumentException("rounds do not pair: figures=" + figures.length + " baselines=" +
                baselines.length);
        }
        final double[] r = new double[figures.length];
        for (int i = 0; i < r.length; i++)
        {
            r[i] = baselines[i] == 0 ? Double.NaN : figures[i] / baselines[i];
        }
        return r;
    }

    /**
     * @param roundsByServer per candidate baseline, its rate in each round (higher is faster).
     * @return the name of the candidate with the higher median (the first one listed on a tie).
     */
    public static String faster(final Map<String, double[]> roundsByServer)
    {
        String best = null;
        double bestMedian = Double.NEGATIVE_INFINITY;
        for (final Map.Entry<String, double[]> e : roundsByServer.entrySet())
        {
            final double median = Stats.of(e.getValue()).median();
            if (median > bestMedian)
            {
                best = e.getKey();
                bestMedian = median;
            }
        }
        if (best == null)
        {
            throw new IllegalArgumentException("no baseline to choose from: servers=" + roundsByServer.keySet());
        }
        return best;
    }

    /**
     * @return the order in which {@code arms} arms take their turn in round {@code round} (from 0): as listed in
     * even rounds, reversed in odd ones (a, b, c, c, b, a, a, b, c, ...).
     */
    public static int[] order(final int round, final int arms)
    {
        final int[] order = new int[arms];
        for (int k = 0; k < arms; k++)
        {
            order[k] = round % 2 == 0 ? k : arms - 1 - k;
        }
        return order;
    }
}

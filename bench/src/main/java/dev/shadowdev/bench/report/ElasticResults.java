package dev.shadowdev.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The elastic figures (issue 12), from the summary rows {@code E2eSuite} wrote for its elastic scenarios:
 * <ul>
 *   <li>per {@code elastic-revoke/<neighbour>}: the lender's ACTIVATE that needs a revocation (arm
 *   {@code revocation}) over the same ACTIVATE with nothing to revoke (arm {@code plain}), round by round: p50 (goal
 *   at most 2x), p99, server CPU per iteration; and the failed revocations over all revocations (goal: none);</li>
 *   <li>per {@code elastic-mixed/<neighbour>}: the card's utilisation on the elastic card (arm {@code elastic}) over
 *   the fixed v1 card (arm {@code fixed}), round by round (goal: higher); the inference ACTIVATEs within the
 *   reservation that the elastic card refused, over all of them (goal: none); and the failures of either card
 *   (an EXECUTE or DEACTIVATE that did not answer as it must) over all ACTIVATEs (goal: none).</li>
 * </ul>
 */
final class ElasticResults
{
    static final String REVOKE = "elastic-revoke/";
    static final String MIXED = "elastic-mixed/";
    /** Issue 12: a revocation's ACTIVATE at most twice the plain one's. */
    static final double REVOKE_P50_TARGET = 2.0;
    static final String PLAIN_BASELINE = "the lender's plain ACTIVATE (nothing to revoke), same card, same run, " +
        "alternating rounds (figure: the lender's ACTIVATE that preempts the borrower's newest workload)";
    static final String FIXED_BASELINE = "the same bursts on fixed v1 partitions of the same reservations " +
        "(figure: inference lends, batch borrows up to the whole card)";

    private ElasticResults()
    {
    }

    static List<ReportEntry> entries(final E2eResults e2e)
    {
        final List<ReportEntry> list = new ArrayList<>();
        for (final JsonNode revocation : e2e.summary())
        {
            final String scenario = revocation.path("scenario").asText();
            if (!scenario.startsWith(REVOKE) || !"revocation".equals(revocation.path("target").asText()))
            {
                continue;
            }
            final JsonNode plain = e2e.row(scenario, "plain", revocation.path("neighbour").asText());
            if (plain == null)
            {
                continue;
            }
            final String prefix = "elastic." + scenario.replace("elastic-", "").replace('/', '.') + ".";
            list.add(ReportEntry.of(prefix + "activate_p50_us", "us", PLAIN_BASELINE,
                E2eResults.rounds(revocation, "p50_us"), E2eResults.rounds(plain, "p50_us"), false)
                .ratioAtMost(REVOKE_P50_TARGET));
            list.add(ReportEntry.of(prefix + "activate_p99_us", "us", PLAIN_BASELINE,
                E2eResults.rounds(revocation, "p99_us"), E2eResults.rounds(plain, "p99_us"), false));
            list.add(ReportEntry.of(prefix + "server_cpu_us_per_iteration", "us CPU/iteration", PLAIN_BASELINE +
                    "; a revocation iteration is 5 round trips (B ACTIVATE, L ACTIVATE, B EXECUTE, B DEACTIVATE, " +
                    "L DEACTIVATE), a plain one 2", E2eResults.rounds(revocation, "server_cpu_us_per_iteration"),
                E2eResults.rounds(plain, "server_cpu_us_per_iteration"), false));
            list.add(ReportEntry.totals(prefix + "failures", "failed revocations", "revocations (each must " +
                    "succeed at once and leave the borrower's workload answering ECANCELED)",
                sum(E2eResults.rounds(revocation, "failures"), E2eResults.rounds(plain, "failures")),
                E2eResults.rounds(revocation, "ops")).valueAtMost(0));
        }
        for (final JsonNode elastic : e2e.summary())
        {
            final String scenario = elastic.path("scenario").asText();
            if (!scenario.startsWith(MIXED) || !"elastic".equals(elastic.path("target").asText()))
            {
                continue;
            }
            final JsonNode fixed = e2e.row(scenario, "fixed", elastic.path("neighbour").asText());
            if (fixed == null)
            {
                continue;
            }
            final String prefix = "elastic." + scenario.replace("elastic-", "").replace('/', '.') + ".";
            list.add(ReportEntry.of(prefix + "utilisation", "core-seconds used / available", FIXED_BASELINE,
                E2eResults.rounds(elastic, "utilisation"), E2eResults.rounds(fixed, "utilisation"), true)
                .ratioAbove(1.0));
            list.add(ReportEntry.totals(prefix + "missed_reservations", "refused inference ACTIVATEs",
                "inference ACTIVATEs within the reservation on the elastic card",
                E2eResults.rounds(elastic, "missed_reservations"),
                E2eResults.rounds(elastic, "inference_activations")).valueAtMost(0));
            list.add(ReportEntry.totals(prefix + "failures", "failed EXECUTEs/DEACTIVATEs",
                "ACTIVATEs on both cards",
                sum(E2eResults.rounds(elastic, "inference_failures"), E2eResults.rounds(elastic, "batch_failures"),
                    E2eResults.rounds(fixed, "inference_failures"), E2eResults.rounds(fixed, "batch_failures"),
                    E2eResults.rounds(fixed, "missed_reservations")),
                sum(E2eResults.rounds(elastic, "inference_activations"),
                    E2eResults.rounds(elastic, "batch_activations"), E2eResults.rounds(fixed, "inference_activations"),
                    E2eResults.rounds(fixed, "batch_activations"))).valueAtMost(0));
        }
        return list;
    }

    /** @return the round-by-round sum of some per-round figures. */
    static double[] sum(final double[]... perRound)
    {
        final double[] s = new double[perRound[0].length];
        for (final double[] figure : perRound)
        {
            if (figure.length != s.length)
            {
                throw new IllegalArgumentException("rounds do not pair: rounds=" + s.length + " other=" +
                    figure.length);
            }
            for (int i = 0; i < s.length; i++)
            {
                s[i] += figure[i];
            }
        }
        return s;
    }
}

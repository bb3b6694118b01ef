package dev.shadowdev.bench.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shadowdev.bench.report.Rounds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the elastic scenarios (issue 12; {@link ElasticScenario}) for {@link E2eSuite}: starts the cards they need
 * (the revocation card; the mixed scenario's elastic and fixed cards), warms each client up once, then runs the arms
 * of each scenario in alternating order round after round, and adds every round and a per-arm summary to the
 * suite's JSON.
 */
final class ElasticBench
{
    static final List<String> REVOKE_FIGURES = List.of("p50_us", "p99_us", "max_us", "mean_us", "ops", "preempted",
        "failures", "round_ms", "server_cpu_ms", "server_cpu_us_per_op", "server_cpu_us_per_iteration");
    static final List<String> MIXED_FIGURES = List.of("utilisation", "mean_used_cores", "inference_activations",
        "missed_reservations", "inference_failures", "batch_activations", "batch_preempted", "batch_failures",
        "server_cpu_ms");
    private static final int WARMUP_ITERATIONS = 1000;
    private static final long MIXED_WARMUP_MS = 600;

    private final Settings settings;
    private final Loadgen loadgen;

    /**
     * @param iterations L's ACTIVATEs per arm and round in the revocation scenario.
     * @param mixedMs    how long each arm of the mixed scenario runs per round.
     */
    record Settings(String java, List<String> serverJvm, Path jar, Path work, int rounds, int iterations,
        long mixedMs)
    {
    }

    ElasticBench(final Settings settings, final Loadgen loadgen)
    {
        this.settings = settings;
        this.loadgen = loadgen;
    }

    /** Run {@code scenarios}; adds to {@code samples} and {@code summary}; @return the settings for the JSON. */
    ObjectNode run(final List<ElasticScenario> scenarios, final ArrayNode samples, final ArrayNode summary)
        throws IOException, InterruptedException
    {
        final ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("rounds", settings.rounds());
        m.put("revocation_iterations_per_round", settings.iterations());
        m.put("mixed_ms_per_round", settings.mixedMs());
        m.put("client", "dev.shadowdev.bench.elastic.ElasticClient: a JVM of its own per card, NodeClient " +
            "(write/read through libc), warm across rounds, only the lender's ACTIVATE round trip timed");
        m.put("revoke_config", ElasticConfigs.revoke());
        m.put("mixed_config_elastic", ElasticConfigs.mixed(true));
        m.put("mixed_config_fixed", ElasticConfigs.mixed(false));
        final boolean revoke = scenarios.stream().anyMatch(ElasticScenario::revoke);
        final boolean mixed = scenarios.stream().anyMatch((s) -> !s.revoke());
        try (ElasticTarget revokeCard = revoke ? start("elastic-revoke", ElasticConfigs.revoke(), List.of("revoke",
                "--lender", ElasticConfigs.LENDER, "--borrower", ElasticConfigs.BORROWER,
                "--borrower-own", Integer.toString(ElasticConfigs.BORROWER_OWN),
                "--lender-min", Integer.toString(ElasticConfigs.LENDER_MIN))) : null;
            ElasticTarget elasticCard = mixed ? start("elastic-mixed", ElasticConfigs.mixed(true), mixedArgs()) : null;
            ElasticTarget fixedCard = mixed ? start("fixed-mixed", ElasticConfigs.mixed(false), mixedArgs()) : null)
        {
            if (revokeCard != null)
            {
                revokeCard.command("revocation " + WARMUP_ITERATIONS);
                revokeCard.command("plain " + WARMUP_ITERATIONS);
            }
            if (mixed)
            {
                elasticCard.command("mixed " + MIXED_WARMUP_MS + " 0");
                fixedCard.command("mixed " + MIXED_WARMUP_MS + " 0");
            }
            for (final ElasticScenario s : scenarios)
            {
                final Map<String, List<ObjectNode>> byArm = new HashMap<>();
                final List<String> arms = s.arms();
                for (int r = 0; r < settings.rounds(); r++)
                {
                    for (final int k : Rounds.order(r, arms.size()))
                    {
                        final String arm = arms.get(k);
                        final ObjectNode sample = s.revoke() ? revokeRound(revokeCard, arm, s.neighbour()) :
                            (ElasticScenario.ELASTIC_ARM.equals(arm) ? elasticCard : fixedCard)
                                .command("mixed " + settings.mixedMs() + " " + (r + 1));
                        sample.put("scenario", s.key());
                        sample.put("target", arm);
                        sample.put("neighbour", s.neighbour());
                        sample.put("round", r + 1);
                        samples.add(sample);
                        byArm.computeIfAbsent(arm, (a) -> new ArrayList<>()).add(sample);
                        log(s, arm, r, sample);
                    }
                }
                for (final String arm : arms)
                {
                    summary.add(Summaries.of(s.key(), arm, s.neighbour(), byArm.get(arm),
                        s.revoke() ? REVOKE_FIGURES : MIXED_FIGURES));
                }
            }
        }
        return m;
    }

    private ObjectNode revokeRound(final ElasticTarget card, final String arm, final String neighbour)
        throws IOException, InterruptedException
    {
        final Loadgen.Neighbour spin = Scenario.BUSY.equals(neighbour) ? loadgen.spin() : null;
        final ObjectNode sample;
        try
        {
            sample = card.command(arm + " " + settings.iterations());
        }
        finally
        {
            if (spin != null)
            {
                spin.stop();
            }
        }
        final double cpuUs = sample.path("server_cpu_ms").asDouble() * 1000;
        sample.put("server_cpu_us_per_op", cpuUs / Math.max(1, sample.path("round_trips").asLong()));
        sample.put("server_cpu_us_per_iteration", cpuUs / Math.max(1, sample.path("ops").asLong()));
        return sample;
    }

    private List<String> mixedArgs()
    {
        return List.of("mixed", "--inference", ElasticConfigs.INFER_A + "," + ElasticConfigs.INFER_B,
            "--inference-workloads", Integer.toString(ElasticConfigs.INFERENCE_MIN), "--batch", ElasticConfigs.BATCH,
            "--batch-workloads", Integer.toString(ElasticConfigs.BATCH_MAX));
    }

    private ElasticTarget start(final String name, final String config, final List<String> clientArgs)
        throws IOException, InterruptedException
    {
        return ElasticTarget.start(name, settings.java(), settings.serverJvm(), settings.jar(),
            settings.work().resolve(name), config, clientArgs);
    }

    private static void log(final ElasticScenario s, final String arm, final int r, final ObjectNode sample)
    {
        if (s.revoke())
        {
            System.out.println(String.format("e2e: %-22s %-10s round %d: activate p50 %7.1f us  p99 %8.1f us  " +
                    "%d ops  %d failures  server cpu %6.1f us/round trip %s", s.key(), arm, r + 1,
                sample.path("p50_us").asDouble(), sample.path("p99_us").asDouble(), sample.path("ops").asLong(),
                sample.path("failures").asLong(), sample.path("server_cpu_us_per_op").asDouble(),
                sample.path("failure").asText()));
        }
        else
        {
            System.out.println(String.format("e2e: %-22s %-10s round %d: utilisation %.3f  inference activations " +
                    "%d  missed %d  batch preempted %d  failures %d/%d %s", s.key(), arm, r + 1,
                sample.path("utilisation").asDouble(),
                sample.path("inference_activations").asLong(), sample.path("missed_reservations").asLong(),
                sample.path("batch_preempted").asLong(), sample.path("inference_failures").asLong(),
                sample.path("batch_failures").asLong(), sample.path("failure").asText()));
        }
    }
}

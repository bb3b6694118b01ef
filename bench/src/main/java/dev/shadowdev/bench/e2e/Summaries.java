package dev.shadowdev.bench.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shadowdev.bench.report.Rounds;

import java.util.List;

/**
 * One arm of a scenario over its rounds: per figure the median, min and max, and the rounds themselves in the order
 * they ran (so that the report can pair round r of shadowdev with round r of its baseline).
 */
final class Summaries
{
    static final List<String> FIGURES = List.of("ops_per_s", "mb_per_s", "p50_us", "p99_us", "p999_us", "max_us",
        "server_cpu_us_per_op", "client_cpu_us_per_op");

    private Summaries()
    {
    }

    static ObjectNode of(final Scenario scenario, final String target, final String neighbour,
        final List<ObjectNode> rounds)
    {
        final ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("scenario", scenario.key());
        m.put("target", target);
        m.put("workload", scenario.workload().key());
        m.put("size", scenario.size());
        m.put("sessions", scenario.sessions());
        m.put("neighbour", neighbour);
        return figures(m, rounds, FIGURES);
    }

    /** An elastic scenario's arm: its own figures (e.g. p50_us, failures, utilisation), same shape. */
    static ObjectNode of(final String scenario, final String target, final String neighbour,
        final List<ObjectNode> rounds, final List<String> figures)
    {
        final ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("scenario", scenario);
        m.put("target", target);
        m.put("neighbour", neighbour);
        return figures(m, rounds, figures);
    }

    private static ObjectNode figures(final ObjectNode m, final List<ObjectNode> rounds, final List<String> figures)
    {
        m.put("rounds", rounds.size());
        final ObjectNode perRound = m.objectNode();
        for (final String figure : figures)
        {
            final double[] values = rounds.stream().mapToDouble((r) -> r.path(figure).asDouble()).toArray();
            final Rounds.Stats stats = Rounds.Stats.of(values);
            m.put(figure, stats.median());
            m.put(figure + "_min", stats.min());
            m.put(figure + "_max", stats.max());
            final ArrayNode list = perRound.putArray(figure);
            for (final double v : values)
            {
                list.add(v);
            }
        }
        m.set("per_round", perRound);
        return m;
    }
}

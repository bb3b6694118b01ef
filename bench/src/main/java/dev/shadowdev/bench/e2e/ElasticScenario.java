package dev.shadowdev.bench.e2e;

import java.util.List;

/**
 * An elastic scenario (issue 12), each on cards of its own ({@link ElasticTarget}):
 * <ul>
 *   <li>{@code elastic-revoke/quiet}, {@code elastic-revoke/busy}: the lender's ACTIVATE that needs a revocation
 *   (arm {@code revocation}) against the same ACTIVATE with nothing to revoke (arm {@code plain}), quiet or beside
 *   one busy loop;</li>
 *   <li>{@code elastic-mixed/quiet}: the card's utilisation under bursty inference and a batch partition that runs
 *   wide, on an elastic card (arm {@code elastic}) against fixed v1 partitions of the same reservations (arm
 *   {@code fixed}).</li>
 * </ul>
 */
record ElasticScenario(String kind, String neighbour)
{
    static final String REVOKE = "elastic-revoke";
    static final String MIXED = "elastic-mixed";
    static final String REVOCATION_ARM = "revocation";
    static final String PLAIN_ARM = "plain";
    static final String ELASTIC_ARM = "elastic";
    static final String FIXED_ARM = "fixed";

    String key()
    {
        return kind + "/" + neighbour;
    }

    boolean revoke()
    {
        return REVOKE.equals(kind);
    }

    /** @return the arms in the order they take turns in even rounds. */
    List<String> arms()
    {
        return revoke() ? List.of(REVOCATION_ARM, PLAIN_ARM) : List.of(ELASTIC_ARM, FIXED_ARM);
    }

    static List<ElasticScenario> suite()
    {
        return List.of(new ElasticScenario(REVOKE, Scenario.QUIET), new ElasticScenario(REVOKE, Scenario.BUSY),
            new ElasticScenario(MIXED, Scenario.QUIET));
    }
}

package dev.shadowdev.bench.e2e;

import dev.shadowdev.devfs.config.ConfigLoader;
import dev.shadowdev.devfs.config.DevfsConfig;
import dev.shadowdev.devfs.config.PartitionSpec;
import dev.shadowdev.devfs.resource.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElasticScenarioTest
{
    @Test
    void keysAndArms()
    {
        assertEquals(List.of("elastic-revoke/quiet", "elastic-revoke/busy", "elastic-mixed/quiet"),
            ElasticScenario.suite().stream().map(ElasticScenario::key).toList());
        assertEquals(List.of("revocation", "plain"), ElasticScenario.suite().get(0).arms());
        assertEquals(List.of("elastic", "fixed"), ElasticScenario.suite().get(2).arms());
    }

    private static Resources reserved(final DevfsConfig config)
    {
        Resources sum = Resources.ZERO;
        for (final PartitionSpec p : config.partitions())
        {
            sum = sum.plus(p.min());
        }
        return sum;
    }

    /** Nothing unreserved: what a partition borrows can only be a lender's idle reservation. */
    @Test
    void revocationCardIsFullyReservedAndOnlyTheLenderLends() throws Exception
    {
        final DevfsConfig c = ConfigLoader.parse("revoke", ElasticConfigs.revoke());
        assertEquals(c.capacity(), reserved(c));
        final PartitionSpec lender = c.partition(ElasticConfigs.LENDER);
        final PartitionSpec borrower = c.partition(ElasticConfigs.BORROWER);
        assertTrue(lender.lend());
        assertFalse(borrower.lend());
        assertFalse(c.partition(ElasticConfigs.FIXED).lend());
        assertEquals(ElasticConfigs.LENDER_MIN, lender.min().get(0));
        assertEquals(ElasticConfigs.BORROWER_OWN, borrower.min().get(0));
        assertEquals(ElasticConfigs.BORROWER_OWN + ElasticConfigs.LENDER_MIN, borrower.max().get(0));
        assertEquals(borrower.min().get(4), borrower.min().get(0), "a DMA channel per core");
        assertEquals(borrower.max().get(4), borrower.max().get(0));
    }

    @Test
    void mixedCardsHaveTheSameReservationsAndOnlyTheElasticOneLendsAndBorrows() throws Exception
    {
        final DevfsConfig elastic = ConfigLoader.parse("elastic", ElasticConfigs.mixed(true));
        final DevfsConfig fixed = ConfigLoader.parse("fixed", ElasticConfigs.mixed(false));
        assertEquals(elastic.capacity(), reserved(elastic));
        assertEquals(reserved(elastic), reserved(fixed));
        for (final PartitionSpec p : fixed.partitions())
        {
            assertEquals(p.min(), p.max(), p.name());
            assertFalse(p.lend(), p.name());
            assertEquals(p.min(), elastic.partition(p.name()).min(), p.name());
        }
        assertTrue(elastic.partition(ElasticConfigs.INFER_A).lend());
        assertTrue(elastic.partition(ElasticConfigs.INFER_B).lend());
        assertEquals(ElasticConfigs.BATCH_MAX, elastic.partition(ElasticConfigs.BATCH).max().get(0));
    }

    @Test
    void procStatCpuTicksSurviveSpacesAndParenthesesInTheCommand()
    {
        final String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 40 0 99 0";
        assertEquals(1234 + 567, ProcCpu.parse(stat));
        assertEquals(18010.0, ProcCpu.ticksToMs(1801));
    }
}

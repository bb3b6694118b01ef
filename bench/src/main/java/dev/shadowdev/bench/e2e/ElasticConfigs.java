package dev.shadowdev.bench.e2e;

/**
 * The elastic scenarios' partition configs (issue 12; the TOML of {@code examples/elastic.toml}) on the aic100 card:
 * 16 cores, 32 GiB, 32 bus replicators, 64 semaphores, 16 DMA channels, every resource fully reserved, so that what
 * a partition borrows can only come from a lender's idle reservation.
 */
final class ElasticConfigs
{
    static final String FIXED = "el-fixed";
    static final String LENDER = "el-lender";
    static final String BORROWER = "el-borrower";
    /** The lender's reservation, in one-core one-DMA-channel workloads. */
    static final int LENDER_MIN = 4;
    /** The borrower's reservation, in workloads. */
    static final int BORROWER_OWN = 2;
    static final String INFER_A = "infer-a";
    static final String INFER_B = "infer-b";
    static final String BATCH = "batch";
    /** Each inference partition's reservation (= its bursts' width), in workloads. */
    static final int INFERENCE_MIN = 4;
    /** The batch partition's reservation (its fixed size on the v1 card), in workloads. */
    static final int BATCH_MIN = 8;
    /** The batch partition's limit on the elastic card: the whole card. */
    static final int BATCH_MAX = 16;

    private ElasticConfigs()
    {
    }

    /**
     * Revocation: a fixed partition of 10 cores and 10 DMA channels, the lender L (4, lends), the borrower B
     * (reserves 2, may use 6); memory, bus replicators and semaphores fixed, so only cores and DMA channels borrow.
     */
    static String revoke()
    {
        return header("revocation latency: B borrows L's idle reservation, L takes it back") +
            partition(FIXED, "10", "\"16GiB\"", "16", "32", "10", false) +
            partition(LENDER, range(LENDER_MIN, LENDER_MIN), "\"8GiB\"", "8", "16", range(LENDER_MIN, LENDER_MIN),
                true) +
            partition(BORROWER, range(BORROWER_OWN, BORROWER_OWN + LENDER_MIN), "\"8GiB\"", "8", "16",
                range(BORROWER_OWN, BORROWER_OWN + LENDER_MIN), false);
    }

    /**
     * Mixed, elastic: two inference partitions of 4 that lend, a batch partition that reserves 8 and may use all
     * 16; or, {@code elastic} false, the same reservations as fixed v1 partitions (min = max, nothing lent).
     */
    static String mixed(final boolean elastic)
    {
        final String batchCores = elastic ? range(BATCH_MIN, BATCH_MAX) : Integer.toString(BATCH_MIN);
        return header(elastic ? "mixed, elastic: inference lends, batch borrows" :
            "mixed, fixed v1 partitions of the same reservations") +
            partition(INFER_A, Integer.toString(INFERENCE_MIN), "\"4GiB\"", "4", "8",
                Integer.toString(INFERENCE_MIN), elastic) +
            partition(INFER_B, Integer.toString(INFERENCE_MIN), "\"4GiB\"", "4", "8",
                Integer.toString(INFERENCE_MIN), elastic) +
            partition(BATCH, batchCores, "\"24GiB\"", "24", "48", batchCores, false);
    }

    private static String header(final String what)
    {
        return "# written by the bench: " + what + "\n[device]\nprofile = \"aic100\"\n";
    }

    private static String range(final int min, final int max)
    {
        return "{ min = " + min + ", max = " + max + " }";
    }

    private static String partition(final String name, final String cores, final String memory, final String bus,
        final String semaphores, final String dma, final boolean lend)
    {
        return "\n[[partition]]\nname = \"" + name + "\"\ncores = " + cores + "\nmemory = " + memory +
            "\nbus_replicators = " + bus + "\nsemaphores = " + semaphores + "\ndma_channels = " + dma +
            "\nlend = " + lend + "\nmode = \"0660\"\nuid = 0\ngid = 0\n";
    }
}

package dev.shadowdev.abi;

/**
 * The five resource types of a card, in the fixed order used by every resource vector of the ABI
 * ({@code u64 res[5]}) and by every short/used/free mask (bit i = resource i).
 */
public enum Resource
{
    /** Compute cores (NSPs): identified units, a partition owns a specific set. */
    CORES("cores", true),
    /** Device memory in bytes: counted. */
    MEMORY("memory", false),
    /** Bus replicators: counted. */
    BUS_REPLICATORS("bus_replicators", false),
    /** Semaphores: counted. */
    SEMAPHORES("semaphores", false),
    /** DMA bridge channels (DBCs): identified units, a partition owns a specific set. */
    DMA_CHANNELS("dma_channels", true);

    /** Number of resource types: the length of every resource vector. */
    public static final int COUNT = 5;

    private static final Resource[] VALUES = values();

    private final String key;
    private final boolean identified;

    Resource(final String key, final boolean identified)
    {
        this.key = key;
        this.identified = identified;
    }

    /** @return the lower-case key used in configs, attribute files and error messages. */
    public String key()
    {
        return key;
    }

    /** @return true when units of this type have identities (cores, DMA channels). */
    public boolean identified()
    {
        return identified;
    }

    /** @return this resource's bit in a short/used mask. */
    public int bit()
    {
        return 1 << ordinal();
    }

    /** @return the resource at vector index {@code i}. */
    public static Resource of(final int i)
    {
        return VALUES[i];
    }
}

package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.client.PartitionEntryEx;
import dev.shadowdev.devfs.config.DevfsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * The privileged daemon of the design: reconciles the card to a config through the base node. {@link #plan} asks
 * the card (PART_QUERY, POOL_QUERY) and reads the saved state, changing nothing; {@link #execute} acts on a plan.
 * The first start, a restart after a reset (same minors, from the state) and an {@code apply} of an edited config
 * are all the same two calls.
 */
public final class PartitionDaemon
{
    private static final Logger LOG = LoggerFactory.getLogger(PartitionDaemon.class);

    private final PartitionControl control;
    private final StateStore store;
    private final PlanExecutor executor;

    public PartitionDaemon(final PartitionControl control, final NodeAttributes attributes, final StateStore store)
    {
        this.control = control;
        this.store = store;
        this.executor = new PlanExecutor(control, attributes, store);
    }

    /**
     * @param config the wanted partitions.
     * @param force  plan to destroy or recreate partitions with active workloads.
     * @return the plan; print it with {@link Plan#render()}.
     * @throws NodeException when the card cannot be asked.
     * @throws IOException   when the saved state cannot be read.
     */
    public Plan plan(final DevfsConfig config, final boolean force) throws NodeException, IOException
    {
        return plan(config, force, false);
    }

    /**
     * @param config       the wanted partitions.
     * @param force        plan to destroy or recreate partitions with active workloads.
     * @param restoreSaved also restore the bindings the state records beyond the config's ({@code shadowdev bind}):
     *                     for {@code up} and the rebuild after a reset; see {@link Planner}.
     * @return the plan; print it with {@link Plan#render()}.
     * @throws NodeException when the card cannot be asked or the bindings cannot be read.
     * @throws IOException   when the saved state cannot be read.
     */
    public Plan plan(final DevfsConfig config, final boolean force, final boolean restoreSaved)
        throws NodeException, IOException
    {
        final DaemonState state = store.load();
        return Planner.plan(config, card(), control.bindings(), state, force, restoreSaved);
    }

    /**
     * @return the card with its elastic view (PART_QUERY_EX) when it answers it, else the fixed view (PART_QUERY):
     *     a card or driver without elastic partitions refuses the new type, and its partitions are re-created to
     *     change size as before.
     */
    private CardView card() throws NodeException
    {
        final List<PartitionEntryEx> entries;
        try
        {
            entries = control.queryEx();
        }
        catch (final NodeException ex)
        {
            LOG.info("plan: the card does not answer PART_QUERY_EX, partitions change size by re-creation: {}",
                ex.getMessage());
            return CardView.fixed(control.query(), control.globalFree());
        }
        return new CardView(entries, control.globalFree(), control.total(), true);
    }

    /**
     * @param plan  from {@link #plan}, executable.
     * @param force as given to {@link #plan}.
     * @return what was done.
     * @throws IOException when the saved state cannot be read; nothing is done then.
     */
    public ApplyReport execute(final Plan plan, final boolean force) throws IOException
    {
        return executor.execute(plan, store.load(), force);
    }
}

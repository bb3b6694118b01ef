package dev.shadowdev.devfs.daemon;

import dev.shadowdev.devfs.client.NodeException;
import dev.shadowdev.devfs.config.DevfsConfig;

import java.io.IOException;

/**
 * The privileged daemon of the design: reconciles the card to a config through the base node. {@link #plan} asks
 * the card (PART_QUERY, POOL_QUERY) and reads the saved state, changing nothing; {@link #execute} acts on a plan.
 * The first start, a restart after a reset (same minors, from the state) and an {@code apply} of an edited config
 * are all the same two calls.
 */
public final class PartitionDaemon
{
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
        return Planner.plan(config, control.query(), control.bindings(), control.globalFree(), state, force,
            restoreSaved);
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
